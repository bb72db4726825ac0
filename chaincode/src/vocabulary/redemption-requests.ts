import { z } from 'zod';
import { cents, id, int, pageFields, timestamp } from './fields';
import { LIMITS } from './limits';
import { QR_MAX_LENGTH } from './qr-payload';
import { offerId } from './offer-requests';
import { passId } from './pass-requests';

/** A redemption's id: the id of the transaction that booked it. */
export const redemptionId = id('9d2b6c0e1f3a4b5c');

/** A client-chosen request id that makes retries safe. */
export const requestId = id('b2c1e7a0-5f7d-4c1e-9a55-2d0c6f1e8b13');

/**
 * A card's QR payload as scanned; its form and signature are checked where it is used. It reaches the chaincode
 * only in the transient map (`CARD_TRANSIENT_KEY`).
 */
export const qrPayload = z
  .string()
  .min(1)
  .max(QR_MAX_LENGTH)
  .meta({ example: 'SP1.eyJrZXlJZCI6ImsxIiwicGFzc0lkIjoiU1AtMDAwMSJ9.c2lnbmF0dXJl' });

/**
 * `quantity` (entries, default 1) for entries offers; `amountCents` for budget and discount offers. The pass
 * comes as exactly one of the card (its QR payload in the transient map under `card`, never an argument) and
 * `passId` (only with the book-by-number permission).
 */
export const redeemRequest = z.strictObject({
  requestId,
  passId: passId.optional(),
  offerId,
  quantity: int(1, LIMITS.maxQuantity).optional(),
  amountCents: cents.optional(),
  /**
   * When the booking was made at a counter that was offline: it is judged at that time (the code, the pass, the
   * offer, the balance's period) and settled now, within the scheme's offline allowance and window.
   */
  offlineAt: timestamp.optional(),
});
export type RedeemRequest = z.infer<typeof redeemRequest>;

export const reverseRequest = z.strictObject({ requestId, redemptionId });
export type ReverseRequest = z.infer<typeof reverseRequest>;

export const redemptionIdRequest = z.strictObject({ redemptionId });
export type RedemptionIdRequest = z.infer<typeof redemptionIdRequest>;

export const listRedemptionsByPassRequest = z.strictObject({ passId, ...pageFields });
export type ListRedemptionsByPassRequest = z.infer<typeof listRedemptionsByPassRequest>;
