import {
  claimIdRequest,
  listClaimsRequest,
  recordPaymentRequest,
  rejectClaimRequest,
  submitClaimRequest,
} from '@stadspas/chaincode/vocabulary';
import { pageQuery } from './fields';

/** `POST /claims`: a venue claims its unclaimed redemptions of one funder in a period. */
export const submitClaimBody = submitClaimRequest;

export const claimIdParams = claimIdRequest;
export const rejectClaimBody = rejectClaimRequest.omit({ claimId: true });

/** `POST /claims/{claimId}/payment`: the payer records the payment. */
export const recordPaymentBody = recordPaymentRequest.omit({ claimId: true }).meta({ id: 'RecordPayment' });

export const listClaimsQuery = listClaimsRequest.extend(pageQuery);
