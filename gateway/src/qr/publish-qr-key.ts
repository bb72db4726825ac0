import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { ClientIdentity } from '../auth/client-identity';
import type { TypedLedger } from '../ledger/typed-ledger';
import type { QrSigner } from './qr-signer';

/**
 * Publishes the signer's public key with `config:AddQrKey` unless the ledger lists it already, so every gateway
 * can verify this gateway's payloads.
 * @throws {AppError} from the ledger (e.g. UNAVAILABLE, FORBIDDEN, NOT_INITIALISED).
 */
export async function publishQrKey(
  ledger: TypedLedger,
  identity: ClientIdentity,
  signer: QrSigner,
): Promise<boolean> {
  const keys = await ledger.evaluate(identity, 'config:ListQrKeys', undefined);
  if (keys.some((key) => key.keyId === signer.keyId)) {
    return false;
  }
  await ledger.submit(identity, 'config:AddQrKey', {
    keyId: signer.keyId,
    publicKeyPem: signer.publicKeyPem,
    validFrom: new Date().toISOString(),
  });
  return true;
}

/**
 * Keeps trying {@link publishQrKey} in the background until it succeeds or `signal` aborts: at start-up the
 * chaincode may not be deployed yet, and the gateway must serve its other routes meanwhile.
 */
export async function publishQrKeyInBackground(
  ledger: TypedLedger,
  identity: ClientIdentity,
  signer: QrSigner,
  logger: Logger,
  signal: AbortSignal,
  retryMs = 5_000,
): Promise<void> {
  while (!signal.aborted) {
    try {
      const added = await publishQrKey(ledger, identity, signer);
      logger.info({ keyId: signer.keyId, added }, 'QR verification key is on the ledger');
      return;
    } catch (err) {
      logger.warn({ err, keyId: signer.keyId }, 'QR verification key not published yet; retrying');
      await sleep(retryMs, undefined, { signal }).catch(() => undefined);
    }
  }
}
