import { z } from 'zod';
import { distinctList, endTimestamp, id, inTimeOrder, int, mspId, name, slug, timestamp } from './fields';
import { LIMITS } from './limits';
import { rulesOf } from './offer-kinds';
import { OFFER_KINDS, type OfferKind } from './statuses';

const MAX_ENTRIES_PER_PERIOD = 1000;
const BASIS_POINTS = 10_000;

export const offerId = id('swim-5-2026');

/** What the funder pays the venue for a redemption: a fixed sum per use, or a share of the amount. */
export const reimbursement = z
  .union([
    z.strictObject({ perUseCents: int(0, LIMITS.maxAmountCents).meta({ example: 350 }) }),
    z.strictObject({ shareBasisPoints: int(0, BASIS_POINTS).meta({ example: 5000 }) }),
  ])
  .meta({ description: 'exactly one of perUseCents and shareBasisPoints' });
export type Reimbursement = z.infer<typeof reimbursement>;

/** The fields an update may change; kind and funder are fixed for the life of an offer. */
const termsFields = z.strictObject({
  offerId,
  name: name.meta({ example: '5 free swims a year' }),
  /** Required for (and only for) kind `entries`. */
  entriesPerPeriod: int(1, MAX_ENTRIES_PER_PERIOD).meta({ example: 5 }).optional(),
  /** Required for (and only for) kind `budget`. */
  budgetCentsPerPeriod: int(1, LIMITS.maxAmountCents).meta({ example: 15000 }).optional(),
  /** Required for (and only for) kind `discount`: 1..100. */
  discountPercent: int(1, 100).meta({ example: 50 }).optional(),
  /** Required for (and only for) kind `discount`: the highest full price in cents one booking may take. */
  maxAmountCentsPerBooking: int(1, LIMITS.maxAmountCents).meta({ example: 5000 }).optional(),
  /** Required for (and only for) kind `discount`: the most discount in cents one pass gets per period. */
  discountCentsPerPeriod: int(1, LIMITS.maxAmountCents).meta({ example: 10000 }).optional(),
  /**
   * Kind `discount` only: other percentages for a pass's first bookings in a period, in order. `[{bookings: 2,
   * discountPercent: 100}]` with `discountPercent: 50` is "2 free, then 50%". The ceiling per booking and the
   * discount budget hold for every booking.
   */
  discountTiers: z
    .array(
      z.strictObject({
        bookings: int(1, MAX_ENTRIES_PER_PERIOD).meta({ example: 2 }),
        discountPercent: int(1, 100).meta({ example: 100 }),
      }),
    )
    .min(1)
    .max(5)
    .optional(),
  /**
   * Kind `budget` only: a booking above what is left takes what is left, and the holder pays the rest at the
   * counter (recorded as `paidAtCounterCents`). Without it such a booking is refused.
   */
  remainderAtCounter: z.boolean().optional(),
  eligibleVenueIds: distinctList(id('zwembad-kardinge')),
  eligibleCategories: distinctList(slug('adult')),
  /** `entries` offers reimburse per use only. */
  reimbursement,
  validFrom: timestamp,
  validUntil: endTimestamp,
  /** Every eligible active pass holds `entriesPerPeriod`/`budgetCentsPerPeriod` each period. */
  grantByRule: z.boolean(),
  /**
   * The municipalities (MSP ids) whose passes the offer takes. Default: the funder's own passes when the funder
   * is a municipality, else the passes of every municipality of the scheme.
   */
  passIssuers: distinctList(mspId.meta({ example: 'GemeenteMSP' })).optional(),
});

/** Replaces every changeable field of an offer; whether they fit its kind is checked on update. */
export const updateOfferRequest = inTimeOrder(termsFields, 'validFrom', 'validUntil');
export type UpdateOfferRequest = z.infer<typeof updateOfferRequest>;

/** Why terms do not fit an offer kind, or undefined when they do. Never throws. */
export function termsMisfit(kind: OfferKind, terms: UpdateOfferRequest): string | undefined {
  for (const otherKind of OFFER_KINDS) {
    for (const field of rulesOf(otherKind).amountFields) {
      if ((otherKind === kind) !== (terms[field] !== undefined)) {
        return `${kind} offers ${otherKind === kind ? 'need' : 'do not take'} ${field}`;
      }
    }
  }
  if (rulesOf(kind).reimbursedPerUnit && !('perUseCents' in terms.reimbursement)) {
    return `${kind} offers are reimbursed per use (reimbursement.perUseCents)`;
  }
  if (!rulesOf(kind).granted && terms.grantByRule) {
    return `${kind} offers have no balance to grant: grantByRule must be false`;
  }
  return optionMisfit(kind, terms);
}

/** The options only one kind of offer takes. */
const KIND_OPTIONS = { discountTiers: 'discount', remainderAtCounter: 'budget' } as const;

function optionMisfit(kind: OfferKind, terms: UpdateOfferRequest): string | undefined {
  for (const [option, only] of Object.entries(KIND_OPTIONS)) {
    const value = terms[option as keyof typeof KIND_OPTIONS];
    if (value !== undefined && value !== false && kind !== only) {
      return `${kind} offers do not take ${option}: only ${only} offers do`;
    }
  }
  return undefined;
}

export const createOfferRequest = updateOfferRequest
  .extend({ kind: z.enum(OFFER_KINDS), funderMspId: mspId })
  .superRefine((request, ctx) => {
    const misfit = termsMisfit(request.kind, request);
    if (misfit !== undefined) {
      ctx.addIssue({ code: 'custom', message: misfit, path: ['kind'] });
    }
  })
  .meta({
    id: 'CreateOffer',
    description:
      'An offer (aanbod/regeling): what a pass can be used for. Each kind takes its own amount: entriesPerPeriod ' +
      '(entries, reimbursed per use), budgetCentsPerPeriod (budget) or discountPercent with maxAmountCentsPerBooking ' +
      'and discountCentsPerPeriod (discount: a ceiling per booking and a discount budget per pass and period, which ' +
      'every eligible pass has without being granted by rule).',
    example: {
      offerId: 'swim-5-2026',
      name: '5 free swims a year',
      kind: 'entries',
      entriesPerPeriod: 5,
      eligibleVenueIds: ['zwembad-kardinge'],
      eligibleCategories: ['adult', 'child'],
      reimbursement: { perUseCents: 350 },
      funderMspId: 'GemeenteMSP',
      validFrom: '2026-01-01T00:00:00Z',
      validUntil: '2027-01-01T00:00:00Z',
      grantByRule: true,
    },
  });
export type CreateOfferRequest = z.infer<typeof createOfferRequest>;

export const offerIdRequest = z.strictObject({ offerId });
export type OfferIdRequest = z.infer<typeof offerIdRequest>;
