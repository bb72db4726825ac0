/** Identifiers (pass, offer, venue, claim, request ids): letters, digits, `.`, `_`, `-`; 1..64 long. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Pass categories and venue kinds: lower-case slugs such as `child` or `senior-65`. */
export const SLUG_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;

/** The pass-year boundary: the first day of a month, `MM-01`. */
export const PASS_YEAR_START_PATTERN = /^(0[1-9]|1[0-2])-01$/;

/** A period key: `2026` when the pass year starts on 1 January, else `2026-08`. */
export const PERIOD_KEY_PATTERN = /^\d{4}(-(0[2-9]|1[0-2]))?$/;

/** A calendar date `YYYY-MM-DD`. */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Bounds the chaincode enforces. */
export const LIMITS = {
  maxNameLength: 200,
  maxReasonLength: 500,
  maxBatchPasses: 500,
  maxPageSize: 200,
  maxListItems: 200,
  maxQuantity: 100,
  maxAmountCents: 100_000_000,
  maxReversalWindowSeconds: 90 * 24 * 3600,
  maxReplacementChain: 50,
} as const;
