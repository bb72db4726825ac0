/** The chaincode's error catalogue, as agreed in the shared vocabulary. */
export const chaincodeErrorCodes = [
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
  'INSUFFICIENT_BALANCE',
  'IDEMPOTENCY_MISMATCH',
  'REVERSAL_WINDOW_CLOSED',
  'ALREADY_REVERSED',
  'ALREADY_CLAIMED',
  'INVALID_STATE_TRANSITION',
  'NOT_INITIALISED',
] as const;

export type ChaincodeErrorCode = (typeof chaincodeErrorCodes)[number];
