import type { Database } from 'better-sqlite3';
import type { ReportScope } from './report-scope';

/** What a report is asked for: every filter is optional. */
export interface UsageReportFilter {
  /** `YYYY-MM`, the calendar month (UTC) of the bookings. */
  readonly month?: string;
  readonly venueId?: string;
  readonly offerId?: string;
}

/**
 * One line of the report: a venue's bookings of an offer in a month, net of reversals. Amounts are integer
 * cents; claimed counts the reimbursements in claims submitted, approved or paid, paid those in paid claims.
 */
export interface UsageReportRow {
  readonly venueId: string;
  readonly offerId: string;
  readonly month: string;
  readonly uses: number;
  readonly units: number;
  readonly amountCents: number;
  readonly reimbursementCents: number;
  readonly claimedCents: number;
  readonly paidCents: number;
}

/** The report's columns, in order (also the CSV header). */
export const usageReportColumns = [
  'venueId',
  'offerId',
  'month',
  'uses',
  'units',
  'amountCents',
  'reimbursementCents',
  'claimedCents',
  'paidCents',
] as const satisfies readonly (keyof UsageReportRow)[];

const signed = "CASE WHEN r.type = 'reversal' THEN -1 ELSE 1 END";

/** The chaincode's read rule as the report's condition (see registerReadRule). */
export function scopeCondition(scope: ReportScope): {
  sql: string;
  params: Record<string, string | number | null>;
} {
  return {
    sql: `may_read(@scopeMsp, @scopeRole, @scopeVenue, @scopeMunicipality,
      r.municipality_msp_id, r.funder_msp_id, r.venue_id, COALESCE(r.venue_msp_id, v.msp_id)) = 1`,
    params: {
      scopeMsp: scope.mspId,
      scopeRole: scope.role ?? null,
      scopeVenue: scope.venueId ?? null,
      scopeMunicipality: scope.municipality ? 1 : 0,
    },
  };
}

/** The report per venue, offer and month that a scope covers, ordered by month, venue and offer. */
export function usageReport(db: Database, scope: ReportScope, filter: UsageReportFilter): UsageReportRow[] {
  const condition = scopeCondition(scope);
  const filters = [
    condition.sql,
    ...(filter.month === undefined ? [] : ['r.month = @month']),
    ...(filter.venueId === undefined ? [] : ['r.venue_id = @venueId']),
    ...(filter.offerId === undefined ? [] : ['r.offer_id = @offerId']),
  ];
  return db
    .prepare(
      `SELECT r.venue_id AS venueId, r.offer_id AS offerId, r.month AS month,
         SUM(${signed}) AS uses,
         SUM(${signed} * r.units) AS units,
         SUM(${signed} * r.amount_cents) AS amountCents,
         SUM(${signed} * r.reimbursement_cents) AS reimbursementCents,
         SUM(CASE WHEN c.status IN ('submitted', 'approved', 'paid') THEN ${signed} * r.reimbursement_cents
           ELSE 0 END) AS claimedCents,
         SUM(CASE WHEN c.status = 'paid' THEN ${signed} * r.reimbursement_cents ELSE 0 END) AS paidCents
       FROM redemptions r
       LEFT JOIN claims c ON c.claim_id = r.claim_id
       LEFT JOIN venues v ON v.venue_id = r.venue_id
       WHERE ${filters.join(' AND ')}
       GROUP BY r.venue_id, r.offer_id, r.month
       ORDER BY r.month, r.venue_id, r.offer_id`,
    )
    .all({ ...condition.params, ...filter }) as UsageReportRow[];
}
