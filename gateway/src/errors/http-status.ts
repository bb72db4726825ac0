import type { GatewayErrorCode } from './app-error';
import type { ErrorCode as ChaincodeErrorCode } from '@stadspas/chaincode/vocabulary';

/**
 * The one table from error code to HTTP status. Typed over both catalogues, so a code added to either one
 * does not compile until it has a status here.
 */
const statusByCode: Readonly<Record<ChaincodeErrorCode | GatewayErrorCode, number>> = {
  INVALID_ARGUMENT: 400,
  INVALID_QR: 400,
  WEBHOOK_TARGET_NOT_ALLOWED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  VENUE_NOT_ELIGIBLE: 403,
  VENUE_SUSPENDED: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  CONFLICT: 409,
  PASS_BLOCKED: 409,
  PASS_NOT_ACTIVE: 409,
  PASS_EXPIRED: 409,
  OFFER_NOT_VALID: 409,
  CATEGORY_NOT_ELIGIBLE: 409,
  ISSUER_NOT_ELIGIBLE: 409,
  INSUFFICIENT_BALANCE: 409,
  IDEMPOTENCY_MISMATCH: 409,
  REVERSAL_WINDOW_CLOSED: 409,
  ALREADY_REVERSED: 409,
  ALREADY_CLAIMED: 409,
  INVALID_STATE_TRANSITION: 409,
  AMOUNT_ABOVE_CEILING: 409,
  DAILY_LIMIT_REACHED: 409,
  OFFLINE_WINDOW_CLOSED: 409,
  AMOUNT_MISMATCH: 409,
  NOTHING_TO_PAY: 409,
  ALREADY_BOOKED: 409,
  TOO_MANY_WEBHOOKS: 409,
  NOT_CONFIGURED: 409,
  PAYLOAD_TOO_LARGE: 413,
  REQUEST_HEADERS_TOO_LARGE: 431,
  RATE_LIMITED: 429,
  TOO_MANY_STREAMS: 429,
  // Sent as a stream's last event, never as an answer: the client read too slowly and may resume by its id.
  STREAM_TOO_SLOW: 429,
  INTERNAL: 500,
  NOT_INITIALISED: 503,
  CLOCK_SKEW: 503,
  STREAM_CAPACITY_REACHED: 503,
  UNAVAILABLE: 503,
  COMMIT_UNKNOWN: 504,
};

/** The HTTP status for an error code; an unknown code is the gateway's own fault, hence 500. */
export function httpStatusOf(code: string): number {
  return (statusByCode as Readonly<Record<string, number>>)[code] ?? 500;
}
