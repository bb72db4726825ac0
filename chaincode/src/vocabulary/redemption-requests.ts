import { z } from 'zod';
import { cents, endTimestamp, id, inTimeOrder, int, pageFields, timestamp } from './fields';
import { LIMITS } from './limits';
import { offerId } from './offer-requests';
import { passId } from './pass-requests';
import { venueId } from './venue-requests';

/** A redemption's id: the id of the transaction that booked it. */
export const redemptionId = id('9d2b6c0e1f3a4b5c');

/** A client-chosen request id that makes retries safe. */
export const requestId = id('b2c1e7a0-5f7d-4c1e-9a55-2d0c6f1e8b13');

/** `quantity` (entries, default 1) for entries offers; `amountCents` for budget and discount offers. */
export const redeemRequest = z.strictObject({
  requestId,
  passId,
  offerId,
  quantity: int(1, LIMITS.maxQuantity).optional(),
  amountCents: cents.optional(),
});
export type RedeemRequest = z.infer<typeof redeemRequest>;

export const reverseRequest = z.strictObject({ requestId, redemptionId });
export type ReverseRequest = z.infer<typeof reverseRequest>;

export const redemptionIdRequest = z.strictObject({ redemptionId });
export type RedemptionIdRequest = z.infer<typeof redemptionIdRequest>;

export const listRedemptionsByPassRequest = z.strictObject({ passId, ...pageFields });
export type ListRedemptionsByPassRequest = z.infer<typeof listRedemptionsByPassRequest>;

export const listRedemptionsByVenueRequest = inTimeOrder(
  z.strictObject({
    venueId,
    /** Inclusive lower bound of the booking time. */
    from: timestamp.optional(),
    /** Exclusive upper bound of the booking time. */
    to: endTimestamp.optional(),
    ...pageFields,
  }),
  'from',
  'to',
);
export type ListRedemptionsByVenueRequest = z.infer<typeof listRedemptionsByVenueRequest>;
