import { offerId, venueId } from '@stadspas/chaincode/vocabulary';
import { z } from '../http/zod';

/** `GET /reports/usage`: optional filters, and JSON (default) or CSV. */
export const usageReportQuery = z.strictObject({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
    .optional()
    .openapi({ example: '2026-11' }),
  venueId: venueId.optional(),
  offerId: offerId.optional(),
  format: z.enum(['json', 'csv']).optional(),
});
export type UsageReportQuery = z.infer<typeof usageReportQuery>;

const cents = z.number().int();

/** One line of the usage report. */
export const usageReportRow = z
  .object({
    venueId: z.string(),
    offerId: z.string(),
    month: z.string().openapi({ example: '2026-11' }),
    uses: z.number().int(),
    units: z.number().int(),
    amountCents: cents,
    reimbursementCents: cents,
    claimedCents: cents,
    paidCents: cents,
  })
  .openapi('UsageReportRow');

/** The report, with the number of blocks it was projected from. */
export const usageReport = z
  .object({ items: z.array(usageReportRow), blocksApplied: z.number().int() })
  .openapi('UsageReport');

/** `GET /reports/council/{figure}`: which figure, as JSON (default) or CSV. */
export const councilFigureParams = z.strictObject({
  figure: z.enum(['reach', 'unspent-budget', 'discount-norm']).openapi({ example: 'reach' }),
});
export const councilFigureQuery = z.strictObject({ format: z.enum(['json', 'csv']).optional() });

/** One figure's rows: each figure has its own columns (see the README's "Council figures"). */
export const councilFigure = z
  .object({
    figure: z.string(),
    items: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
    blocksApplied: z.number().int(),
  })
  .openapi('CouncilFigure', {
    example: {
      figure: 'reach',
      items: [{ month: '2026-11', category: 'adult', activePasses: 200, passesUsed: 85, reachPercent: 42.5 }],
      blocksApplied: 1234,
    },
  });
