import { z } from 'zod';
import {
  cents,
  date,
  endTimestamp,
  id,
  inTimeOrder,
  mspId,
  name,
  pageFields,
  reason,
  timestamp,
} from './fields';
import { CLAIM_STATUSES } from './statuses';
import { venueId } from './venue-requests';

export const claimId = id('kardinge-2026-03');

/** The fields of a claim, before the rule that its period ends after it starts. */
export const submitClaimFields = z.strictObject({
  claimId,
  funderMspId: mspId,
  /** Inclusive. */
  periodFrom: timestamp,
  /** Exclusive; not after the moment the claim is made: a claim covers a period that has ended. */
  periodTo: endTimestamp,
});

export const submitClaimRequest = inTimeOrder(submitClaimFields, 'periodFrom', 'periodTo').meta({
  id: 'SubmitClaim',
  description: 'A venue claims its unclaimed redemptions of one funder in a period.',
});
export type SubmitClaimRequest = z.infer<typeof submitClaimRequest>;

export const claimIdRequest = z.strictObject({ claimId });
export type ClaimIdRequest = z.infer<typeof claimIdRequest>;

export const rejectClaimRequest = z.strictObject({ claimId, reason });
export type RejectClaimRequest = z.infer<typeof rejectClaimRequest>;

export const recordPaymentRequest = z
  .strictObject({
    claimId,
    paymentReference: name.meta({ example: 'SVB-2026-000123' }),
    paidOn: date,
    /** The amount paid; when given it must be the claim's total. */
    amountCents: cents.optional(),
  })
  .meta({ description: 'The payer records the payment of an approved claim.' });
export type RecordPaymentRequest = z.infer<typeof recordPaymentRequest>;

export const listClaimsRequest = z.strictObject({
  venueId: venueId.optional(),
  status: z.enum(CLAIM_STATUSES).optional(),
  ...pageFields,
});
export type ListClaimsRequest = z.infer<typeof listClaimsRequest>;
