import { LIMITS, PASS_YEAR_START_PATTERN } from '@stadspas/chaincode/vocabulary';
import { z } from '../http/zod';

/** `PUT /config`: the ledger-wide settings (municipality admin). */
export const setConfigBody = z
  .strictObject({
    passYearStart: z
      .string()
      .regex(PASS_YEAR_START_PATTERN, 'must be the first day of a month, MM-01')
      .openapi({ example: '01-01' }),
    reversalWindowSeconds: z
      .number()
      .int()
      .min(0)
      .max(LIMITS.maxReversalWindowSeconds)
      .openapi({ example: 900 }),
  })
  .openapi('SetConfig');
