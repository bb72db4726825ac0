import {
  decodeQr,
  InvalidQrError,
  verifyQr,
  type IsoTimestamp,
  type QrKeyRecord,
} from '@stadspas/chaincode/vocabulary';
import { AppError } from '../errors/app-error';

/** Reads the published QR keys from the ledger. */
export type QrKeySource = () => Promise<readonly QrKeyRecord[]>;

/**
 * Checks QR payloads against the public keys published on the ledger, with the chaincode's own format and
 * verification, so a forged card is refused before any ledger call about the pass. The chaincode checks
 * the card again; this only saves the ledger from forgeries.
 */
export interface QrVerifier {
  /**
   * The pass id of a genuine payload.
   * @throws {AppError} INVALID_QR when the payload is malformed or not canonical, signed by an unknown key or
   * one not valid at `at`, or its signature does not match; errors of the key source (UNAVAILABLE) pass through.
   */
  verify(payload: string, source: QrKeySource, at?: IsoTimestamp): Promise<string>;
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
  #keys = new Map<string, QrKeyRecord>();
  #loadedAt = Number.NEGATIVE_INFINITY;

  constructor(options: QrVerifierOptions) {
    this.#cacheMs = options.cacheMs ?? 60_000;
    this.#minRefreshMs = options.minRefreshMs ?? 5_000;
  }

  async verify(payload: string, source: QrKeySource, at = new Date().toISOString()): Promise<string> {
    try {
      const decoded = decodeQr(payload);
      const { keyId } = decoded.claims;
      const age = Date.now() - this.#loadedAt;
      if (age > this.#cacheMs || (!this.#keys.has(keyId) && age > this.#minRefreshMs)) {
        await this.#load(source);
      }
      return verifyQr(decoded, this.#keys.get(keyId), at);
    } catch (err) {
      if (err instanceof InvalidQrError) {
        throw new AppError(err.code, err.detail, { cause: err });
      }
      throw err;
    }
  }

  async #load(source: QrKeySource): Promise<void> {
    const records = await source();
    this.#keys = new Map(records.map((record) => [record.keyId, record]));
    this.#loadedAt = Date.now();
  }
}

/** A verifier that caches the ledger's QR keys. */
export function createQrVerifier(options: QrVerifierOptions = {}): QrVerifier {
  return new CachingQrVerifier(options);
}
