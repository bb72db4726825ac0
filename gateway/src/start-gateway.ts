import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { createApp } from './app';
import { identityOf, type ClientIdentity } from './auth/client-identity';
import { loadKeyStore, type KeyStore } from './auth/key-store';
import { checkConfigFiles } from './config/check-config-files';
import type { GatewayConfig } from './config/gateway-config';
import { ConfigError } from './config/load-config';
import { answerClientErrors } from './http/client-errors';
import { gatewayServer } from './http/server';
import { openCheckpointStore } from './events/checkpoint-store';
import { createFabricLedger } from './ledger/fabric/fabric-ledger';
import { createMetrics } from './observability/metrics';
import { earliestCertificateOf } from './observability/certificate-expiry';
import { registerReadModelMetrics } from './observability/read-model-metrics';
import { registerWebhookMetrics } from './observability/webhook-metrics';
import { fabricCaClient } from './onboarding/fabric-ca-client';
import { publishQrKeyInBackground } from './qr/publish-qr-key';
import { loadQrSigner } from './qr/qr-signer';
import { createQrVerifier } from './qr/qr-verifier';
import { startBlockListener } from './read-model/block-listener';
import { fabricBlockSource } from './read-model/fabric-block-source';
import { openReadModel } from './read-model/read-model';
import { webhookOutbox } from './webhooks/webhook-outbox';
import { startWebhookDispatcher } from './webhooks/webhook-dispatcher';
import { openWebhookStore } from './webhooks/sqlite-webhook-store';
import { guardedPost, targetPolicy } from './webhooks/webhook-targets';

/** A running gateway. */
export interface RunningGateway {
  /** The address it listens on. */
  readonly url: string;
  /** Stops accepting connections, lets in-flight requests finish, then closes the ledger connections. */
  stop(): Promise<void>;
}

/**
 * The organisation's admin client in the key store: the gateway publishes its QR key with it, once at start-up.
 * @throws {ConfigError} when the key store holds no admin client of this organisation.
 */
function adminIdentityOf(keyStore: KeyStore, config: GatewayConfig, source: string): ClientIdentity {
  const admin = keyStore
    .list()
    .find((c) => c.role === 'admin' && c.mspId === config.mspId && c.revokedAt === undefined);
  if (admin === undefined) {
    throw new ConfigError(source, [`keyStorePath: no client with role admin of ${config.mspId}`]);
  }
  return identityOf(admin);
}

/**
 * The identity the gateway reads with on its own behalf (the holder page, health, the read model): its reader,
 * which may read only that, or the admin where the configuration names no reader.
 */
function serviceIdentityOf(config: GatewayConfig, admin: ClientIdentity): ClientIdentity {
  return config.reader === undefined
    ? admin
    : Object.freeze({ name: 'gateway-reader', role: 'reader', mspId: config.mspId, ...config.reader });
}

function listen(server: Server, scheme: string, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(
        typeof address === 'object' && address !== null
          ? `${scheme}://${host}:${String(address.port)}`
          : host,
      );
    });
  });
}

/** How to start beyond the configuration. */
export interface StartOptions {
  /** Empty the reports' read model and replay the ledger from block 0. */
  readonly rebuildReadModel?: boolean;
}

/**
 * Starts one organisation's gateway from its validated configuration.
 * @throws {ConfigError} for missing files or key store problems; listen errors (port in use) as they come.
 */
export async function startGateway(
  config: GatewayConfig,
  source: string,
  logger: Logger,
  options: StartOptions = {},
): Promise<RunningGateway> {
  checkConfigFiles(config, source);
  await mkdir(config.stateDir, { recursive: true, mode: 0o700 });
  const keyStore = await loadKeyStore(config.keyStorePath);
  const adminIdentity = adminIdentityOf(keyStore, config, source);
  const serviceIdentity = serviceIdentityOf(config, adminIdentity);
  const metrics = createMetrics(true);
  const ledger = createFabricLedger({
    peers: config.peers,
    channel: config.channel,
    chaincode: config.chaincode,
  });
  const qrSigner =
    config.qrSigningKeyPath === undefined ? undefined : await loadQrSigner(config.qrSigningKeyPath);
  const checkpoints = await openCheckpointStore(join(config.stateDir, 'event-checkpoints.json'));
  const readModel = openReadModel({
    path: join(config.stateDir, 'read-model.sqlite'),
    rebuild: options.rebuildReadModel === true,
  });
  registerReadModelMetrics(metrics.registry, {
    nextBlock: () => readModel.nextBlock(),
    blockHeight: () => ledger.blockHeight(serviceIdentity),
  });
  const earliestCertificate =
    config.nodeDir === undefined ? undefined : earliestCertificateOf(config.nodeDir);
  if (readModel.rebuilt) {
    logger.info('read model is empty: replaying the ledger from block 0');
  }
  const webhooks = openWebhookStore(join(config.stateDir, 'webhooks.sqlite'));
  registerWebhookMetrics(metrics.registry, () => webhooks.totals());
  const blockSource = fabricBlockSource({
    peers: config.peers,
    channel: config.channel,
    identity: serviceIdentity,
  });
  const listener = startBlockListener({
    source: blockSource,
    chaincode: config.chaincode,
    consumers: [readModel, webhookOutbox(webhooks, config.roles.includes('municipality'))],
    logger,
  });
  const targets = targetPolicy(config.webhookAllowedNetworks);
  const dispatcher = startWebhookDispatcher({
    store: webhooks,
    schedule: config.webhookRetry,
    retention: config.webhookRetention,
    logger,
    post: guardedPost(targets),
  });
  const app = createApp({
    org: config.org,
    mspId: config.mspId,
    roles: config.roles,
    ledger,
    keyStore,
    logger,
    metrics,
    rateLimitPerMinute: config.rateLimitPerMinute,
    anonymousRateLimitPerMinute: config.anonymousRateLimitPerMinute,
    maxStreamsPerClient: config.maxStreamsPerClient,
    maxStreams: config.maxStreams,
    checkpoints,
    qrVerifier: createQrVerifier(),
    qrSigner,
    payerAccount: config.bankAccount,
    certificateAuthority:
      config.ca === undefined ? undefined : fabricCaClient(config.ca, join(config.stateDir, 'clients')),
    serviceIdentity,
    readModel,
    earliestCertificate,
    webhooks: { store: webhooks, targets, maxWebhooks: config.maxWebhooks },
  });
  const served = gatewayServer(app.express, config.tls, logger);
  const { server, scheme } = served;
  answerClientErrors(server);
  const url = await listen(server, scheme, config.port, config.host);
  const background = new AbortController();
  if (qrSigner !== undefined) {
    void publishQrKeyInBackground(app.ledger, adminIdentity, qrSigner, logger, background.signal);
  }
  logger.info({ url, org: config.org, mspId: config.mspId, peers: config.peers.length }, 'gateway listening');
  return {
    url,
    stop: async (): Promise<void> => {
      background.abort();
      served.unwatch();
      app.closeStreams();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeIdleConnections();
      });
      await checkpoints.flush();
      await Promise.all([listener.stop(), dispatcher.stop()]);
      blockSource.close();
      readModel.close();
      webhooks.close();
      ledger.close();
    },
  };
}
