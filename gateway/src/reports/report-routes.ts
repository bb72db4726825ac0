import { defineRoute, type AnyRoute } from '../http/route-spec';
import type { ReadModel } from '../read-model/read-model';
import { toCsv } from './csv';
import { usageReport as usageReportSchema, usageReportQuery } from './report-schemas';
import { reportScopeOf } from './report-scope';
import { usageReport, usageReportColumns } from './usage-report';

/**
 * Reports from the read model: per venue, offer and month, as JSON or CSV.
 * @param municipality whether the gateway's organisation is a municipality of the scheme
 */
export function reportRoutes(readModel: ReadModel, municipality: boolean): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/reports/usage',
      tag: 'reports',
      summary:
        'Uses, amounts, reimbursements, claimed and paid per venue, offer and month (UTC), net of reversals, ' +
        'from the read model; ?format=csv for a CSV download. A venue sees its own venue, a funder the offers ' +
        'it funds, the municipality all.',
      query: usageReportQuery,
      status: 200,
      response: usageReportSchema,
      produces: ['text/csv'],
      forbidden: 'an organisation that funds no offer and is not a venue',
      handle: async ({ client, query }) => {
        const { format, ...filter } = query;
        const rows = usageReport(readModel.db, reportScopeOf(readModel.db, client, municipality), filter);
        if (format === 'csv') {
          return {
            headers: { 'Content-Disposition': 'attachment; filename="usage-report.csv"' },
            raw: {
              contentType: 'text/csv; charset=utf-8',
              bytes: Buffer.from(toCsv(usageReportColumns, rows)),
            },
          };
        }
        return Promise.resolve({ body: { items: rows, blocksApplied: Number(readModel.nextBlock()) } });
      },
    }),
  ];
}
