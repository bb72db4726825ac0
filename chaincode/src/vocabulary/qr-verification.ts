import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { InvalidQrError } from './invalid-qr-error';
import type { DecodedQr } from './qr-payload';
import type { IsoTimestamp, QrKeyRecord } from './records';

/** Whether a published key verifies signatures at a moment: from its validFrom, until its validUntil. */
export function isQrKeyValidAt(key: QrKeyRecord, at: IsoTimestamp): boolean {
  return at >= key.validFrom && (key.validUntil === undefined || at < key.validUntil);
}

/** Published keys a process keeps parsed at most; a municipality publishes one key at a time, a few a year. */
const MAX_PARSED_KEYS = 32;
const parsedKeys = new Map<string, KeyObject>();

/**
 * A published key as a key object. Parsing its PEM costs more than the signature check itself, so each key's
 * text is parsed once per process. The result depends on the text alone, which keeps the chaincode
 * deterministic; when more texts are seen than kept, the oldest is dropped.
 * @throws Error when the text is not a public key.
 */
function parsedKey(publicKeyPem: string): KeyObject {
  let key = parsedKeys.get(publicKeyPem);
  if (key === undefined) {
    key = createPublicKey(publicKeyPem);
    if (parsedKeys.size >= MAX_PARSED_KEYS) {
      parsedKeys.delete(parsedKeys.keys().next().value as string);
    }
    parsedKeys.set(publicKeyPem, key);
  }
  return key;
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
      parsedKey(key.publicKeyPem),
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
