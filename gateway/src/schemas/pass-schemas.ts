import { DATE_PATTERN, isValidBsn, LIMITS } from '@stadspas/chaincode/vocabulary';
import { z } from '../http/zod';
import { cents, id, name, periodKey, reason, slug, timestamp } from './fields';

/** Personal data of a holder: sent to the chaincode in the transient map only. */
export const personalData = z
  .strictObject({
    name: name.openapi({ example: 'J. de Vries' }),
    bsn: z
      .string()
      .regex(/^\d{9}$/, 'must be 9 digits')
      .refine(isValidBsn, 'fails the eleven test')
      .openapi({ example: '111222333' }),
    dateOfBirth: z.string().regex(DATE_PATTERN, 'must be a date YYYY-MM-DD'),
    address: name.openapi({ example: 'Grote Markt 1, 9711 LV Groningen' }),
  })
  .openapi('PersonalData');

/** One pass to issue, checked whole (as the chaincode's IssuePass does) before its holder is recorded. */
export const issuePassBody = z
  .strictObject({
    passId: id('SP-0001'),
    category: slug('adult'),
    validFrom: timestamp,
    validUntil: timestamp,
    personalData,
  })
  .refine((pass) => Date.parse(pass.validFrom) < Date.parse(pass.validUntil), {
    error: 'must be after validFrom',
    path: ['validUntil'],
  })
  .openapi('IssuePass');

/** `POST /passes/batch`: each pass at most once. */
export const issuePassesBody = z
  .strictObject({ passes: z.array(issuePassBody).min(1).max(LIMITS.maxBatchPasses) })
  .refine(({ passes }) => new Set(passes.map((pass) => pass.passId)).size === passes.length, {
    error: 'holds a passId twice',
    path: ['passes'],
  })
  .openapi('IssuePasses');

export const blockPassBody = z.strictObject({ reason });
export const replacePassBody = z.strictObject({ newPassId: id('SP-0002') });
export const renewPassBody = z.strictObject({ validUntil: timestamp });

/** `POST /passes/{passId}/vouchers`: entries for entries offers, cents for budget offers. */
export const grantVoucherBody = z
  .strictObject({
    offerId: id('child-sports-2026'),
    amount: z.union([z.number().int().min(1).max(LIMITS.maxQuantity), cents]),
    periodKey: periodKey.optional(),
  })
  .openapi('GrantVoucher');

export const qrQuery = z.strictObject({ format: z.enum(['png', 'svg']).default('png') });
