import {
  blockPassRequest,
  cardNumber,
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
 * which the gateway draws itself, as it draws the pass's pseudonym (`passId`) and the card number when they are
 * left out. The pass's own rules (validity window) hold here too, before anything is sent.
 */
export const issuePassBody = issuePassRules(
  issuePassFields.omit({ holderRef: true }).extend({
    passId: issuePassFields.shape.passId.optional(),
    cardNumber: cardNumber.optional(),
    personalData,
  }),
)
  .refine((pass) => pass.cardNumber === undefined || pass.cardNumber !== pass.passId, {
    error: 'must differ from passId: the shared ledger knows the pass by a pseudonym, not its card number',
    path: ['cardNumber'],
  })
  .meta({ id: 'IssuePass' });

/** Whether the values a list gives for one field (where given) are all different. */
function distinctWhereGiven<T>(items: readonly T[], field: (item: T) => string | undefined): boolean {
  const given = items.map(field).filter((value) => value !== undefined);
  return new Set(given).size === given.length;
}

/** `POST /passes/batch`: each pass and each card number at most once. */
export const issuePassesBody = z
  .strictObject({
    passes: z
      .array(issuePassBody)
      .min(1)
      .max(LIMITS.maxBatchPasses)
      .refine((passes) => distinctWhereGiven(passes, (pass) => pass.passId), {
        error: 'holds a passId twice',
      })
      .refine((passes) => distinctWhereGiven(passes, (pass) => pass.cardNumber), {
        error: 'holds a cardNumber twice',
      }),
  })
  .meta({ id: 'IssuePasses' });

/** `POST /passes/lookup`: the number printed on a card. */
export const cardNumberBody = z.strictObject({ cardNumber }).meta({ id: 'CardNumber' });

export const blockPassBody = blockPassRequest.omit({ passId: true });
export const replacePassBody = z.strictObject({ newPassId: replacePassRequest.shape.newPassId.optional() });
export const renewPassBody = renewPassRequest.omit({ passId: true });

/** `POST /passes/{passId}/vouchers`: entries for entries offers, cents for budget offers. */
export const grantVoucherBody = grantVoucherRequest
  .omit({ requestId: true, passId: true })
  .meta({ id: 'GrantVoucher' });

export const qrQuery = z.strictObject({ format: z.enum(['png', 'svg']).default('png') });
