import { createHash } from 'node:crypto';
import { fail } from '../errors';
import { nowOf } from '../ledger/clock';
import type { TxContext } from '../ledger/context';
import { emit } from '../ledger/events';
import { keys } from '../ledger/keys';
import { readRecord, writeIndex, writeRecord } from '../ledger/store';
import {
  rulesOf,
  type OfferRecord,
  type PassRecord,
  type Presentation,
  type RedeemRequest,
  type RedeemResponse,
  type RedemptionEvent,
  type RedemptionRecord,
  type VoucherRecord,
} from '../vocabulary';
import { mayBookByNumber } from './book-by-number';
import { countCardUse, countOfflineBooking, requireOfflineWindow } from './daily-limits';
import { loadConfig } from './config';
import { fingerprintOf, rememberRequest, replayOf } from './idempotency';
import { getOffer, isOfferValidAt, requireTakesPass } from './offers';
import { periodKeyAt } from './period';
import { passOfCard, presentedCard } from './qr-cards';
import { requireOwnVenue } from './venue-caller';
import { venueSuspensionFor } from './venues';
import { loadVoucher, saveVoucher, voucherView } from './vouchers';

const BASIS_POINTS = 10_000;

/**
 * Books one use of a pass at the calling venue. The pass is presented by its card (the printed QR payload in the
 * transient map, verified here against the municipality's published key), by the rotating code of the holder's
 * linked app (also transient, verified against the device's key within its short window) or, by a venue with that
 * permission, by its number; the booking records which, and nothing of the card's code. A request id seen before with the
 * same content returns the original booking and books nothing.
 *
 * Only keys of this pass and this booking are written, so redemptions on different passes never
 * conflict.
 *
 * @throws {ChaincodeError} FORBIDDEN (not a venue identity, the venue belongs to another
 * organisation, or it books by number without that permission); INVALID_QR (a forged, altered or
 * out-of-date card); IDEMPOTENCY_MISMATCH; NOT_FOUND (venue, pass or offer); VENUE_SUSPENDED;
 * PASS_BLOCKED; PASS_NOT_ACTIVE; PASS_EXPIRED; OFFER_NOT_VALID; VENUE_NOT_ELIGIBLE;
 * CATEGORY_NOT_ELIGIBLE; ISSUER_NOT_ELIGIBLE; INVALID_ARGUMENT (quantity/amount not fitting the offer kind,
 * or not exactly one of card and number); INSUFFICIENT_BALANCE (discount offers: their discount budget);
 * AMOUNT_ABOVE_CEILING (a discount booking's full price above the offer's ceiling); DAILY_LIMIT_REACHED (a
 * printed card that booked the scheme's most per day, or a venue's offline allowance on the pass used up);
 * OFFLINE_WINDOW_CLOSED (an offline booking settled too late); FORBIDDEN also for an offline booking when the
 * scheme takes none. An offline booking (`offlineAt`) over the balance is booked in full and flagged with
 * `overdrawnUnits`, never refused or clipped.
 */
export async function redeem(ctx: TxContext, request: RedeemRequest): Promise<RedeemResponse> {
  const { caller, venue } = await requireOwnVenue(ctx);
  const card = presentedCard(ctx);
  // A counter that lost the answer to an online booking settles it later as made offline: under the same request
  // id that is the same booking, so when it was made is no part of what must match.
  const { requestId, ...content } = request;
  // A retry presents the same card; the request record is public, so it keeps a digest of the card, never its code.
  const fingerprint = fingerprintOf(
    'redeem',
    card === undefined
      ? { ...content, offlineAt: undefined }
      : { ...content, offlineAt: undefined, card: digestOf(card) },
  );
  const replay = await replayOf(ctx, caller.venueId, requestId, fingerprint);
  if (replay !== undefined) {
    return replay;
  }
  const at = nowOf(ctx);
  // An offline counter's booking is judged at the time it was made there, and settled now.
  const { offlineAt } = request;
  const madeAt = offlineAt ?? at;
  const config = await loadConfig(ctx);
  if (offlineAt !== undefined) {
    requireOfflineWindow(config, offlineAt, at);
  }
  const { pass, presented } = await presentedPass(ctx, venue.venueId, {
    card,
    passId: request.passId,
    at: madeAt,
  });
  const suspension = venueSuspensionFor(venue, pass.municipalityMspId);
  if (suspension !== undefined) {
    fail('VENUE_SUSPENDED', suspension);
  }
  requireUsablePass(pass, madeAt);
  const offer = await getOffer(ctx, request.offerId);
  requireUsableOffer(offer, pass, venue.venueId, madeAt);
  const periodKey = periodKeyAt(madeAt, config.passYearStart);
  const voucher = await loadVoucher(ctx, pass.passId, offer.offerId, periodKey);
  const percent = discountPercentFor(offer, voucher);
  const units = unitsOf(offer, request, percent);
  if (offlineAt !== undefined) {
    await countOfflineBooking(ctx, config, { passId: pass.passId, venueId: venue.venueId, offlineAt });
  }
  if (presented === 'card') {
    await countCardUse(ctx, pass.passId, madeAt, config.cardUsesPerDay);
  }
  const taken = await debit(ctx, { offer, pass, voucher, units, offline: offlineAt !== undefined });
  const { remaining, overdrawnUnits } = taken;

  const redemption: RedemptionRecord = {
    redemptionId: ctx.stub.getTxID(),
    type: 'redemption',
    requestId,
    passId: pass.passId,
    offerId: offer.offerId,
    offerVersion: offer.version,
    venueId: venue.venueId,
    venueMspId: venue.mspId,
    municipalityMspId: pass.municipalityMspId,
    funderMspId: offer.funderMspId,
    periodKey,
    ...bookedAmountsOf(offer, taken, request.amountCents, percent),
    at,
    presented,
    ...(offlineAt === undefined ? {} : { offlineAt }),
    ...(overdrawnUnits === undefined ? {} : { overdrawnUnits }),
  };
  const response: RedeemResponse = { redemption, replayed: false, remaining };
  await saveBooking(ctx, redemption);
  await rememberRequest(ctx, fingerprint, response);
  emit(ctx, 'Redeemed', redemptionEvent(redemption));
  return response;
}

/** What a booking took from its voucher. */
interface Debit {
  /** The units taken. */
  readonly units: number;
  readonly remaining: number;
  /** Units an offline booking took beyond the balance. */
  readonly overdrawnUnits: number | undefined;
  /** The part of a budget booking's amount the balance did not cover, paid by the holder at the counter. */
  readonly paidAtCounterCents: number | undefined;
}

/**
 * Takes a booking's units from its voucher. Online, a booking over the balance is refused, unless its budget offer
 * lets the holder pay the rest at the counter: then it takes what is left. An offline counter could not know the
 * balance, so its booking is taken in full, and the units beyond the balance are returned to be flagged.
 *
 * @throws {ChaincodeError} INSUFFICIENT_BALANCE for an online booking over the balance (nothing left at all, for
 * an offer that takes the rest at the counter).
 */
async function debit(
  ctx: TxContext,
  booking: { offer: OfferRecord; pass: PassRecord; voucher: VoucherRecord; units: number; offline: boolean },
): Promise<Debit> {
  const { offer, pass, voucher, units, offline } = booking;
  const available = voucherView(offer, pass, voucher).remaining;
  const short = units > available && !offline;
  const restAtCounter = short && offer.remainderAtCounter === true && available > 0;
  if (short && !restAtCounter) {
    fail(
      'INSUFFICIENT_BALANCE',
      `${available} left on offer ${offer.offerId} in ${voucher.periodKey}, ${units} asked`,
    );
  }
  const taken = restAtCounter ? available : units;
  await saveVoucher(ctx, withBooking(offer, voucher, taken));
  return {
    units: taken,
    remaining: Math.max(0, available - taken),
    overdrawnUnits: taken > available ? taken - available : undefined,
    paidAtCounterCents: restAtCounter ? units - available : undefined,
  };
}

/**
 * The pass a booking presents: exactly one of the card in the transient map (its verified pass) and a number
 * given by a venue allowed to book by number.
 *
 * @throws {ChaincodeError} INVALID_ARGUMENT for both or neither; INVALID_QR for a card that does not verify;
 * FORBIDDEN for a number from a venue without the permission.
 */
async function presentedPass(
  ctx: TxContext,
  venueId: string,
  presentation: { card: string | undefined; passId: string | undefined; at: string },
): Promise<{ pass: PassRecord; presented: Presentation }> {
  const { card, passId, at } = presentation;
  if ((card === undefined) === (passId === undefined)) {
    return fail('INVALID_ARGUMENT', 'present exactly one of the card (transient "card") and passId');
  }
  if (card !== undefined) {
    return passOfCard(ctx, card, at);
  }
  // Whether the number names a pass at all is not told to a venue that may not book it by number.
  const pass = passId === undefined ? undefined : await readRecord<PassRecord>(ctx, keys.pass(passId));
  if (pass === undefined || !(await mayBookByNumber(ctx, venueId, pass.municipalityMspId))) {
    return fail(
      'FORBIDDEN',
      `venue ${venueId} books with the card's QR code: no municipality allowed it to book pass ${passId ?? ''} by number`,
    );
  }
  return { pass, presented: 'number' };
}

/** The SHA-256 of a card's code: tells presentations apart, and keeps nothing the code can be rebuilt from. */
function digestOf(card: string): string {
  return createHash('sha256').update(card, 'utf8').digest('hex');
}

/** A voucher after a booking took units from it (and, for an offer with discount tiers, one more booking). */
function withBooking(offer: OfferRecord, voucher: VoucherRecord, units: number): VoucherRecord {
  const bookings = offer.discountTiers === undefined ? {} : { bookings: (voucher.bookings ?? 0) + 1 };
  return { ...voucher, used: voucher.used + units, ...bookings };
}

/**
 * The amounts a booking records once its voucher was debited: a budget booking what it debited, with the rest of
 * the price as paid at the counter.
 */
function bookedAmountsOf(
  offer: OfferRecord,
  taken: Debit,
  amountCents: number | undefined,
  percent: number,
): ReturnType<typeof amountsOf> & Pick<RedemptionRecord, 'paidAtCounterCents'> {
  const debited = rulesOf(offer.kind).input === 'amount' ? taken.units : amountCents;
  const { paidAtCounterCents } = taken;
  return {
    ...amountsOf(offer, taken.units, debited, percent),
    ...(paidAtCounterCents === undefined ? {} : { paidAtCounterCents }),
  };
}

/** The quantity, amount, discount, units and reimbursement of a booking (`percent`: a discount's, for this one). */
function amountsOf(
  offer: OfferRecord,
  units: number,
  amountCents: number | undefined,
  percent: number,
): Pick<RedemptionRecord, 'quantity' | 'amountCents' | 'discountCents' | 'units' | 'reimbursementCents'> {
  return {
    quantity: rulesOf(offer.kind).input === 'quantity' ? units : undefined,
    amountCents,
    discountCents:
      rulesOf(offer.kind).input === 'fullPrice' ? discountOf(amountCents ?? 0, percent) : undefined,
    units,
    reimbursementCents: reimbursementOf(offer, units, amountCents),
  };
}

function requireUsablePass(pass: PassRecord, at: string): void {
  if (pass.status === 'blocked') {
    fail('PASS_BLOCKED', `pass ${pass.passId} is blocked`);
  }
  if (pass.status === 'replaced') {
    fail('PASS_BLOCKED', `pass ${pass.passId} was replaced by another card`);
  }
  if (at < pass.validFrom) {
    fail('PASS_NOT_ACTIVE', `pass ${pass.passId} is valid from ${pass.validFrom}`);
  }
  if (at >= pass.validUntil) {
    fail('PASS_EXPIRED', `pass ${pass.passId} expired at ${pass.validUntil}`);
  }
}

function requireUsableOffer(offer: OfferRecord, pass: PassRecord, venueId: string, at: string): void {
  if (!isOfferValidAt(offer, at)) {
    fail(
      'OFFER_NOT_VALID',
      `offer ${offer.offerId} is ${offer.status}, valid ${offer.validFrom} to ${offer.validUntil}`,
    );
  }
  if (!offer.eligibleVenueIds.includes(venueId)) {
    fail('VENUE_NOT_ELIGIBLE', `venue ${venueId} does not take offer ${offer.offerId}`);
  }
  requireTakesPass(offer, pass);
}

/**
 * The units a booking asks of the voucher: entries offers take a quantity (default 1); budget offers the amount;
 * discount offers the discount (at `percent`) the amount gets, up to the offer's ceiling per booking.
 */
function unitsOf(offer: OfferRecord, request: RedeemRequest, percent: number): number {
  const { input } = rulesOf(offer.kind);
  if (input === 'quantity') {
    if (request.amountCents !== undefined) {
      fail('INVALID_ARGUMENT', `${offer.kind} offers take quantity, not amountCents`);
    }
    return request.quantity ?? 1;
  }
  if (request.quantity !== undefined || request.amountCents === undefined) {
    return fail('INVALID_ARGUMENT', `${offer.kind} offers take amountCents, not quantity`);
  }
  if (input === 'amount') {
    return request.amountCents;
  }
  const ceiling = offer.maxAmountCentsPerBooking ?? 0;
  if (request.amountCents > ceiling) {
    fail(
      'AMOUNT_ABOVE_CEILING',
      `offer ${offer.offerId} takes at most ${String(ceiling)} cents per booking, ${String(request.amountCents)} asked`,
    );
  }
  return discountOf(request.amountCents, percent);
}

/**
 * The discount percentage of a pass's next booking of an offer in a period, after the bookings its voucher counts:
 * its tier's, or the offer's own once the tiers are used up.
 */
export function discountPercentFor(offer: OfferRecord, voucher: VoucherRecord): number {
  const prior = voucher.bookings ?? 0;
  let reached = 0;
  for (const tier of offer.discountTiers ?? []) {
    reached += tier.bookings;
    if (prior < reached) {
      return tier.discountPercent;
    }
  }
  return offer.discountPercent ?? 0;
}

/** The discount a full price gets, rounded down: the funder never owes a fraction of a cent more. */
function discountOf(amountCents: number, percent: number): number {
  return Math.floor((amountCents * percent) / 100);
}

function reimbursementOf(offer: OfferRecord, units: number, amountCents: number | undefined): number {
  if ('perUseCents' in offer.reimbursement) {
    return offer.reimbursement.perUseCents * (rulesOf(offer.kind).reimbursedPerUnit ? units : 1);
  }
  // Rounded down: the funder never pays a fraction of a cent more than the share.
  return Math.floor(((amountCents ?? 0) * offer.reimbursement.shareBasisPoints) / BASIS_POINTS);
}

/**
 * Writes a booking (redemption or reversal), its pass's listing index key and, for a line the venue will claim (a
 * redemption, or the reversal of a paid one), its claim index key. The listings by venue and by offer are the read
 * model's: a booking keeps no index key for them.
 */
export async function saveBooking(ctx: TxContext, booking: RedemptionRecord): Promise<void> {
  await writeRecord(ctx, keys.redemption(booking.redemptionId), booking);
  if (booking.type === 'redemption' || booking.reversesClaimId !== undefined) {
    await writeIndex(ctx, keys.claimLine(booking));
  }
  await writeIndex(ctx, keys.redemptionByPass(booking.passId, booking.at, booking.redemptionId));
}

/** The event payload of a booking: no personal data. */
export function redemptionEvent(booking: RedemptionRecord): RedemptionEvent {
  return {
    redemptionId: booking.redemptionId,
    requestId: booking.requestId,
    passId: booking.passId,
    municipalityMspId: booking.municipalityMspId,
    offerId: booking.offerId,
    venueId: booking.venueId,
    venueMspId: booking.venueMspId,
    funderMspId: booking.funderMspId,
    periodKey: booking.periodKey,
    presented: booking.presented,
    units: booking.units,
    amountCents: booking.amountCents,
    reimbursementCents: booking.reimbursementCents,
    at: booking.at,
    ...(booking.offlineAt === undefined ? {} : { offlineAt: booking.offlineAt }),
    ...(booking.overdrawnUnits === undefined ? {} : { overdrawnUnits: booking.overdrawnUnits }),
  };
}
