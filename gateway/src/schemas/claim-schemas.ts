import {
  claimIdRequest,
  listClaimsRequest,
  recordPaymentRequest,
  endTimestamp,
  inTimeOrder,
  rejectClaimRequest,
  submitClaimFields,
} from '@stadspas/chaincode/vocabulary';
import { listOrder, pageQuery } from './fields';

/**
 * `POST /claims`: a venue claims its unclaimed redemptions of one funder in a period that has ended; without
 * `periodTo`, up to the moment the gateway sends the claim.
 */
export const submitClaimBody = inTimeOrder(
  submitClaimFields.extend({
    periodTo: endTimestamp
      .optional()
      .describe('Exclusive; left out, the period ends when the gateway sends the claim (by its clock)'),
  }),
  'periodFrom',
  'periodTo',
).meta({
  id: 'SubmitClaim',
  description: 'A venue claims its unclaimed redemptions of one funder in a period that has ended.',
});

export const claimIdParams = claimIdRequest;
export const rejectClaimBody = rejectClaimRequest.omit({ claimId: true });

/** `POST /claims/{claimId}/payment`: the payer records the payment. */
export const recordPaymentBody = recordPaymentRequest.omit({ claimId: true }).meta({ id: 'RecordPayment' });

export const listClaimsQuery = listClaimsRequest.extend({ ...pageQuery, order: listOrder });
