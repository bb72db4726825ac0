/**
 * The catalogue of error codes. Every refusal of the chaincode is an error whose message starts with
 * one of these codes followed by `: ` (e.g. `INSUFFICIENT_BALANCE: 2 entries left, 3 requested`).
 * Only the message crosses from the chaincode to a client, so the code is the stable contract.
 */
export const ERROR_CODES = [
  'INVALID_ARGUMENT',
  'FORBIDDEN',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'CONFLICT',
  'PASS_BLOCKED',
  'PASS_NOT_ACTIVE',
  'PASS_EXPIRED',
  'OFFER_NOT_VALID',
  'VENUE_NOT_ELIGIBLE',
  'VENUE_SUSPENDED',
  'CATEGORY_NOT_ELIGIBLE',
  'ISSUER_NOT_ELIGIBLE',
  'INSUFFICIENT_BALANCE',
  'IDEMPOTENCY_MISMATCH',
  'REVERSAL_WINDOW_CLOSED',
  'ALREADY_REVERSED',
  'ALREADY_CLAIMED',
  'INVALID_STATE_TRANSITION',
  'NOT_INITIALISED',
  'INVALID_QR',
  'CLOCK_SKEW',
  'AMOUNT_ABOVE_CEILING',
] as const;

/** One code of the catalogue. */
export type ErrorCode = (typeof ERROR_CODES)[number];

const CODE_PREFIX = /^([A-Z_]+): /;

/**
 * Finds the catalogue code at the start of an error message.
 *
 * Fabric wraps chaincode errors (e.g. `chaincode response 500, PASS_BLOCKED: ...`), so the code is
 * also searched after the last `, ` prefix the peer adds. Never throws.
 *
 * @returns the code, or `undefined` when the message carries none.
 */
export function errorCodeOf(message: string): ErrorCode | undefined {
  for (const candidate of [message, ...message.split(', ').slice(1)]) {
    const code = CODE_PREFIX.exec(candidate)?.[1];
    if (code !== undefined && isErrorCode(code)) {
      return code;
    }
  }
  return undefined;
}

/** Tells whether a string is a code of the catalogue. Never throws. */
export function isErrorCode(value: string): value is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(value);
}
