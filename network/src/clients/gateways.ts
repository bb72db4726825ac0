import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseConfig, type GatewayConfigInput } from '@stadspas/gateway/config';
import { type Organisation, endpointOf, isMunicipality } from '../description/config';
import type { NetworkContext } from '../description/context';
import { NODE_IDENTITIES } from '../identities/identities';
import { enrolledIdentityFiles } from './fabric-client';
import { onlyFile } from '../identities/msp';
import type { ProcessSpec } from '../processes/processes';
import { httpOk } from '../processes/probes';

/** A demo client as `npm start` hands it out in clients.json. */
export interface ProvisionedClient {
  readonly name: string;
  readonly org: string;
  readonly role: string;
  readonly venueId?: string;
  readonly apiKey: string;
}

/** One gateway in clients.json: its address, and the TLS CA certificate (PEM) its HTTPS certificate comes from. */
export interface GatewayEntry {
  readonly url: string;
  readonly ca: string;
}

/** The contents of clients.json: where each gateway is and the demo clients' API keys. */
export interface ClientsFile {
  readonly gateways: Record<string, GatewayEntry>;
  readonly clients: readonly ProvisionedClient[];
}

export function gatewayUrl(org: Organisation): string {
  return `https://${endpointOf(org, org.ports.gateway)}`;
}

/** Where an organisation's gateway is, and the CA to trust for it, as its own node knows them. */
export function gatewayEntry(ctx: NetworkContext, org: Organisation): GatewayEntry {
  return { url: gatewayUrl(org), ca: ctx.paths.org(org).publicOf(org).tlsCaCert };
}

/** The certificate and key an organisation's gateway serves HTTPS with: its own identity's TLS certificate. */
export function gatewayTls(ctx: NetworkContext, org: Organisation): { certPath: string; keyPath: string } {
  const tls = join(ctx.paths.org(org).identity(NODE_IDENTITIES.gatewayReader), 'tls');
  return { certPath: join(tls, 'server.crt'), keyPath: join(tls, 'server.key') };
}

/**
 * Writes the gateway configuration of an organisation, which dials its own peer only. It is checked by the
 * gateway's own schema first.
 * @throws ConfigError (from the gateway) when the gateway would refuse the configuration; nothing is written.
 */
function writeGatewayConfig(ctx: NetworkContext, org: Organisation): void {
  const { network } = ctx;
  const own = ctx.paths.org(org);
  const stateDir = own.gatewayState;
  mkdirSync(stateDir, { recursive: true });
  const qrKey = join(stateDir, 'qr-signing-key.pem');
  if (isMunicipality(org) && !existsSync(qrKey)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(qrKey, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  // Only the organisation's own peer: the gateway believes what it reads, so it reads nothing from a partner.
  const peers = [
    {
      mspId: org.mspId,
      endpoint: endpointOf(org, org.ports.peer),
      tlsRootCertPath: own.publicOf(org).tlsCaCert,
    },
  ];
  const config: GatewayConfigInput = {
    org: org.name,
    mspId: org.mspId,
    roles: [...org.roles],
    host: org.host,
    port: org.ports.gateway,
    tls: gatewayTls(ctx, org),
    channel: network.channel,
    chaincode: network.chaincode.name,
    stateDir,
    nodeDir: own.root,
    peers,
    ca: {
      url: `https://${endpointOf(org, org.ports.ca)}`,
      caName: 'ca',
      tlsCertPath: own.caCert,
      registrarMspDir: join(own.identity(NODE_IDENTITIES.gatewayRegistrar), 'msp'),
      clientBinary: ctx.fabric.bin('fabric-ca-client'),
    },
    keyStorePath: gatewayKeyStore(ctx, org),
    reader: enrolledIdentityFiles(ctx, org, NODE_IDENTITIES.gatewayReader),
    ...(isMunicipality(org) ? { qrSigningKeyPath: qrKey } : {}),
    ...(org.bankAccount === undefined ? {} : { bankAccount: org.bankAccount }),
    rateLimitPerMinute: 6000,
    // A node on the loopback address is the city on one machine, where partners' webhook receivers run too.
    ...(/^127(\.\d{1,3}){3}$/.test(org.host) ? { webhookAllowedNetworks: ['127.0.0.0/8'] } : {}),
  };
  parseConfig(config, own.gatewayConfig);
  writeFileSync(own.gatewayConfig, JSON.stringify(config, null, 2));
}

/** The gateway's key store: each client's API key hash and where its Fabric identity's files are. */
function gatewayKeyStore(ctx: NetworkContext, org: Organisation): string {
  return join(ctx.paths.org(org).gatewayState, 'clients.json');
}

/** The MSP folder of every client in the gateway's key store: the demo's and those it onboarded. */
export function onboardedClientMsps(
  ctx: NetworkContext,
  org: Organisation,
): { readonly name: string; readonly mspDir: string }[] {
  const file = gatewayKeyStore(ctx, org);
  if (!existsSync(file)) {
    return [];
  }
  const { clients } = JSON.parse(readFileSync(file, 'utf8')) as {
    clients: { name: string; certPath: string }[];
  };
  // certPath is <msp>/signcerts/<file>.
  return clients.map((c) => ({ name: c.name, mspDir: dirname(dirname(c.certPath)) }));
}

/**
 * Gives an organisation's demo clients (from the network description) API keys, once: the gateway's key store
 * gets their hashes, and the organisation's own clients.json (owner-only) the keys themselves.
 */
function provisionClients(ctx: NetworkContext, org: Organisation): void {
  const own = ctx.paths.org(org);
  if (existsSync(own.clientsFile)) {
    // Keys stay; the gateway's address is written anew (a node from before HTTPS had an http:// one).
    const kept = JSON.parse(readFileSync(own.clientsFile, 'utf8')) as ClientsFile;
    const file: ClientsFile = { ...kept, gateways: { [org.name]: gatewayEntry(ctx, org) } };
    writeFileSync(own.clientsFile, JSON.stringify(file, null, 2), { mode: 0o600 });
    return;
  }
  const clients: ProvisionedClient[] = [];
  const records = org.clients.map((client) => {
    const apiKey = `sp_${org.name}_${randomBytes(24).toString('base64url')}`;
    const venue = client.venueId ? { venueId: client.venueId } : {};
    clients.push({ name: client.name, org: org.name, role: client.role, ...venue, apiKey });
    const msp = join(own.identity(client.name), 'msp');
    return {
      name: client.name,
      role: client.role,
      ...venue,
      mspId: org.mspId,
      apiKeySha256: createHash('sha256').update(apiKey).digest('hex'),
      certPath: onlyFile(join(msp, 'signcerts')),
      keyPath: onlyFile(join(msp, 'keystore')),
    };
  });
  mkdirSync(own.gatewayState, { recursive: true });
  writeFileSync(gatewayKeyStore(ctx, org), JSON.stringify({ clients: records }, null, 2), {
    mode: 0o600,
  });
  const file: ClientsFile = { gateways: { [org.name]: gatewayEntry(ctx, org) }, clients };
  writeFileSync(own.clientsFile, JSON.stringify(file, null, 2), { mode: 0o600 });
}

function gatewayMain(ctx: NetworkContext): string {
  return join(ctx.gatewayDir, 'dist', 'main.js');
}

/**
 * Writes an organisation's gateway configuration and provisions its demo clients, once the gateway is built.
 * @throws ConfigError (from the gateway) when the configuration it would write is one the gateway refuses.
 */
export function provisionGateway(ctx: NetworkContext, org: Organisation): void {
  if (!existsSync(gatewayMain(ctx))) {
    return;
  }
  provisionClients(ctx, org);
  writeGatewayConfig(ctx, org);
}

/**
 * Collects every organisation's demo clients into the city's clients.json, for the demo of the whole city on
 * one machine, and the TLS CA certificates of its gateways into `tls-ca.pem` beside it (for curl's `--cacert`).
 */
export function writeCityClients(ctx: NetworkContext, files: readonly string[]): void {
  const merged = files
    .filter((file) => existsSync(file))
    .map((file) => JSON.parse(readFileSync(file, 'utf8')) as ClientsFile)
    .reduce<ClientsFile>(
      (all, one) => ({
        gateways: { ...all.gateways, ...one.gateways },
        clients: [...all.clients, ...one.clients],
      }),
      { gateways: {}, clients: [] },
    );
  writeFileSync(ctx.paths.clientsFile, JSON.stringify(merged, null, 2), { mode: 0o600 });
  const cas = new Set(
    Object.values(merged.gateways).map((gateway) => readFileSync(gateway.ca, 'utf8').trim()),
  );
  writeFileSync(join(dirname(ctx.paths.clientsFile), 'tls-ca.pem'), `${[...cas].join('\n')}\n`);
}

/** An organisation's gateway process, or undefined while the gateway is not built. */
export function gatewayProcess(ctx: NetworkContext, org: Organisation): ProcessSpec | undefined {
  const main = gatewayMain(ctx);
  if (!existsSync(main)) {
    return undefined;
  }
  return {
    name: `gateway-${org.name}`,
    command: process.execPath,
    args: [main, '--config', ctx.paths.org(org).gatewayConfig],
    env: { NODE_ENV: 'production' },
    ready: () => httpOk(`${gatewayUrl(org)}/health`, gatewayEntry(ctx, org).ca),
    readyWhen: 'it answers GET /health over HTTPS',
    port: org.ports.gateway,
    host: org.host,
  };
}
