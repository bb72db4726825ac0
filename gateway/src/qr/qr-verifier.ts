import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { QrKeyRecord } from '@stadspas/chaincode/vocabulary';
import { AppError } from '../errors/app-error';
import { parseQr } from './qr-payload';

/** Reads the published QR keys from the ledger. */
export type QrKeySource = () => Promise<readonly QrKeyRecord[]>;

/** Verifies QR payloads against the public keys published on the ledger. */
export interface QrVerifier {
  /**
   * The pass id of a genuine payload.
   * @throws {AppError} INVALID_QR when the payload is malformed, signed by an unknown or expired key, or its
   * signature does not match; errors of the key source (UNAVAILABLE) pass through.
   */
  verify(payload: string, source: QrKeySource, now?: Date): Promise<string>;
}

interface CachedKey {
  readonly record: QrKeyRecord;
  readonly key: KeyObject;
}

/** Options of {@link createQrVerifier}. */
export interface QrVerifierOptions {
  /** How long the key list is trusted before it is read again. */
  readonly cacheMs?: number;
  /** The shortest pause between two reads caused by unknown key ids, so forged ids cannot flood the ledger. */
  readonly minRefreshMs?: number;
}

class CachingQrVerifier implements QrVerifier {
  readonly #cacheMs: number;
  readonly #minRefreshMs: number;
  #keys = new Map<string, CachedKey>();
  #loadedAt = Number.NEGATIVE_INFINITY;

  constructor(options: QrVerifierOptions) {
    this.#cacheMs = options.cacheMs ?? 60_000;
    this.#minRefreshMs = options.minRefreshMs ?? 5_000;
  }

  async verify(payload: string, source: QrKeySource, now = new Date()): Promise<string> {
    const parsed = parseQr(payload);
    const { keyId } = parsed.claims;
    const age = Date.now() - this.#loadedAt;
    if (age > this.#cacheMs || (!this.#keys.has(keyId) && age > this.#minRefreshMs)) {
      await this.#load(source);
    }
    const cached = this.#keys.get(keyId);
    if (cached === undefined) {
      throw new AppError('INVALID_QR', 'QR payload is signed by an unknown key');
    }
    const { validFrom, validUntil } = cached.record;
    if (now < new Date(validFrom) || (validUntil !== undefined && now >= new Date(validUntil))) {
      throw new AppError('INVALID_QR', 'QR payload is signed by a key that is not valid now');
    }
    if (!verify(null, Buffer.from(parsed.signedPart, 'utf8'), cached.key, parsed.signature)) {
      throw new AppError('INVALID_QR', 'QR payload signature does not match');
    }
    return parsed.claims.passId;
  }

  async #load(source: QrKeySource): Promise<void> {
    const records = await source();
    const keys = new Map<string, CachedKey>();
    for (const record of records) {
      try {
        keys.set(record.keyId, { record, key: createPublicKey(record.publicKeyPem) });
      } catch {
        // A key that cannot be parsed verifies nothing; the others still do.
      }
    }
    this.#keys = keys;
    this.#loadedAt = Date.now();
  }
}

/** A verifier that caches the ledger's QR keys. */
export function createQrVerifier(options: QrVerifierOptions = {}): QrVerifier {
  return new CachingQrVerifier(options);
}
