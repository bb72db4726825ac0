/** Identifiers (pass, offer, venue, claim, request ids): letters, digits, `.`, `_`, `-`; 1..64 long. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Pass categories and venue kinds: lower-case slugs such as `child` or `senior-65`. */
export const SLUG_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;

/** The pass-year boundary: the first day of a month, `MM-01`. */
export const PASS_YEAR_START_PATTERN = /^(0[1-9]|1[0-2])-01$/;

/** A period key: `2026` when the pass year starts on 1 January, else `2026-08`. */
export const PERIOD_KEY_PATTERN = /^\d{4}(-(0[2-9]|1[0-2]))?$/;

// A real calendar day: months of 30 and 31 days, 28 February, and 29 February of leap years only.
const DAY_SOURCE =
  '(?:\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))' +
  '|(?:\\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)';

/** A calendar date `YYYY-MM-DD` that exists. */
export const DATE_PATTERN = new RegExp(`^${DAY_SOURCE}$`);

/** An ISO-8601 UTC timestamp with at most millisecond precision, e.g. `2026-01-01T00:00:00Z`. */
export const TIMESTAMP_PATTERN = new RegExp(
  `^${DAY_SOURCE}T(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d{1,3})?Z$`,
);

/** An MSP id: a letter, then letters, digits, `.` or `-`, e.g. `VenuesMSP`. */
export const MSP_ID_PATTERN = /^[A-Za-z][A-Za-z0-9.-]{0,63}$/;

/** Bounds the chaincode enforces. */
export const LIMITS = {
  maxNameLength: 200,
  maxReasonLength: 500,
  maxBatchPasses: 500,
  maxPageSize: 200,
  /** A page of key digests is small per key, and `verify` reads every key of the world state in such pages. */
  maxDigestPageSize: 2_000,
  maxListItems: 200,
  maxQuantity: 100,
  maxAmountCents: 100_000_000,
  maxReversalWindowSeconds: 90 * 24 * 3600,
  maxReplacementChain: 50,
  maxCardUsesPerDay: 100,
  maxOfflineBookingsPerDay: 20,
  maxOfflineWindowSeconds: 14 * 24 * 3600,
} as const;
