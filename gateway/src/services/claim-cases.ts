import type {
  ClaimRecord,
  Page,
  RecordPaymentRequest,
  RequestOf,
  SubmitClaimRequest,
} from '@stadspas/chaincode/vocabulary';
import type { ClientIdentity } from '../auth/client-identity';
import { readModelListingsOf } from './redemption-cases';
import type { ServiceDeps } from './service-deps';
import type { TypedSubmitted } from '../ledger/typed-ledger';

/**
 * A venue claims its unclaimed redemptions of a period that has ended; one without an end, up to now.
 * @throws {AppError} FORBIDDEN, ALREADY_EXISTS, ALREADY_CLAIMED, INVALID_ARGUMENT (a period not yet ended), …
 */
export const submitClaim = (
  deps: ServiceDeps,
  client: ClientIdentity,
  request: Omit<SubmitClaimRequest, 'periodTo'> & { readonly periodTo?: string | undefined },
): Promise<TypedSubmitted<'claims:SubmitClaim'>> =>
  deps.ledger.submit(client, 'claims:SubmitClaim', {
    ...request,
    periodTo: request.periodTo ?? new Date().toISOString(),
  });

/** The funder approves. @throws {AppError} FORBIDDEN, NOT_FOUND, INVALID_STATE_TRANSITION or a ledger code. */
export const approveClaim = (
  deps: ServiceDeps,
  client: ClientIdentity,
  claimId: string,
): Promise<TypedSubmitted<'claims:ApproveClaim'>> =>
  deps.ledger.submit(client, 'claims:ApproveClaim', { claimId });

/** The funder rejects. @throws {AppError} FORBIDDEN, NOT_FOUND, INVALID_STATE_TRANSITION or a ledger code. */
export const rejectClaim = (
  deps: ServiceDeps,
  client: ClientIdentity,
  claimId: string,
  reason: string,
): Promise<TypedSubmitted<'claims:RejectClaim'>> =>
  deps.ledger.submit(client, 'claims:RejectClaim', { claimId, reason });

/** The payer records the payment. @throws {AppError} FORBIDDEN, NOT_FOUND, INVALID_STATE_TRANSITION, … */
export const recordPayment = (
  deps: ServiceDeps,
  client: ClientIdentity,
  request: RecordPaymentRequest,
): Promise<TypedSubmitted<'claims:RecordPayment'>> =>
  deps.ledger.submit(client, 'claims:RecordPayment', request);

/** One claim. @throws {AppError} NOT_FOUND or a ledger code. */
export const getClaim = (deps: ServiceDeps, client: ClientIdentity, claimId: string): Promise<ClaimRecord> =>
  deps.ledger.evaluate(client, 'claims:GetClaim', { claimId });

/**
 * A venue's own claims by default; others filter as they like. In submission order from the ledger, or newest first
 * from the read model (`order: 'newest'`).
 * @throws {AppError} a ledger code; UNAVAILABLE for newest first on a gateway without a read model.
 */
export const listClaims = (
  deps: ServiceDeps,
  client: ClientIdentity,
  request: RequestOf<'claims:ListClaims'> & { readonly order?: 'oldest' | 'newest' | undefined },
): Promise<Page<ClaimRecord>> => {
  const { order, ...filter } = request;
  if (order === 'newest') {
    return readModelListingsOf(deps).claims(client, filter);
  }
  return deps.ledger.evaluate(client, 'claims:ListClaims', {
    ...filter,
    ...(filter.venueId === undefined && client.venueId !== undefined ? { venueId: client.venueId } : {}),
  });
};
