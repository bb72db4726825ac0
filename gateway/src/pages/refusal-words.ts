/**
 * Error codes of the API in plain words for the people at a counter or desk. The pages' scripts get this same
 * table (see `/assets/refusals.js`), so a refusal reads the same on every page. Codes not listed here show the
 * API's own message.
 */
export const refusalWords: Readonly<Record<string, string>> = {
  PASS_BLOCKED: 'Blocked: this pass is blocked (for example reported lost). Do not accept it.',
  PASS_EXPIRED: 'Expired: this pass is no longer valid.',
  PASS_NOT_ACTIVE: 'Not active: this card was replaced by a new one.',
  VENUE_NOT_ELIGIBLE: 'Not here: this voucher cannot be used at this venue.',
  INSUFFICIENT_BALANCE: 'Used up: not enough is left on this voucher.',
  CATEGORY_NOT_ELIGIBLE: 'Not for this pass: its category may not use this offer.',
  OFFER_NOT_VALID: 'This offer is not valid today.',
  VENUE_SUSPENDED: 'This venue is suspended: it cannot book now.',
  INVALID_QR: 'Not a genuine card: the code is forged, damaged or not copied completely.',
  REVERSAL_WINDOW_CLOSED: 'Too late: the time to reverse this booking has passed.',
  ALREADY_REVERSED: 'This booking was reversed already.',
  ALREADY_CLAIMED: 'Already claimed.',
  ALREADY_EXISTS: 'That number or name exists already.',
  INVALID_STATE_TRANSITION: 'Not possible in its current state.',
  NOT_FOUND: 'Not found.',
  UNAUTHENTICATED: 'You are not signed in, or your session ended: sign in again.',
  FORBIDDEN: 'This account may not do this.',
  RATE_LIMITED: 'Too many attempts: wait a minute and try again.',
  UNAVAILABLE: 'The network cannot be reached right now: try again in a moment.',
  COMMIT_UNKNOWN: 'Not known yet whether this was recorded: look at the list before trying again.',
};

/** The plain words for an error code, or the API's own message when the code has none. */
export function refusalText(code: string, message: string): string {
  return refusalWords[code] ?? message;
}
