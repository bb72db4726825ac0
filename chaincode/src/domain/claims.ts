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
 * A venue claims all its unclaimed, unreversed redemptions of one funder booked in
 * [periodFrom, periodTo). Each redemption is marked with the claim, so it is claimed at most once.
 *
 * @throws {ChaincodeError} FORBIDDEN unless a venue identity of the venue's organisation;
 * ALREADY_EXISTS for a known claimId; ALREADY_CLAIMED when every matching redemption is claimed;
 * NOT_FOUND when there is nothing to claim.
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
  const at = nowOf(ctx);
  const claim: ClaimRecord = {
    ...request,
    venueId: venue.venueId,
    redemptionIds: unclaimed.map((redemption) => redemption.redemptionId),
    totalCents: unclaimed.reduce((total, redemption) => total + redemption.reimbursementCents, 0),
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

/** The venue's unreversed redemptions of the funder booked in the period, claimed or not. */
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
      if (
        redemption.type === 'redemption' &&
        redemption.reversedBy === undefined &&
        redemption.funderMspId === request.funderMspId
      ) {
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
 * The payer records the payment of an approved claim.
 *
 * @throws {ChaincodeError} FORBIDDEN unless the payer; NOT_FOUND; INVALID_STATE_TRANSITION unless approved.
 */
export async function recordPayment(ctx: TxContext, request: RecordPaymentRequest): Promise<ClaimRecord> {
  await requirePayer(ctx);
  const claim = await getClaimRecord(ctx, request.claimId);
  const next: ClaimRecord = {
    ...claim,
    status: 'paid',
    paymentReference: request.paymentReference,
    paidOn: request.paidOn,
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
