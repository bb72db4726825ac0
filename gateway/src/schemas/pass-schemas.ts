import {
  blockPassRequest,
  cardNumber,
  grantVoucherRequest,
  holderSalt,
  importPassFields,
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

/** The holder of a pass carried over from another system, as that system recorded it. */
export const importedHolder = z.strictObject({ salt: holderSalt, cardNumber, personalData });

/**
 * `POST /passes/import`: passes carried over from another system, each with its holder (or `holderErased`) and
 * its opening balances; a pass already here comes without a holder, and takes its balances only while unbooked.
 */
export const importPassesBody = z
  .strictObject({
    passes: z
      .array(
        issuePassRules(importPassFields.extend({ holder: importedHolder.optional() })).refine(
          (pass) => pass.holder === undefined || pass.holderErased === undefined,
          { error: 'a pass whose holder was erased comes without one', path: ['holder'] },
        ),
      )
      .min(1)
      .max(LIMITS.maxBatchPasses)
      .refine((passes) => distinctWhereGiven(passes, (pass) => pass.passId), {
        error: 'holds a passId twice',
      })
      .refine((passes) => distinctWhereGiven(passes, (pass) => pass.holder?.cardNumber), {
        error: 'holds a cardNumber twice',
      }),
  })
  .meta({
    id: 'ImportPassesBody',
    example: {
      passes: [
        {
          passId: 'P-3F2A0C9B7D1E4A66',
          category: 'child',
          validFrom: '2026-01-01T00:00:00.000Z',
          validUntil: '2027-01-01T00:00:00.000Z',
          holderRef: 'holder-7c1e',
          issuedAt: '2025-12-15T10:00:00.000Z',
          holder: {
            salt: '9f2c4e7a1b3d5f60',
            cardNumber: '600100054321',
            personalData: {
              name: 'N. de Vries',
              bsn: '111222333',
              dateOfBirth: '2015-04-01',
              address: 'Oosterstraat 1, 9711 NN Groningen',
            },
          },
          openingBalances: [{ offerId: 'child-sports', periodKey: '2026', granted: 0, used: 2500 }],
        },
      ],
    },
  });
export type ImportPassesBody = z.infer<typeof importPassesBody>;

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
