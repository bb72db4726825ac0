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
  'DAILY_LIMIT_REACHED',
  'OFFLINE_WINDOW_CLOSED',
  'AMOUNT_MISMATCH',
  'NOTHING_TO_PAY',
  'ALREADY_BOOKED',
] as const;

/** One code of the catalogue. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A `CODE: ` part of a message: at its start, or after a space or comma that text around it added. */
const CODED_PART = /(?:^|[\s,])([A-Z][A-Z0-9_]{2,63}): /g;

/** A catalogue code and its human message, as a refusal carries them. */
export interface CodedMessage {
  readonly code: ErrorCode;
  readonly message: string;
}

/**
 * Finds the chaincode's `<CODE>: <message>` in an error message: the one parser of refusals, for the gateway and
 * the network tooling alike. Fabric wraps the chaincode's message in text of its own (`chaincode response 500,
 * <CODE>: ...`) and gRPC prefixes status names that look like codes (`ABORTED:`, `UNAVAILABLE:`), so only codes
 * of the catalogue count. Never throws.
 *
 * @returns the code and the message after it, or `undefined` when the text carries no catalogue code.
 */
export function codedMessageOf(text: string): CodedMessage | undefined {
  for (const match of text.matchAll(CODED_PART)) {
    const code = match[1];
    if (code !== undefined && isErrorCode(code)) {
      return { code, message: text.slice(match.index + match[0].length).trim() };
    }
  }
  return undefined;
}

/**
 * Finds the catalogue code in an error message (see {@link codedMessageOf}). Never throws.
 *
 * @returns the code, or `undefined` when the message carries none.
 */
export function errorCodeOf(message: string): ErrorCode | undefined {
  return codedMessageOf(message)?.code;
}

/** Tells whether a string is a code of the catalogue. Never throws. */
export function isErrorCode(value: string): value is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(value);
}
