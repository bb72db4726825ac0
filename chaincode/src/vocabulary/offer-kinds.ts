import type { OfferKind, VoucherUnit } from './statuses';

/** What the counter enters to book an offer: a number of entries, the amount spent, or the full price. */
export const BOOKING_INPUTS = ['quantity', 'amount', 'fullPrice'] as const;
export type BookingInput = (typeof BOOKING_INPUTS)[number];

/** The amount fields of an offer's terms; each kind requires its own and refuses the others. */
export type AmountField =
  | 'entriesPerPeriod'
  | 'budgetCentsPerPeriod'
  | 'discountPercent'
  | 'maxAmountCentsPerBooking'
  | 'discountCentsPerPeriod';

/** The rules an offer's kind selects, wherever the kind matters: booking, balances, reimbursement, pages. */
export interface OfferKindRules {
  /**
   * The amount fields its terms require. A discount is bounded twice, so no booking makes a funder owe an
   * unbounded share: a ceiling on each booking's full price, and a budget of discount per pass and period (kept
   * per pass, so bookings on different passes never touch one key).
   */
  readonly amountFields: readonly AmountField[];
  /** What a booking carries: `quantity` entries, or `amountCents` as the amount spent or the full price. */
  readonly input: BookingInput;
  /** The unit its vouchers' balances count in. */
  readonly unit: VoucherUnit;
  /**
   * Whether passes get vouchers of it (granted one by one or by rule); a discount is taken from a budget per pass
   * and period instead, with no voucher to grant.
   */
  readonly granted: boolean;
  /** Whether its reimbursement is a fixed sum per unit booked (per entry) rather than per booking or a share. */
  readonly reimbursedPerUnit: boolean;
}

/**
 * Every offer kind's rules, in one table. `satisfies` makes it complete: a kind added to `OFFER_KINDS` does not
 * compile until it has its rules here (and its words in each page catalogue).
 */
export const OFFER_KIND_RULES = {
  entries: {
    amountFields: ['entriesPerPeriod'],
    input: 'quantity',
    unit: 'entries',
    granted: true,
    reimbursedPerUnit: true,
  },
  budget: {
    amountFields: ['budgetCentsPerPeriod'],
    input: 'amount',
    unit: 'cents',
    granted: true,
    reimbursedPerUnit: false,
  },
  discount: {
    amountFields: ['discountPercent', 'maxAmountCentsPerBooking', 'discountCentsPerPeriod'],
    input: 'fullPrice',
    unit: 'cents',
    granted: false,
    reimbursedPerUnit: false,
  },
} as const satisfies Record<OfferKind, OfferKindRules>;

/** The rules of an offer's kind. */
export function rulesOf(kind: OfferKind): OfferKindRules {
  return OFFER_KIND_RULES[kind];
}
