import {
  CARD_TRANSIENT_KEY,
  decodeQr,
  type RedeemRequest,
  type RedeemResponse,
} from '@stadspas/chaincode/vocabulary';
import { AppError } from '../../src/errors/app-error';
import type { FakeLedger } from './fake-ledger';
import { makeRedemption } from './records';

/**
 * Gives the ledger double the chaincode's redemption rules that the gateway relies on: the request id makes a
 * retry return the original booking, other content under the same id is refused, and the balance never goes
 * below zero. Only the caller's venueId books, as the chaincode takes it from the certificate.
 */
export function openRedemptionBook(
  ledger: FakeLedger,
  balance: number,
): { remaining: number; booked: number } {
  const byRequestId = new Map<string, { request: string; response: RedeemResponse }>();
  const state = { remaining: balance, booked: 0 };
  ledger.on('redemptions:Redeem', ({ identity, request, transient }) => {
    const redeem = request as RedeemRequest;
    const card = transient?.[CARD_TRANSIENT_KEY];
    const content = JSON.stringify({ ...redeem, card, venueId: identity.venueId });
    const earlier = byRequestId.get(redeem.requestId);
    if (earlier !== undefined) {
      if (earlier.request !== content) {
        throw new AppError('IDEMPOTENCY_MISMATCH', `request ${redeem.requestId} was used with other content`);
      }
      return { ...earlier.response, replayed: true };
    }
    const quantity = redeem.quantity ?? 1;
    if (quantity > state.remaining) {
      throw new AppError(
        'INSUFFICIENT_BALANCE',
        `${String(state.remaining)} entries left, ${String(quantity)} requested`,
      );
    }
    state.remaining -= quantity;
    state.booked++;
    const response: RedeemResponse = {
      redemption: makeRedemption({
        redemptionId: `redemption-${String(state.booked)}`,
        requestId: redeem.requestId,
        passId: card === undefined ? redeem.passId : decodeQr(card).claims.passId,
        presented: card === undefined ? 'number' : 'card',
        offerId: redeem.offerId,
        venueId: identity.venueId ?? '',
        quantity,
        units: quantity,
      }),
      replayed: false,
      remaining: state.remaining,
    };
    byRequestId.set(redeem.requestId, { request: content, response });
    return response;
  });
  return state;
}
