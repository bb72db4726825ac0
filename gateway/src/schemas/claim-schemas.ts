import { CLAIM_STATUSES, FUNDER_MSP_IDS } from '@stadspas/chaincode/vocabulary';
import { z } from '../http/zod';
import { date, id, pageQuery, reason, timestamp } from './fields';

/** `POST /claims`: a venue claims its unclaimed redemptions of one funder in a period. */
export const submitClaimBody = z
  .strictObject({
    claimId: id('kardinge-2026-03'),
    funderMspId: z.enum(FUNDER_MSP_IDS),
    periodFrom: timestamp,
    periodTo: timestamp,
  })
  .openapi('SubmitClaim');

export const claimIdParams = z.strictObject({ claimId: id('kardinge-2026-03') });
export const rejectClaimBody = z.strictObject({ reason });

/** `POST /claims/{claimId}/payment`: the payer records the payment. */
export const recordPaymentBody = z
  .strictObject({
    paymentReference: z.string().trim().min(1).max(64).openapi({ example: 'SVB-2026-000123' }),
    paidOn: date,
  })
  .openapi('RecordPayment');

export const listClaimsQuery = z.strictObject({
  venueId: id('zwembad-kardinge').optional(),
  status: z.enum(CLAIM_STATUSES).optional(),
  ...pageQuery,
});
