import { generateKeyPairSync } from 'node:crypto';
import type { QrKeyRecord } from '@stadspas/chaincode/vocabulary';
import pino from 'pino';
import request, { type Agent } from 'supertest';
import { createApp, type AppDeps, type GatewayApp } from '../../src/app';
import { identityOf } from '../../src/auth/client-identity';
import { inMemoryKeyStore, type KeyStore } from '../../src/auth/key-store';
import { inMemoryCheckpointStore } from '../../src/events/checkpoint-store';
import { createMetrics } from '../../src/observability/metrics';
import { qrSignerFromKey, type QrSigner } from '../../src/qr/qr-signer';
import { createQrVerifier } from '../../src/qr/qr-verifier';
import { standardClients, type StandardClients, type TestClient } from './clients';
import { FakeLedger } from './fake-ledger';

/** A gateway app over a fake ledger, with what tests drive and inspect it with. */
export interface TestApp {
  readonly gateway: GatewayApp;
  readonly http: Agent;
  readonly ledger: FakeLedger;
  readonly clients: StandardClients;
  readonly signer: QrSigner;
  readonly keyStore: KeyStore;
  readonly deps: AppDeps;
  /** Authorisation header of a client. */
  readonly as: (client: TestClient) => { Authorization: string };
}

/** A fresh Ed25519 QR signer. */
export function newQrSigner(): QrSigner {
  return qrSignerFromKey(generateKeyPairSync('ed25519').privateKey);
}

/** The QR key record the ledger would hold for a signer. */
export function qrKeyRecordOf(
  signer: QrSigner,
  validFrom = '2020-01-01T00:00:00.000Z',
  validUntil?: string,
): QrKeyRecord {
  return {
    keyId: signer.keyId,
    publicKeyPem: signer.publicKeyPem,
    validFrom,
    ...(validUntil === undefined ? {} : { validUntil }),
    mspId: 'GemeenteMSP',
    addedAt: validFrom,
  };
}

/** A gateway app over a fake ledger, with the standard clients and a QR signer whose key the ledger lists. */
export function buildTestApp(overrides: Partial<AppDeps> = {}): TestApp {
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
    payerAccount: { iban: 'NL20INGB0001234567', name: 'Sociale Verzekeringsbank' },
    serviceIdentity: identityOf(clients.admin.record),
    ...overrides,
  };
  const gateway: GatewayApp = createApp(deps);
  const http = request(gateway.express);
  /** Authorisation header of a client. */
  const as = (client: TestClient): { Authorization: string } => ({
    Authorization: `Bearer ${client.apiKey}`,
  });
  return { gateway, http, ledger, clients, signer, keyStore: deps.keyStore, deps, as };
}
