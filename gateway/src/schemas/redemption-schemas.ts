import {
  cardNumber,
  endTimestamp,
  inTimeOrder,
  offerId,
  passId,
  qrPayload,
  redeemRequest,
  redemptionIdRequest,
  timestamp,
  venueId,
} from '@stadspas/chaincode/vocabulary';
import { z } from '../http/zod';
import { listOrder, pageQuery } from './fields';

/** `POST /scan`: the card's QR payload, which the gateway hands the chaincode as transient data. */
export const scanBody = z.strictObject({ qr: qrPayload }).meta({ id: 'Scan' });

/**
 * `POST /redemptions`: the chaincode's request, with the pass by its card's QR payload (scanners; the gateway hands
 * it to the chaincode as transient data), or by the number printed on the card or the pass's id (a venue allowed
 * to book by number); the request id is the `Idempotency-Key` header.
 */
export const redeemBody = redeemRequest
  .omit({ requestId: true })
  .extend({ qr: qrPayload.optional(), cardNumber: cardNumber.optional() })
  .refine((body) => [body.qr, body.cardNumber, body.passId].filter((v) => v !== undefined).length === 1, {
    error: 'give exactly one of qr (the card), cardNumber and passId',
  })
  .refine((body) => body.quantity === undefined || body.amountCents === undefined, {
    error: 'give at most one of quantity and amountCents',
  })
  .meta({ id: 'Redeem' });

export const redemptionIdParams = redemptionIdRequest;

/**
 * `GET /redemptions`: by pass, by offer, or by venue, in a booking period: a pass's in booking order from the
 * chaincode's listing, everything else from the gateway's read model.
 */
export const listRedemptionsQuery = inTimeOrder(
  z.strictObject({
    passId: passId.optional(),
    offerId: offerId.optional(),
    venueId: venueId.optional(),
    /** Inclusive lower bound of the booking time. */
    from: timestamp.optional(),
    /** Exclusive upper bound of the booking time. */
    to: endTimestamp.optional(),
    ...pageQuery,
    order: listOrder,
  }),
  'from',
  'to',
).refine((query) => [query.passId, query.venueId, query.offerId].filter((v) => v !== undefined).length <= 1, {
  error: 'filter by one of passId, offerId and venueId',
});
