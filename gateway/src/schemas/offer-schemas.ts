import { FUNDER_MSP_IDS, LIMITS, OFFER_KINDS } from '@stadspas/chaincode/vocabulary';
import { z } from '../http/zod';
import { id, name, slug, timestamp } from './fields';

const reimbursement = z.union([
  z.strictObject({ perUseCents: z.number().int().min(0).max(LIMITS.maxAmountCents) }),
  z.strictObject({ shareBasisPoints: z.number().int().min(0).max(10_000) }),
]);

/** `POST /offers`. Kind-specific amounts are checked by the chaincode, which knows the rules per kind. */
export const createOfferBody = z
  .strictObject({
    offerId: id('swim-5-2026'),
    name: name.openapi({ example: '5 free swims a year' }),
    kind: z.enum(OFFER_KINDS),
    entriesPerPeriod: z.number().int().min(1).max(10_000).optional(),
    budgetCentsPerPeriod: z.number().int().min(1).max(LIMITS.maxAmountCents).optional(),
    discountPercent: z.number().int().min(1).max(100).optional(),
    eligibleVenueIds: z.array(id('zwembad-kardinge')).max(LIMITS.maxListItems),
    eligibleCategories: z.array(slug('adult')).max(LIMITS.maxListItems),
    reimbursement,
    funderMspId: z.enum(FUNDER_MSP_IDS),
    validFrom: timestamp,
    validUntil: timestamp,
    grantByRule: z.boolean(),
  })
  .openapi('CreateOffer');

export const offerIdParams = z.strictObject({ offerId: id('swim-5-2026') });
