import { generateKeyPairSync } from 'node:crypto';
import pino from 'pino';
import request from 'supertest';
import { createApp, type AppDeps, type GatewayApp } from '../../src/app';
import { identityOf } from '../../src/auth/client-identity';
import { inMemoryKeyStore } from '../../src/auth/key-store';
import { inMemoryCheckpointStore } from '../../src/events/checkpoint-store';
import { createMetrics } from '../../src/observability/metrics';
import { qrSignerFromKey, type QrSigner } from '../../src/qr/qr-signer';
import { createQrVerifier } from '../../src/qr/qr-verifier';
import { standardClients, type TestClient } from './clients';
import { FakeLedger } from './fake-ledger';

/** A fresh Ed25519 QR signer. */
export function newQrSigner(): QrSigner {
  return qrSignerFromKey(generateKeyPairSync('ed25519').privateKey);
}

/** The QR key record the ledger would hold for a signer. */
export function qrKeyRecordOf(signer: QrSigner, validFrom = '2020-01-01T00:00:00.000Z', validUntil?: string) {
  return {
    keyId: signer.keyId,
    publicKeyPem: signer.publicKeyPem,
    validFrom,
    ...(validUntil === undefined ? {} : { validUntil }),
    addedAt: validFrom,
  };
}

/** A gateway app over a fake ledger, with the standard clients and a QR signer whose key the ledger lists. */
export function buildTestApp(overrides: Partial<AppDeps> = {}) {
  const clients = standardClients();
  const ledger = new FakeLedger();
  const signer = newQrSigner();
  ledger.on('config:ListQrKeys', () => [qrKeyRecordOf(signer)]);
  const keyStore = inMemoryKeyStore(Object.values(clients).map((c) => c.record));
  const deps: AppDeps = {
    org: 'gemeente',
    mspId: 'GemeenteMSP',
    ledger,
    keyStore,
    logger: pino({ level: 'silent' }),
    metrics: createMetrics(),
    rateLimitPerMinute: 1000,
    checkpoints: inMemoryCheckpointStore(),
    qrVerifier: createQrVerifier(),
    qrSigner: signer,
    serviceIdentity: identityOf(clients.admin.record),
    ...overrides,
  };
  const gateway: GatewayApp = createApp(deps);
  const http = request(gateway.express);
  /** Authorisation header of a client. */
  const as = (client: TestClient) => ({ Authorization: `Bearer ${client.apiKey}` });
  return { gateway, http, ledger, clients, signer, keyStore: deps.keyStore, deps, as };
}
