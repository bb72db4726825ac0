import { Router, type RequestHandler } from 'express';
import { clientOf } from '../auth/authenticate';
import { validate } from '../http/validate';
import {
  languageOf,
  languageSwitchHref,
  otherLanguage,
  rememberLanguage,
  wordsFor,
  type Words,
} from '../pages/words';
import type { ReadModel } from '../read-model/read-model';
import { COUNCIL_FIGURES, councilColumns, councilFigure, type CouncilFigureName } from './council-figures';
import { councilOf } from './report-routes';
import { reportScopeOf } from './report-scope';
import { usageReportQuery } from './report-schemas';
import { usageReport, usageReportColumns, type UsageReportRow } from './usage-report';

/** The page's style sheet, served by the gateway itself (no outside assets). */
const styleSheet = `body{font-family:system-ui,sans-serif;margin:2rem;color:#1a1a1a}
table{border-collapse:collapse}th,td{border:1px solid #767676;padding:.3rem .6rem}
td.n{text-align:right;font-variant-numeric:tabular-nums}a{color:#0b4f9c}
form{margin:1rem 0}section{margin:1.5rem 0}label{margin-right:1rem}.language{display:inline-block;padding:.5rem 0;font-weight:600}`;

/** The columns that hold integer cents, shown as euros in the page's locale (the CSV keeps cents). */
const centsColumns: ReadonlySet<keyof UsageReportRow> = new Set([
  'amountCents',
  'reimbursementCents',
  'claimedCents',
  'paidCents',
]);

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);
}

function cell(words: Words, row: UsageReportRow, column: keyof UsageReportRow): string {
  const value = row[column];
  if (typeof value === 'string') {
    return `<td>${escapeHtml(value)}</td>`;
  }
  const text = centsColumns.has(column) ? words.amount(value, 'cents') : value.toLocaleString(words.locale);
  return `<td class="n">${escapeHtml(text)}</td>`;
}

/** The council figures' columns that hold integer cents. */
const councilCents: ReadonlySet<string> = new Set([
  'entitledCents',
  'usedCents',
  'unspentCents',
  'fullPriceCents',
  'discountCents',
]);

function councilCell(words: Words, column: string, value: unknown): string {
  if (typeof value === 'number') {
    const text = councilCents.has(column) ? words.amount(value, 'cents') : value.toLocaleString(words.locale);
    return `<td class="n">${escapeHtml(text)}</td>`;
  }
  return `<td>${escapeHtml(typeof value === 'string' ? value : '')}</td>`;
}

function councilSection(
  words: Words,
  name: CouncilFigureName,
  rows: readonly Record<string, unknown>[],
): string {
  const { t } = words;
  const columns: readonly string[] = councilColumns[name];
  const body =
    rows.length === 0
      ? `<tr><td colspan="${String(columns.length)}">${escapeHtml(t('council.none'))}</td></tr>`
      : rows
          .map((row) => `<tr>${columns.map((c) => councilCell(words, c, row[c])).join('')}</tr>`)
          .join('\n');
  const heading = (column: string): string =>
    `<th scope="col">${escapeHtml(t(`council.col.${column}` as `council.col.${(typeof councilColumns)[CouncilFigureName][number]}`))}</th>`;
  return `<section aria-labelledby="${name}"><h2 id="${name}">${escapeHtml(t(`council.${name}`))}</h2>
<table><thead><tr>${columns.map(heading).join('')}</tr></thead>
<tbody>
${body}
</tbody></table>
<p><a href="/api/v1/reports/council/${name}?format=csv" download>${escapeHtml(t('council.csv'))}</a></p></section>`;
}

/** A report page around its content: the language switch in its header, the title as its heading. */
function reportDocument(
  title: string,
  content: string,
  { words, languageSwitch }: ReportPageLanguage,
): string {
  const other = otherLanguage(words.lang);
  const heading = escapeHtml(title);
  return `<!doctype html>
<html lang="${words.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${heading}</title><link rel="stylesheet" href="/reports/report.css"></head>
<body><header><a class="language" id="language-switch" href="${escapeHtml(languageSwitch)}" lang="${other}" hreflang="${other}">${escapeHtml(wordsFor(other).t('language.name'))}</a></header>
<main><h1>${heading}</h1>
${content}</main></body></html>
`;
}

/** The council's figures page: each figure as a table, with a link to its CSV. */
export function renderCouncilPage(
  figures: Readonly<Record<CouncilFigureName, readonly object[]>>,
  { words, languageSwitch }: ReportPageLanguage,
): string {
  const sections = COUNCIL_FIGURES.map((name) =>
    councilSection(words, name, figures[name] as readonly Record<string, unknown>[]),
  );
  return reportDocument(
    words.t('council.title'),
    `<p>${escapeHtml(words.t('council.intro'))}</p>\n${sections.join('\n')}`,
    { words, languageSwitch },
  );
}

/** How the report page speaks: its language, and the address of the same report in the other language. */
export interface ReportPageLanguage {
  readonly words: Words;
  readonly languageSwitch: string;
}

/** The report page: the same report as the API, as a table, with a link to its CSV. */
export function renderReportPage(
  rows: readonly UsageReportRow[],
  query: Readonly<Record<string, string>>,
  { words, languageSwitch }: ReportPageLanguage,
): string {
  const { t } = words;
  const csvQuery = new URLSearchParams({ ...query, format: 'csv' }).toString();
  const body =
    rows.length === 0
      ? `<tr><td colspan="${String(usageReportColumns.length)}">${escapeHtml(t('report.none'))}</td></tr>`
      : rows
          .map((row) => `<tr>${usageReportColumns.map((c) => cell(words, row, c)).join('')}</tr>`)
          .join('\n');
  const heading = (column: keyof UsageReportRow): string =>
    `<th scope="col">${escapeHtml(t(`report.col.${column}`))}</th>`;
  const month = escapeHtml(query.month ?? '');
  return reportDocument(
    t('report.title'),
    `<form method="get" action="/reports"><label for="month">${escapeHtml(t('report.month'))}</label>
<input id="month" name="month" value="${month}" pattern="\\d{4}-\\d{2}"> <button type="submit">${escapeHtml(t('report.show'))}</button></form>
<table><caption>${escapeHtml(t('report.caption'))}</caption>
<thead><tr>${usageReportColumns.map(heading).join('')}</tr></thead>
<tbody>
${body}
</tbody></table>
<p><a href="/api/v1/reports/usage?${escapeHtml(csvQuery)}" download>${escapeHtml(t('report.csv'))}</a></p>`,
    { words, languageSwitch },
  );
}

/**
 * `GET /reports`: the usage report as a server-rendered page, for whoever `authenticate` lets in, and
 * `GET /reports/council` the council's figures for a municipality's identities; their style sheet at
 * `/reports/report.css`.
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
  router.get('/council', rememberLanguage(), authenticate, (req, res) => {
    const municipalityMspId = councilOf(clientOf(res), municipality);
    const figures = Object.fromEntries(
      COUNCIL_FIGURES.map((name) => [name, councilFigure(readModel.db, municipalityMspId, name)]),
    ) as Record<CouncilFigureName, object[]>;
    const lang = languageOf(req);
    const page = renderCouncilPage(figures, {
      words: wordsFor(lang),
      languageSwitch: languageSwitchHref(req, otherLanguage(lang)),
    });
    res.set('Cache-Control', 'no-store').set('Content-Language', lang).type('html').send(page);
  });
  router.get('/', rememberLanguage(), authenticate, (req, res) => {
    // The language is the page's, not a filter of the report.
    const query = Object.fromEntries(Object.entries(req.query).filter(([name]) => name !== 'lang'));
    const filter = validate(usageReportQuery.omit({ format: true }), query, 'query');
    const rows = usageReport(readModel.db, reportScopeOf(readModel.db, clientOf(res), municipality), filter);
    const lang = languageOf(req);
    const page = renderReportPage(rows, filter, {
      words: wordsFor(lang),
      languageSwitch: languageSwitchHref(req, otherLanguage(lang)),
    });
    res.set('Cache-Control', 'no-store').set('Content-Language', lang).type('html').send(page);
  });
  return router;
}
