import {
  blockPassRequest,
  distinctPassIds,
  grantVoucherRequest,
  issuePassFields,
  issuePassRules,
  LIMITS,
  personalData,
  renewPassRequest,
  replacePassRequest,
} from '@stadspas/chaincode/vocabulary';
import { z } from '../http/zod';

/**
 * One pass to issue: the chaincode's pass with the holder's personal data instead of the pseudonymous reference,
 * which the gateway draws itself. The pass's own rules (validity window) hold here too, before anything is sent.
 */
export const issuePassBody = issuePassRules(
  issuePassFields.omit({ holderRef: true }).extend({ personalData }),
).meta({ id: 'IssuePass' });

/** `POST /passes/batch`: each pass at most once. */
export const issuePassesBody = z
  .strictObject({ passes: distinctPassIds(z.array(issuePassBody).min(1).max(LIMITS.maxBatchPasses)) })
  .meta({ id: 'IssuePasses' });

export const blockPassBody = blockPassRequest.omit({ passId: true });
export const replacePassBody = z.strictObject({ newPassId: replacePassRequest.shape.newPassId });
export const renewPassBody = renewPassRequest.omit({ passId: true });

/** `POST /passes/{passId}/vouchers`: entries for entries offers, cents for budget offers. */
export const grantVoucherBody = grantVoucherRequest
  .omit({ requestId: true, passId: true })
  .meta({ id: 'GrantVoucher' });

export const qrQuery = z.strictObject({ format: z.enum(['png', 'svg']).default('png') });
