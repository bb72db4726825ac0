import { defineRoute, type AnyRoute } from '../http/route-spec';
import type { ReadModel } from '../read-model/read-model';
import { toCsv } from './csv';
import { AppError } from '../errors/app-error';
import type { ClientIdentity } from '../auth/client-identity';
import { readerOf } from '../auth/reader-of';
import { councilCsv, councilFigure } from './council-figures';
import {
  councilFigure as councilFigureSchema,
  councilFigureParams,
  councilFigureQuery,
  usageReport as usageReportSchema,
  usageReportQuery,
} from './report-schemas';
import { reportScopeOf } from './report-scope';
import { usageReport, usageReportColumns } from './usage-report';

/**
 * The municipality whose council figures a client reads: its own, for a municipality identity.
 * @throws {AppError} FORBIDDEN for anyone else.
 */
export function councilOf(client: ClientIdentity, municipality: boolean): string {
  if (!readerOf(client, municipality).municipality) {
    throw new AppError('FORBIDDEN', "the council's figures are a municipality's, over its own passes");
  }
  return client.mspId;
}

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
    defineRoute({
      method: 'get',
      path: '/reports/council/{figure}',
      tag: 'reports',
      summary:
        "The council's figures over the municipality's own passes, from the read model: reach (passes used per " +
        'category and month), unspent-budget (by the day it lapses) or discount-norm (each discount offer against the ' +
        "municipality's norm); ?format=csv for a CSV download. `npm run verify` writes the same from the peer.",
      params: councilFigureParams,
      query: councilFigureQuery,
      status: 200,
      response: councilFigureSchema,
      produces: ['text/csv'],
      forbidden: 'an identity that is not a municipality’s',
      handle: async ({ client, params, query }) => {
        const { figure } = params;
        const rows = councilFigure(readModel.db, councilOf(client, municipality), figure);
        if (query.format === 'csv') {
          return {
            headers: { 'Content-Disposition': `attachment; filename="${figure}.csv"` },
            raw: { contentType: 'text/csv; charset=utf-8', bytes: Buffer.from(councilCsv(figure, rows)) },
          };
        }
        return Promise.resolve({
          body: { figure, items: rows, blocksApplied: Number(readModel.nextBlock()) },
        });
      },
    }),
  ];
}
