import { Router, type RequestHandler } from 'express';
import { clientOf } from '../auth/authenticate';
import { validate } from '../http/validate';
import type { ReadModel } from '../read-model/read-model';
import { reportScopeOf } from './report-scope';
import { usageReportQuery } from './report-schemas';
import { usageReport, usageReportColumns, type UsageReportRow } from './usage-report';

/** The page's style sheet, served by the gateway itself (no outside assets). */
const styleSheet = `body{font-family:system-ui,sans-serif;margin:2rem;color:#1a1a1a}
table{border-collapse:collapse}th,td{border:1px solid #767676;padding:.3rem .6rem}
td.n{text-align:right;font-variant-numeric:tabular-nums}a{color:#0b4f9c}
form{margin:1rem 0}label{margin-right:1rem}`;

const headings: Readonly<Record<keyof UsageReportRow, string>> = {
  venueId: 'Locatie',
  offerId: 'Aanbod',
  month: 'Maand',
  uses: 'Gebruik',
  units: 'Eenheden',
  amountCents: 'Bedrag (ct)',
  reimbursementCents: 'Vergoeding (ct)',
  claimedCents: 'Gedeclareerd (ct)',
  paidCents: 'Betaald (ct)',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);
}

function cell(row: UsageReportRow, column: keyof UsageReportRow): string {
  const value = row[column];
  return typeof value === 'number' ? `<td class="n">${String(value)}</td>` : `<td>${escapeHtml(value)}</td>`;
}

/** The report page: the same report as the API, as a table, with a link to its CSV. */
export function renderReportPage(
  rows: readonly UsageReportRow[],
  query: Readonly<Record<string, string>>,
): string {
  const csvQuery = new URLSearchParams({ ...query, format: 'csv' }).toString();
  const body =
    rows.length === 0
      ? `<tr><td colspan="${String(usageReportColumns.length)}">Geen boekingen</td></tr>`
      : rows.map((row) => `<tr>${usageReportColumns.map((c) => cell(row, c)).join('')}</tr>`).join('\n');
  const month = escapeHtml(query.month ?? '');
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Gebruik per locatie, aanbod en maand</title><link rel="stylesheet" href="/reports/report.css"></head>
<body><main><h1>Gebruik per locatie, aanbod en maand</h1>
<form method="get" action="/reports"><label for="month">Maand (JJJJ-MM)</label>
<input id="month" name="month" value="${month}" pattern="\\d{4}-\\d{2}"> <button type="submit">Toon</button></form>
<table><caption>Bedragen in centen, na terugboekingen</caption>
<thead><tr>${usageReportColumns.map((c) => `<th scope="col">${headings[c]}</th>`).join('')}</tr></thead>
<tbody>
${body}
</tbody></table>
<p><a href="/api/v1/reports/usage?${escapeHtml(csvQuery)}" download>Download als CSV</a></p></main></body></html>
`;
}

/**
 * `GET /reports`: the usage report as a server-rendered page, for whoever `authenticate` lets in; its style sheet
 * at `/reports/report.css`.
 */
export function reportPage(
  readModel: ReadModel,
  authenticate: RequestHandler,
  municipality: boolean,
): Router {
  const router = Router();
  router.get('/report.css', (_req, res) => {
    res.type('text/css').set('Cache-Control', 'public, max-age=300').send(styleSheet);
  });
  router.get('/', authenticate, (req, res) => {
    const filter = validate(usageReportQuery.omit({ format: true }), req.query, 'query');
    const rows = usageReport(readModel.db, reportScopeOf(readModel.db, clientOf(res), municipality), filter);
    res.set('Cache-Control', 'no-store').type('html').send(renderReportPage(rows, filter));
  });
  return router;
}
