import { loadQrSigner } from '@stadspas/gateway/qr-signer';
import type { QrKeyRecord } from '@stadspas/chaincode/vocabulary';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { adminClientOf, isMunicipality, type Organisation } from '../description/config';
import type { NetworkContext } from '../description/context';
import { evaluateJson, submitJson } from './contract-json';
import { enrolledCredentials, openGateway } from './fabric-client';
import { gatewayProcess } from './gateways';
import { startProcess, stopProcess } from '../processes/processes';

/** What a rotation did. */
export interface RotatedCardKey {
  /** The key that signs every card from now on. */
  readonly keyId: string;
  /** The municipality's keys that verified cards until now and verify none from now on. */
  readonly retired: readonly string[];
}

/**
 * Rotates a municipality's card key, so that every card code signed before (printed, photographed, or copied
 * from blocks written before card codes travelled as transient data) stops working:
 * 1. a new Ed25519 key is made next to the current one (kept when an interrupted run made it already);
 * 2. its public key is published on the ledger;
 * 3. it becomes the gateway's signing key, and the gateway restarts on it, so every card it shows or prints is new;
 * 4. every other key of the municipality that is still valid is retired now.
 * Safe to run again after an interruption: each step checks what the ledger and the folder already hold.
 * @throws Error for an organisation that is no municipality; whatever the ledger or the gateway's restart throws.
 */
export async function rotateCardKey(ctx: NetworkContext, org: Organisation): Promise<RotatedCardKey> {
  if (!isMunicipality(org)) {
    throw new Error(`${org.name} is no municipality: it signs no cards`);
  }
  const state = ctx.paths.org(org).gatewayState;
  const current = join(state, 'qr-signing-key.pem');
  const next = join(state, 'qr-signing-key.next.pem');
  if (!existsSync(next)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(next, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  const signer = await loadQrSigner(next);
  const session = openGateway(ctx, org, enrolledCredentials(ctx, org, adminClientOf(org).name));
  try {
    const keys = await evaluateJson<QrKeyRecord[]>(session.contract, 'config:ListQrKeys');
    if (!keys.some((key) => key.keyId === signer.keyId)) {
      ctx.progress(`publishing card key ${signer.keyId}`);
      await submitJson(session.contract, 'config:AddQrKey', {
        keyId: signer.keyId,
        publicKeyPem: signer.publicKeyPem,
        // A little before now, so a card signed right after the gateway's restart verifies everywhere.
        validFrom: new Date(Date.now() - 60_000).toISOString(),
      });
    }
    renameSync(next, current);
    await restartGateway(ctx, org);
    const now = new Date().toISOString();
    const retired = keys.filter(
      (key) =>
        key.mspId === org.mspId &&
        key.keyId !== signer.keyId &&
        (key.validUntil === undefined || key.validUntil > now),
    );
    for (const key of retired) {
      ctx.progress(`retiring card key ${key.keyId}`);
      await submitJson(session.contract, 'config:RetireQrKey', { keyId: key.keyId, validUntil: now });
    }
    return { keyId: signer.keyId, retired: retired.map((key) => key.keyId) };
  } finally {
    session.close();
  }
}

/** Restarts the organisation's gateway, so it signs with the key now in its folder; a gateway not running stays so. */
async function restartGateway(ctx: NetworkContext, org: Organisation): Promise<void> {
  const spec = gatewayProcess(ctx, org);
  if (spec !== undefined && (await stopProcess(ctx.paths, spec.name))) {
    ctx.progress(`restarting ${spec.name} on the new key`);
    await startProcess(ctx.paths, spec);
  }
}
