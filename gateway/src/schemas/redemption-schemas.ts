import { LIMITS } from '@stadspas/chaincode/vocabulary';
import { z } from '../http/zod';
import { cents, id, pageQuery, timestamp } from './fields';

/** A scanned QR payload. */
export const qrPayload = z
  .string()
  .min(1)
  .max(512)
  .openapi({ example: 'SP1.eyJwYXNzSWQiOiJTUC0wMDAxIn0.c2ln' });

/** `POST /scan`. */
export const scanBody = z.strictObject({ qr: qrPayload }).openapi('Scan');

/** `POST /redemptions`: the pass by its card's QR payload, or by its id for a venue allowed to book by number. */
export const redeemBody = z
  .strictObject({
    qr: qrPayload.optional(),
    passId: id('SP-0001').optional(),
    offerId: id('swim-5-2026'),
    quantity: z.number().int().min(1).max(LIMITS.maxQuantity).optional(),
    amountCents: cents.optional(),
  })
  .refine((body) => (body.qr === undefined) !== (body.passId === undefined), {
    error: 'give exactly one of qr and passId',
  })
  .refine((body) => body.quantity === undefined || body.amountCents === undefined, {
    error: 'give at most one of quantity and amountCents',
  })
  .openapi('Redeem');

export const redemptionIdParams = z.strictObject({ redemptionId: id('9d2b6c0e1f3a4b5c') });

/** `GET /redemptions`: by pass, or by venue and booking period. */
export const listRedemptionsQuery = z
  .strictObject({
    passId: id('SP-0001').optional(),
    venueId: id('zwembad-kardinge').optional(),
    from: timestamp.optional(),
    to: timestamp.optional(),
    ...pageQuery,
  })
  .refine((query) => query.passId === undefined || query.venueId === undefined, {
    error: 'filter by passId or by venueId, not both',
  });
