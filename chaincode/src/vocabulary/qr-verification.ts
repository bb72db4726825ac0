import { createPublicKey, verify } from 'node:crypto';
import { InvalidQrError } from './invalid-qr-error';
import type { DecodedQr } from './qr-payload';
import type { IsoTimestamp, QrKeyRecord } from './records';

/** Whether a published key verifies signatures at a moment: from its validFrom, until its validUntil. */
export function isQrKeyValidAt(key: QrKeyRecord, at: IsoTimestamp): boolean {
  return at >= key.validFrom && (key.validUntil === undefined || at < key.validUntil);
}

/**
 * Checks a decoded payload against the published key its claims name. Ed25519 verification is
 * deterministic, so the chaincode runs the same check as the gateway.
 *
 * @param key the published key with the payload's keyId, or `undefined` when none is published.
 * @param at the moment to judge the key's validity at (in chaincode: the transaction time).
 * @returns the pass id of a genuine payload.
 * @throws {InvalidQrError} for an unknown key, a key not valid at `at`, or a signature that does not match.
 */
export function verifyQr(decoded: DecodedQr, key: QrKeyRecord | undefined, at: IsoTimestamp): string {
  if (key?.keyId !== decoded.claims.keyId) {
    throw new InvalidQrError('QR payload is signed by an unknown key');
  }
  if (!isQrKeyValidAt(key, at)) {
    throw new InvalidQrError(`QR payload is signed by key ${key.keyId}, which is not valid at ${at}`);
  }
  let genuine = false;
  try {
    genuine = verify(
      null,
      Buffer.from(decoded.signedPart, 'utf8'),
      createPublicKey(key.publicKeyPem),
      decoded.signature,
    );
  } catch {
    // A key that cannot be read, or a signature of the wrong size, verifies nothing.
  }
  if (!genuine) {
    throw new InvalidQrError('QR payload signature does not match');
  }
  return decoded.claims.passId;
}
