import { fail } from '../errors';
import { nowOf, secondsBetween } from '../ledger/clock';
import type { TxContext } from '../ledger/context';
import { emit } from '../ledger/events';
import { keys } from '../ledger/keys';
import { deleteIndex, writeRecord } from '../ledger/store';
import type { RedeemResponse, RedemptionRecord, ReverseRequest } from '../vocabulary';
import { loadConfig } from './config';
import { fingerprintOf, rememberRequest, replayOf } from './idempotency';
import { getOffer } from './offers';
import { currentPassOf } from './pass-replacement';
import { getClaimRecord } from './claims';
import { getRedemptionRecord } from './redemption-queries';
import { redemptionEvent, saveBooking } from './redemptions';
import { requireOwnVenue } from './venue-caller';
import { loadVoucher, saveVoucher, voucherView } from './vouchers';

/**
 * Reverses the calling venue's own redemption within the configured window. The reversal is a new
 * record; the balance is restored on the pass that now holds the voucher (the replacement card if
 * the pass was replaced meanwhile). Idempotent by request id like `redeem`. A redemption whose claim was paid
 * may be reversed too: the reversal is then a negative line of the venue's next claim.
 *
 * @throws {ChaincodeError} FORBIDDEN (not a venue identity, or another venue's redemption);
 * IDEMPOTENCY_MISMATCH; NOT_FOUND; INVALID_STATE_TRANSITION (a reversal cannot be reversed);
 * ALREADY_REVERSED; ALREADY_CLAIMED (its claim is open: submitted, approved or rejected); REVERSAL_WINDOW_CLOSED.
 */
export async function reverse(ctx: TxContext, request: ReverseRequest): Promise<RedeemResponse> {
  const { caller } = await requireOwnVenue(ctx);
  const fingerprint = fingerprintOf('reverse', { redemptionId: request.redemptionId });
  const replay = await replayOf(ctx, caller.venueId, request.requestId, fingerprint);
  if (replay !== undefined) {
    return replay;
  }
  const original = await getRedemptionRecord(ctx, request.redemptionId);
  if (original.venueId !== caller.venueId) {
    fail('FORBIDDEN', `redemption ${original.redemptionId} belongs to another venue`);
  }
  if (original.type !== 'redemption') {
    fail('INVALID_STATE_TRANSITION', `${original.redemptionId} is a reversal and cannot be reversed`);
  }
  if (original.reversedBy !== undefined) {
    fail('ALREADY_REVERSED', `redemption ${original.redemptionId} was reversed by ${original.reversedBy}`);
  }
  const paidClaimId = await paidClaimOf(ctx, original);
  const at = nowOf(ctx);
  const { reversalWindowSeconds } = await loadConfig(ctx);
  if (secondsBetween(original.at, at) > reversalWindowSeconds) {
    fail('REVERSAL_WINDOW_CLOSED', `redemptions can be reversed within ${reversalWindowSeconds} seconds`);
  }

  const remaining = await restoreVoucher(ctx, original);

  const reversal: RedemptionRecord = {
    ...original,
    // The reversal waits for a claim of its own (when it reverses a paid redemption) or for none.
    claimId: undefined,
    redemptionId: ctx.stub.getTxID(),
    type: 'reversal',
    requestId: request.requestId,
    at,
    reversesId: original.redemptionId,
    ...(paidClaimId === undefined ? {} : { reversesClaimId: paidClaimId }),
  };
  await writeRecord(ctx, keys.redemption(original.redemptionId), {
    ...original,
    reversedBy: reversal.redemptionId,
  });
  if (paidClaimId === undefined) {
    // Reversed before any claim took it: it is no longer a line to claim.
    await deleteIndex(ctx, keys.claimLine(original));
  }
  await saveBooking(ctx, reversal);
  const response: RedeemResponse = { redemption: reversal, replayed: false, remaining };
  await rememberRequest(ctx, fingerprint, response);
  emit(ctx, 'RedemptionReversed', { ...redemptionEvent(reversal), reversesId: original.redemptionId });
  return response;
}

/**
 * Gives a reversed redemption's units back to its voucher, on the pass that now holds it.
 * @returns what is left on the voucher, or undefined when the booking changed no voucher.
 */
async function restoreVoucher(ctx: TxContext, original: RedemptionRecord): Promise<number | undefined> {
  const offer = await getOffer(ctx, original.offerId);
  // A booking of no units changed a voucher only when its offer counts bookings (discount tiers).
  if (original.units === 0 && offer.discountTiers === undefined) {
    return undefined;
  }
  const holder = await currentPassOf(ctx, original.passId);
  const voucher = await loadVoucher(ctx, holder.passId, original.offerId, original.periodKey);
  const restored = {
    ...voucher,
    used: Math.max(0, voucher.used - original.units),
    ...(voucher.bookings === undefined ? {} : { bookings: Math.max(0, voucher.bookings - 1) }),
  };
  await saveVoucher(ctx, restored);
  return voucherView(offer, holder, restored).remaining;
}

/**
 * The claim that paid a redemption, if any.
 *
 * @throws {ChaincodeError} ALREADY_CLAIMED when its claim is still open (submitted, approved or rejected).
 */
async function paidClaimOf(ctx: TxContext, redemption: RedemptionRecord): Promise<string | undefined> {
  if (redemption.claimId === undefined) {
    return undefined;
  }
  const claim = await getClaimRecord(ctx, redemption.claimId);
  if (claim.status !== 'paid') {
    fail(
      'ALREADY_CLAIMED',
      `redemption ${redemption.redemptionId} is in claim ${claim.claimId}, ${claim.status}`,
    );
  }
  return claim.claimId;
}
