import { accessOf, holds, requireFunderIdentity, requirePayer } from '../access/roles';
import { fail } from '../errors';
import { nowOf } from '../ledger/clock';
import type { TxContext } from '../ledger/context';
import { emit } from '../ledger/events';
import { KeyType, keys } from '../ledger/keys';
import { deleteIndex, readRecord, scan, writeIndex, writeRecord } from '../ledger/store';
import {
  type ClaimIdRequest,
  type ClaimRecord,
  type ClaimStatus,
  type RecordPaymentRequest,
  type RedemptionRecord,
  type RejectClaimRequest,
  type SubmitClaimRequest,
  type VenueIdRequest,
  type VenueRecord,
} from '../vocabulary';
import { getRedemptionRecord } from './redemption-queries';
import { requireOwnVenue } from './venue-caller';
import { getVenue, saveVenue } from './venues';

/**
 * Reads a claim without access checks.
 *
 * @throws {ChaincodeError} NOT_FOUND when unknown.
 */
export async function getClaimRecord(ctx: TxContext, claimId: string): Promise<ClaimRecord> {
  const claim = await readRecord<ClaimRecord>(ctx, keys.claim(claimId));
  return claim ?? fail('NOT_FOUND', `claim ${claimId} does not exist`);
}

/** The longest period one claim covers, in days: a claim scans its period day by day. */
export const MAX_CLAIM_DAYS = 366;
const DAY_MS = 86_400_000;

/**
 * A venue claims all its unclaimed, unreversed redemptions of one funder booked in [periodFrom, periodTo), less
 * the reversals booked then of redemptions already paid (negative lines), once the period has ended. Each line is
 * marked with the claim, so it is claimed at most once. The claim reads the venue's unclaimed lines of the
 * period's days only: its cost is what it claims, and bookings the venue makes meanwhile (after the period) are
 * outside everything it read.
 *
 * @throws {ChaincodeError} FORBIDDEN unless a venue identity of the venue's organisation;
 * ALREADY_EXISTS for a known claimId; INVALID_ARGUMENT for a period that has not ended or is longer than
 * MAX_CLAIM_DAYS; ALREADY_CLAIMED when an earlier claim of the funder's lines in the period left nothing;
 * NOT_FOUND when there is nothing to claim; NOTHING_TO_PAY when the reversals take the total to zero or below.
 */
export async function submitClaim(ctx: TxContext, request: SubmitClaimRequest): Promise<ClaimRecord> {
  const { venue } = await requireOwnVenue(ctx);
  if ((await readRecord(ctx, keys.claim(request.claimId))) !== undefined) {
    fail('ALREADY_EXISTS', `claim ${request.claimId} exists`);
  }
  const at = nowOf(ctx);
  const days = claimDaysOf(request, at);
  const unclaimed = await unclaimedLinesOf(ctx, venue, request, days);
  if (unclaimed.length === 0) {
    fail(
      (await claimedBefore(ctx, venue.venueId, request)) ? 'ALREADY_CLAIMED' : 'NOT_FOUND',
      `no unclaimed redemptions of ${request.funderMspId} at ${venue.venueId} in the period`,
    );
  }
  const sumOf = (lines: RedemptionRecord[]): number =>
    lines.reduce((total, line) => total + line.reimbursementCents, 0);
  const deducted = sumOf(unclaimed.filter((line) => line.type === 'reversal'));
  const totalCents = sumOf(unclaimed.filter((line) => line.type === 'redemption')) - deducted;
  if (totalCents <= 0) {
    fail(
      'NOTHING_TO_PAY',
      `the reversals of paid redemptions (${String(deducted)} cents) leave nothing to pay in the period; claim them with later redemptions`,
    );
  }
  const claim: ClaimRecord = {
    ...request,
    venueId: venue.venueId,
    redemptionIds: unclaimed.map((redemption) => redemption.redemptionId),
    totalCents,
    ...(deducted > 0 ? { deductedCents: deducted } : {}),
    status: 'submitted',
    submittedAt: at,
  };
  for (const redemption of unclaimed) {
    await writeRecord(ctx, keys.redemption(redemption.redemptionId), {
      ...redemption,
      claimId: claim.claimId,
    });
    await deleteIndex(ctx, keys.claimLine(redemption));
  }
  await writeRecord(ctx, keys.claim(claim.claimId), claim);
  await writeIndex(ctx, keys.claimByVenue(claim.venueId, claim.claimId));
  await writeIndex(ctx, keys.claimByStatus(claim.status, claim.claimId));
  emitClaimEvent(ctx, 'ClaimSubmitted', claim, at);
  return claim;
}

/**
 * The UTC days (`YYYY-MM-DD`) a claim's period touches.
 *
 * @throws {ChaincodeError} INVALID_ARGUMENT for a period that ends after `now` or spans more than MAX_CLAIM_DAYS.
 */
function claimDaysOf(request: SubmitClaimRequest, now: string): string[] {
  if (request.periodTo > now) {
    fail(
      'INVALID_ARGUMENT',
      `a claim covers a period that has ended: periodTo ${request.periodTo} is after the claim's time ${now}`,
    );
  }
  const first = Date.parse(request.periodFrom.slice(0, 10));
  const last = Date.parse(new Date(Date.parse(request.periodTo) - 1).toISOString().slice(0, 10));
  const count = (last - first) / DAY_MS + 1;
  if (count > MAX_CLAIM_DAYS) {
    fail('INVALID_ARGUMENT', `a claim covers at most ${String(MAX_CLAIM_DAYS)} days, not ${String(count)}`);
  }
  return Array.from({ length: count }, (_, i) => new Date(first + i * DAY_MS).toISOString().slice(0, 10));
}

/**
 * A venue's unclaimed lines of a funder in a claim's period: from the claim index, its days and nothing else; for a
 * venue whose bookings before the index are not in it yet, those from its whole booking history as well.
 */
async function unclaimedLinesOf(
  ctx: TxContext,
  venue: VenueRecord,
  request: SubmitClaimRequest,
  days: readonly string[],
): Promise<RedemptionRecord[]> {
  const indexed = await indexedLinesOf(ctx, venue.venueId, request, days);
  if (venue.claimLinesIndexed === true) {
    return indexed;
  }
  const seen = new Set(indexed.map((line) => line.redemptionId));
  const older = (await linesOfHistory(ctx, venue.venueId, request)).filter(
    (line) => line.claimId === undefined && !seen.has(line.redemptionId),
  );
  return [...older, ...indexed];
}

/** A venue's unclaimed lines of a funder in a claim's period, from the claim index: its days, nothing else. */
async function indexedLinesOf(
  ctx: TxContext,
  venueId: string,
  request: SubmitClaimRequest,
  days: readonly string[],
): Promise<RedemptionRecord[]> {
  const found: RedemptionRecord[] = [];
  for (const day of days) {
    for (const { attributes } of await scan<undefined>(
      ctx,
      KeyType.claimLine,
      keys.claimLinesOfDay(venueId, request.funderMspId, day),
    )) {
      const [, , , at = '', redemptionId = ''] = attributes;
      if (at >= request.periodFrom && at < request.periodTo) {
        found.push(await getRedemptionRecord(ctx, redemptionId));
      }
    }
  }
  return found;
}

/**
 * The lines of a venue's claims of the funder booked in the period, claimed or not, from the venue's booking index
 * that bookings kept before the claim index existed: unreversed redemptions, and reversals of redemptions that
 * were paid (a reversal of an unclaimed redemption cancels it out of every claim).
 */
async function linesOfHistory(
  ctx: TxContext,
  venueId: string,
  request: Pick<SubmitClaimRequest, 'funderMspId' | 'periodFrom' | 'periodTo'>,
): Promise<RedemptionRecord[]> {
  // Not paginated: Fabric allows paginated queries only in read-only transactions.
  const index = await scan<undefined>(ctx, KeyType.redemptionByVenue, [venueId]);
  const found: RedemptionRecord[] = [];
  for (const { attributes } of index) {
    const [, at = '', redemptionId = ''] = attributes;
    if (at >= request.periodFrom && at < request.periodTo) {
      const redemption = await getRedemptionRecord(ctx, redemptionId);
      if (isClaimLine(redemption) && redemption.funderMspId === request.funderMspId) {
        found.push(redemption);
      }
    }
  }
  return found;
}

/** Whether a booking is a line of a claim: an unreversed redemption, or the reversal of a paid one. */
export function isClaimLine(booking: RedemptionRecord): boolean {
  return booking.type === 'redemption'
    ? booking.reversedBy === undefined
    : booking.reversesClaimId !== undefined;
}

/** Whether the venue has a claim of the funder whose period overlaps this one: it took the lines there were. */
async function claimedBefore(ctx: TxContext, venueId: string, request: SubmitClaimRequest): Promise<boolean> {
  for (const { attributes } of await scan<undefined>(ctx, KeyType.claimByVenue, [venueId])) {
    const claim = await getClaimRecord(ctx, attributes[1] ?? '');
    if (
      claim.funderMspId === request.funderMspId &&
      claim.periodFrom < request.periodTo &&
      request.periodFrom < claim.periodTo
    ) {
      return true;
    }
  }
  return false;
}

/**
 * Puts the unclaimed lines a venue booked before the claim index existed (listed by the venue's booking index of
 * then) into it, once, so its claims read the days of their periods only from then on. Lines booked since are in
 * the claim index already; writing one again changes nothing.
 *
 * @throws {ChaincodeError} NOT_FOUND for an unknown venue; FORBIDDEN unless an admin of the venue's organisation.
 */
export async function indexClaimLines(ctx: TxContext, request: VenueIdRequest): Promise<VenueRecord> {
  const venue = await getVenue(ctx, request.venueId);
  const access = await accessOf(ctx);
  if (access.caller.mspId !== venue.mspId || !holds(access, 'venues', ['admin'])) {
    fail('FORBIDDEN', `only an admin of ${venue.mspId} indexes the claim lines of venue ${venue.venueId}`);
  }
  if (venue.claimLinesIndexed === true) {
    return venue;
  }
  for (const { attributes } of await scan<undefined>(ctx, KeyType.redemptionByVenue, [venue.venueId])) {
    const booking = await getRedemptionRecord(ctx, attributes[2] ?? '');
    if (booking.claimId === undefined && isClaimLine(booking)) {
      await writeIndex(ctx, keys.claimLine(booking));
    }
  }
  return saveVenue(ctx, { ...venue, claimLinesIndexed: true, updatedAt: nowOf(ctx) }, 'VenueUpdated');
}

/**
 * The funder approves a submitted claim.
 *
 * @throws {ChaincodeError} NOT_FOUND; FORBIDDEN unless the funder; INVALID_STATE_TRANSITION unless submitted.
 */
export async function approveClaim(ctx: TxContext, request: ClaimIdRequest): Promise<ClaimRecord> {
  const claim = await getClaimRecord(ctx, request.claimId);
  await requireFunderIdentity(ctx, claim.funderMspId, 'decide on its claims');
  const at = nowOf(ctx);
  return moveClaim(ctx, claim, 'submitted', { ...claim, status: 'approved', decidedAt: at }, 'ClaimApproved');
}

/**
 * The funder rejects a submitted claim; its redemptions stay bound to it (claimed at most once).
 *
 * @throws {ChaincodeError} NOT_FOUND; FORBIDDEN unless the funder; INVALID_STATE_TRANSITION unless submitted.
 */
export async function rejectClaim(ctx: TxContext, request: RejectClaimRequest): Promise<ClaimRecord> {
  const claim = await getClaimRecord(ctx, request.claimId);
  await requireFunderIdentity(ctx, claim.funderMspId, 'decide on its claims');
  const next: ClaimRecord = {
    ...claim,
    status: 'rejected',
    decidedAt: nowOf(ctx),
    rejectReason: request.reason,
  };
  return moveClaim(ctx, claim, 'submitted', next, 'ClaimRejected');
}

/**
 * The payer records the payment of an approved claim: the whole total, never part of it.
 *
 * @throws {ChaincodeError} FORBIDDEN unless the payer; NOT_FOUND; INVALID_STATE_TRANSITION unless approved;
 * AMOUNT_MISMATCH when the amount paid is not the claim's total.
 */
export async function recordPayment(ctx: TxContext, request: RecordPaymentRequest): Promise<ClaimRecord> {
  await requirePayer(ctx);
  const claim = await getClaimRecord(ctx, request.claimId);
  const paidCents = request.amountCents ?? claim.totalCents;
  if (paidCents !== claim.totalCents) {
    fail(
      'AMOUNT_MISMATCH',
      `claim ${claim.claimId} asks ${String(claim.totalCents)} cents, not ${String(paidCents)}: nothing was recorded`,
    );
  }
  const next: ClaimRecord = {
    ...claim,
    status: 'paid',
    paymentReference: request.paymentReference,
    paidOn: request.paidOn,
    paidCents,
    paidAt: nowOf(ctx),
  };
  return moveClaim(ctx, claim, 'approved', next, 'ClaimPaid');
}

async function moveClaim(
  ctx: TxContext,
  claim: ClaimRecord,
  from: ClaimStatus,
  next: ClaimRecord,
  event: 'ClaimApproved' | 'ClaimRejected' | 'ClaimPaid',
): Promise<ClaimRecord> {
  if (claim.status !== from) {
    fail('INVALID_STATE_TRANSITION', `claim ${claim.claimId} is ${claim.status}, not ${from}`);
  }
  await writeRecord(ctx, keys.claim(next.claimId), next);
  await deleteIndex(ctx, keys.claimByStatus(claim.status, claim.claimId));
  await writeIndex(ctx, keys.claimByStatus(next.status, next.claimId));
  emitClaimEvent(ctx, event, next, nowOf(ctx));
  return next;
}

function emitClaimEvent(
  ctx: TxContext,
  event: 'ClaimSubmitted' | 'ClaimApproved' | 'ClaimRejected' | 'ClaimPaid',
  claim: ClaimRecord,
  at: string,
): void {
  emit(ctx, event, {
    claimId: claim.claimId,
    venueId: claim.venueId,
    funderMspId: claim.funderMspId,
    status: claim.status,
    totalCents: claim.totalCents,
    redemptionCount: claim.redemptionIds.length,
    at,
  });
}
