import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Organisation, endpointOf } from './config';
import type { NetworkContext } from './context';
import { onlyFile } from './msp';
import type { ProcessSpec } from './processes';
import { httpOk } from './probes';

/** A demo client as `npm start` hands it out in clients.json. */
export interface ProvisionedClient {
  readonly name: string;
  readonly org: string;
  readonly role: string;
  readonly venueId?: string;
  readonly apiKey: string;
}

/** The contents of clients.json: where each gateway is and the demo clients' API keys. */
export interface ClientsFile {
  readonly gateways: Record<string, { readonly url: string }>;
  readonly clients: readonly ProvisionedClient[];
}

export function gatewayUrl(org: Organisation): string {
  return `http://${endpointOf(org, org.ports.gateway)}`;
}

/** Writes the gateway configuration of an organisation (its own peer first, then the others). */
function writeGatewayConfig(ctx: NetworkContext, org: Organisation): void {
  const { paths, network } = ctx;
  const stateDir = paths.gatewayState(org);
  mkdirSync(stateDir, { recursive: true });
  const qrKey = join(stateDir, 'qr-signing-key.pem');
  if (org.signsPassQrCodes && !existsSync(qrKey)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(qrKey, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  const peers = [org, ...network.organisations.filter((o) => o !== org)].map((o) => ({
    endpoint: endpointOf(o, o.ports.peer),
    tlsRootCertPath: paths.org(o).tlsCaCert,
  }));
  const config = {
    org: org.name,
    mspId: org.mspId,
    host: org.host,
    port: org.ports.gateway,
    channel: network.channel,
    chaincode: network.chaincode.name,
    stateDir,
    peers,
    ca: {
      url: `https://${endpointOf(org, org.ports.ca)}`,
      caName: 'ca',
      tlsCertPath: paths.org(org).caCert,
      registrarMspDir: join(paths.org(org).identity('registrar-ca'), 'msp'),
      clientBinary: ctx.fabric.bin('fabric-ca-client'),
    },
    keyStorePath: join(stateDir, 'clients.json'),
    ...(org.signsPassQrCodes ? { qrSigningKeyPath: qrKey } : {}),
    rateLimitPerMinute: 6000,
  };
  writeFileSync(paths.gatewayConfig(org), JSON.stringify(config, null, 2));
}

/**
 * Gives every demo client of network.json an API key (once): the gateway's key store gets its hash,
 * clients.json the key itself, for the demo and the tests.
 */
function provisionClients(ctx: NetworkContext): void {
  const { paths, network } = ctx;
  if (existsSync(paths.clientsFile)) {
    return;
  }
  const clients: ProvisionedClient[] = [];
  for (const org of network.organisations) {
    const records = org.clients.map((client) => {
      const apiKey = `sp_${org.name}_${randomBytes(24).toString('base64url')}`;
      clients.push({
        name: client.name,
        org: org.name,
        role: client.role,
        ...(client.venueId ? { venueId: client.venueId } : {}),
        apiKey,
      });
      const msp = join(paths.org(org).identity(client.name), 'msp');
      return {
        name: client.name,
        role: client.role,
        ...(client.venueId ? { venueId: client.venueId } : {}),
        mspId: org.mspId,
        apiKeySha256: createHash('sha256').update(apiKey).digest('hex'),
        certPath: onlyFile(join(msp, 'signcerts')),
        keyPath: onlyFile(join(msp, 'keystore')),
      };
    });
    mkdirSync(paths.gatewayState(org), { recursive: true });
    writeFileSync(
      join(paths.gatewayState(org), 'clients.json'),
      JSON.stringify({ clients: records }, null, 2),
      { mode: 0o600 },
    );
  }
  const gateways = Object.fromEntries(network.organisations.map((o) => [o.name, { url: gatewayUrl(o) }]));
  const file: ClientsFile = { gateways, clients };
  writeFileSync(paths.clientsFile, JSON.stringify(file, null, 2), { mode: 0o600 });
}

/** The gateway processes, one per organisation, with their configuration and clients provisioned. */
function gatewayMain(ctx: NetworkContext): string {
  return join(ctx.gatewayDir, 'dist', 'main.js');
}

/** Writes every gateway's configuration and provisions the demo clients, once the gateway is built. */
export function provisionGateways(ctx: NetworkContext): void {
  if (!existsSync(gatewayMain(ctx))) {
    return;
  }
  provisionClients(ctx);
  for (const org of ctx.network.organisations) {
    writeGatewayConfig(ctx, org);
  }
}

/** The gateway processes, one per organisation (none while the gateway is not built). */
export function gatewayProcesses(ctx: NetworkContext): ProcessSpec[] {
  const main = gatewayMain(ctx);
  if (!existsSync(main)) {
    return [];
  }
  return ctx.network.organisations.map((org) => ({
    name: `gateway-${org.name}`,
    command: process.execPath,
    args: [main, '--config', ctx.paths.gatewayConfig(org)],
    env: { NODE_ENV: 'production' },
    ready: () => httpOk(`${gatewayUrl(org)}/health`),
    readyWhen: 'it answers GET /health',
    port: org.ports.gateway,
    host: org.host,
  }));
}
