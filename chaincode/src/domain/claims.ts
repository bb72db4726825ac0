import { requireFunderIdentity, requirePayer } from '../access/roles';
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
} from '../vocabulary';
import { getRedemptionRecord } from './redemption-queries';
import { requireOwnVenue } from './venue-caller';

/**
 * Reads a claim without access checks.
 *
 * @throws {ChaincodeError} NOT_FOUND when unknown.
 */
export async function getClaimRecord(ctx: TxContext, claimId: string): Promise<ClaimRecord> {
  const claim = await readRecord<ClaimRecord>(ctx, keys.claim(claimId));
  return claim ?? fail('NOT_FOUND', `claim ${claimId} does not exist`);
}

/**
 * A venue claims all its unclaimed, unreversed redemptions of one funder booked in [periodFrom, periodTo), less
 * the reversals booked then of redemptions already paid (negative lines). Each line is marked with the claim, so it
 * is claimed at most once.
 *
 * @throws {ChaincodeError} FORBIDDEN unless a venue identity of the venue's organisation;
 * ALREADY_EXISTS for a known claimId; ALREADY_CLAIMED when every matching line is claimed;
 * NOT_FOUND when there is nothing to claim; NOTHING_TO_PAY when the reversals take the total to zero or below.
 */
export async function submitClaim(ctx: TxContext, request: SubmitClaimRequest): Promise<ClaimRecord> {
  const { venue } = await requireOwnVenue(ctx);
  if ((await readRecord(ctx, keys.claim(request.claimId))) !== undefined) {
    fail('ALREADY_EXISTS', `claim ${request.claimId} exists`);
  }
  const matching = await claimableOf(ctx, venue.venueId, request);
  const unclaimed = matching.filter((redemption) => redemption.claimId === undefined);
  if (unclaimed.length === 0) {
    fail(
      matching.length > 0 ? 'ALREADY_CLAIMED' : 'NOT_FOUND',
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
  const at = nowOf(ctx);
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
  }
  await writeRecord(ctx, keys.claim(claim.claimId), claim);
  await writeIndex(ctx, keys.claimByVenue(claim.venueId, claim.claimId));
  await writeIndex(ctx, keys.claimByStatus(claim.status, claim.claimId));
  emitClaimEvent(ctx, 'ClaimSubmitted', claim, at);
  return claim;
}

/**
 * The lines of the venue's claims of the funder booked in the period, claimed or not: unreversed redemptions, and
 * reversals of redemptions that were paid (a reversal of an unclaimed redemption cancels it out of every claim).
 */
async function claimableOf(
  ctx: TxContext,
  venueId: string,
  request: SubmitClaimRequest,
): Promise<RedemptionRecord[]> {
  // Not paginated: Fabric allows paginated queries only in read-only transactions.
  const index = await scan<undefined>(ctx, KeyType.redemptionByVenue, [venueId]);
  const found: RedemptionRecord[] = [];
  for (const { attributes } of index) {
    const [, at = '', redemptionId = ''] = attributes;
    if (at >= request.periodFrom && at < request.periodTo) {
      const redemption = await getRedemptionRecord(ctx, redemptionId);
      const line =
        redemption.type === 'redemption'
          ? redemption.reversedBy === undefined
          : redemption.reversesClaimId !== undefined;
      if (line && redemption.funderMspId === request.funderMspId) {
        found.push(redemption);
      }
    }
  }
  return found;
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
