// The closed lists that records and requests both use, kept apart so either can import them.

export const VENUE_STATUSES = ['active', 'suspended'] as const;
export type VenueStatus = (typeof VENUE_STATUSES)[number];

export const OFFER_KINDS = ['entries', 'budget', 'discount'] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];

export const OFFER_STATUSES = ['active', 'retired'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/** Stored pass states; `expired` is never stored, it is derived from `validUntil`. */
export const PASS_STATUSES = ['active', 'blocked', 'replaced', 'expired'] as const;
export type PassStatus = (typeof PASS_STATUSES)[number];

/** The unit of a voucher balance: entries for `entries` offers, cents for `budget` offers. */
export const VOUCHER_UNITS = ['entries', 'cents'] as const;
export type VoucherUnit = (typeof VOUCHER_UNITS)[number];

export const REDEMPTION_TYPES = ['redemption', 'reversal'] as const;
export type RedemptionType = (typeof REDEMPTION_TYPES)[number];

export const CLAIM_STATUSES = ['submitted', 'approved', 'rejected', 'paid'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
