import {
  inTimeOrder,
  listRedemptionsByPassRequest,
  listRedemptionsByVenueRequest,
  redeemRequest,
  redemptionIdRequest,
} from '@stadspas/chaincode/vocabulary';
import { z } from '../http/zod';
import { pageQuery } from './fields';

/** A scanned QR payload. */
export const qrPayload = z
  .string()
  .min(1)
  .max(512)
  .openapi({ example: 'SP1.eyJwYXNzSWQiOiJTUC0wMDAxIn0.c2ln' });

/** `POST /scan`. */
export const scanBody = z.strictObject({ qr: qrPayload }).openapi('Scan');

/**
 * `POST /redemptions`: the chaincode's request, with the pass by its QR payload (scanners) or its id (back
 * offices); the request id is the `Idempotency-Key` header.
 */
export const redeemBody = redeemRequest
  .omit({ requestId: true, passId: true })
  .extend({ qr: qrPayload.optional(), passId: redeemRequest.shape.passId.optional() })
  .refine((body) => (body.qr === undefined) !== (body.passId === undefined), {
    error: 'give exactly one of qr and passId',
  })
  .refine((body) => body.quantity === undefined || body.amountCents === undefined, {
    error: 'give at most one of quantity and amountCents',
  })
  .openapi('Redeem');

export const redemptionIdParams = redemptionIdRequest;

const byVenue = listRedemptionsByVenueRequest.shape;

/** `GET /redemptions`: by pass, or by venue and booking period (the chaincode's two listings, one query). */
export const listRedemptionsQuery = inTimeOrder(
  z.strictObject({
    passId: listRedemptionsByPassRequest.shape.passId.optional(),
    venueId: byVenue.venueId.optional(),
    from: byVenue.from,
    to: byVenue.to,
    ...pageQuery,
  }),
  'from',
  'to',
).refine((query) => query.passId === undefined || query.venueId === undefined, {
  error: 'filter by passId or by venueId, not both',
});
