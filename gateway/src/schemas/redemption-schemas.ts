import {
  inTimeOrder,
  listRedemptionsByOfferRequest,
  listRedemptionsByPassRequest,
  listRedemptionsByVenueRequest,
  onePassPresentation,
  redeemFields,
  redemptionIdRequest,
  scanRequest,
} from '@stadspas/chaincode/vocabulary';
import { z } from '../http/zod';
import { pageQuery } from './fields';

/** `POST /scan`. */
export const scanBody = scanRequest.meta({ id: 'Scan' });

/**
 * `POST /redemptions`: the chaincode's request, with the pass by its card's QR payload (scanners) or its id (a
 * venue allowed to book by number); the request id is the `Idempotency-Key` header.
 */
export const redeemBody = onePassPresentation(redeemFields.omit({ requestId: true }))
  .refine((body) => body.quantity === undefined || body.amountCents === undefined, {
    error: 'give at most one of quantity and amountCents',
  })
  .meta({ id: 'Redeem' });

export const redemptionIdParams = redemptionIdRequest;

const byVenue = listRedemptionsByVenueRequest.shape;

/** `GET /redemptions`: by pass, by offer, or by venue and booking period (the chaincode's listings, one query). */
export const listRedemptionsQuery = inTimeOrder(
  z.strictObject({
    passId: listRedemptionsByPassRequest.shape.passId.optional(),
    offerId: listRedemptionsByOfferRequest.shape.offerId.optional(),
    venueId: byVenue.venueId.optional(),
    from: byVenue.from,
    to: byVenue.to,
    ...pageQuery,
  }),
  'from',
  'to',
).refine((query) => [query.passId, query.venueId, query.offerId].filter((v) => v !== undefined).length <= 1, {
  error: 'filter by one of passId, offerId and venueId',
});
