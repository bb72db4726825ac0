import {
  APP_CODE_VERSION,
  decodeDeviceCode,
  InvalidQrError,
  isDeviceCode,
  requireFreshCode,
} from '@stadspas/chaincode/vocabulary';
import type { ClientIdentity } from '../auth/client-identity';
import { AppError } from '../errors/app-error';
import type { ServiceDeps } from './service-deps';

/**
 * Refuses a forged, altered or expired code before anything is asked of the ledger about its pass. A printed
 * card's payload is checked against the ledger's published keys (cached); an app's rotating code for its form and
 * its time window (its phone's key is the chaincode's to check). The chaincode verifies every code again itself.
 * @param at when the code was shown (default now; an offline counter's booking: when it was made there).
 * @returns the pass id the code carries.
 * @throws {AppError} INVALID_QR for a payload that is not a genuine card or a fresh app code; UNAVAILABLE when the
 * keys cannot be read.
 */
export function checkCard(
  deps: ServiceDeps,
  client: ClientIdentity,
  qr: string,
  at = new Date().toISOString(),
): Promise<string> {
  if (isDeviceCode(qr)) {
    return Promise.resolve(checkAppCode(qr, at));
  }
  return deps.qrVerifier.verify(qr, () => deps.ledger.evaluate(client, 'config:ListQrKeys', undefined), at);
}

function checkAppCode(qr: string, at: string): string {
  try {
    const decoded = decodeDeviceCode(qr);
    if (decoded.tag !== APP_CODE_VERSION) {
      throw new InvalidQrError("a holder's request is not a code to scan");
    }
    requireFreshCode(decoded.claims, at);
    return decoded.claims.passId;
  } catch (err) {
    if (err instanceof InvalidQrError) {
      throw new AppError(err.code, err.detail, { cause: err });
    }
    throw err;
  }
}
