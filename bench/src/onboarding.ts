import { readFileSync } from 'node:fs';
import {
  credentialsFrom,
  fetchTrusting,
  type Credentials,
  type GatewayEntry,
  type NetworkContext,
  type Organisation,
} from '@stadspas/network';

/** A venue client onboarded at its organisation's gateway: its API key, and its identity for direct use. */
export interface OnboardedVenueClient {
  readonly name: string;
  readonly apiKey: string;
  readonly credentials: Credentials;
  /** Where the gateway keeps the identity's certificate and private key (PEM). */
  readonly certPath: string;
  readonly keyPath: string;
}

interface KeyStoreRecord {
  readonly name: string;
  readonly certPath: string;
  readonly keyPath: string;
}

/**
 * Onboards a new venue client at the organisation's gateway (POST /api/v1/clients, as its admin): the gateway
 * registers and enrols the identity at the organisation's CA and returns the client's API key. The direct
 * Fabric Gateway client signs as the same identity, read from where that gateway keeps it, so REST and
 * direct calls are made by one identity.
 * @throws Error naming the gateway's answer when it refuses; when the gateway's key store has no such client.
 */
export async function onboardVenueClient(
  ctx: NetworkContext,
  org: Organisation,
  gateway: GatewayEntry,
  adminApiKey: string,
  client: { readonly name: string; readonly venueId: string },
): Promise<OnboardedVenueClient> {
  const response = await fetchTrusting(gateway.ca)(`${gateway.url}/api/v1/clients`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminApiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: client.name, role: 'venue', venueId: client.venueId }),
    signal: AbortSignal.timeout(60_000),
  });
  if (response.status !== 201) {
    throw new Error(
      `onboarding ${client.name} at ${gateway.url} answered ${response.status}: ${await response.text()}`,
    );
  }
  const { apiKey } = (await response.json()) as { apiKey: string };
  const gatewayConfig = JSON.parse(readFileSync(ctx.paths.org(org).gatewayConfig, 'utf8')) as {
    keyStorePath: string;
  };
  const store = JSON.parse(readFileSync(gatewayConfig.keyStorePath, 'utf8')) as { clients: KeyStoreRecord[] };
  const record = store.clients.find((c) => c.name === client.name);
  if (record === undefined) {
    throw new Error(`the gateway's key store ${gatewayConfig.keyStorePath} has no client ${client.name}`);
  }
  return {
    name: client.name,
    apiKey,
    credentials: credentialsFrom(org.mspId, readFileSync(record.certPath), readFileSync(record.keyPath)),
    certPath: record.certPath,
    keyPath: record.keyPath,
  };
}
