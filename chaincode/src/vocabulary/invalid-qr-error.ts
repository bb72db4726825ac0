/**
 * A QR payload that is not a genuine card: malformed, not canonically encoded, signed by an unknown or
 * out-of-date key, or with a signature that does not match. Its message starts with the catalogue code
 * `INVALID_QR`, so it reads as a refusal on both sides of the ledger.
 */
export class InvalidQrError extends Error {
  override readonly name = 'InvalidQrError';
  readonly code = 'INVALID_QR';

  constructor(readonly detail: string) {
    super(`INVALID_QR: ${detail}`);
  }
}
