import { periodBounds, periodKeysBetween } from '@stadspas/chaincode/vocabulary';
import type { Database } from 'better-sqlite3';
import { openReadModel } from '../read-model/read-model';
import { projectWrites } from '../read-model/projection';
import { toCsv } from './csv';

// The figures a municipality's council asks for, over the municipality's own passes. They read only the read
// model, so whoever rebuilds that from the blocks of their own peer (`npm run verify`) gets the same figures.

/** The share of a municipality's active passes of a category used at least once in a month (UTC). */
export interface ReachRow {
  readonly month: string;
  readonly category: string;
  /** Passes whose validity overlaps the month. */
  readonly activePasses: number;
  /** Of those, the passes with a booking in the month that was not reversed. */
  readonly passesUsed: number;
  /** `passesUsed` in percent of `activePasses`, to one decimal. */
  readonly reachPercent: number;
}

/** A budget offer's money on the municipality's passes that lapses on one day, and how much of it was spent. */
export interface UnspentBudgetRow {
  /** The day the budget can no longer be spent (the first day after its period, the offer or the pass ends). */
  readonly lapsesOn: string;
  readonly offerId: string;
  /** Passes holding a budget of the offer that lapses that day. */
  readonly vouchers: number;
  /** What those passes were given: by the offer's rule and by individual grants. */
  readonly entitledCents: number;
  readonly usedCents: number;
  readonly unspentCents: number;
}

/** The discount an offer gave on the municipality's passes, against the municipality's norm. */
export interface DiscountNormRow {
  readonly offerId: string;
  readonly offerName: string;
  /** Bookings net of reversals. */
  readonly bookings: number;
  readonly fullPriceCents: number;
  readonly discountCents: number;
  /** The discount in percent of the full price, to one decimal; null without any full price booked. */
  readonly discountPercent: number | null;
  /** The municipality's norm (`config:SetDiscountNorm`); null while it set none. */
  readonly normPercent: number | null;
  /** `discountPercent - normPercent`, to one decimal; null when either is. */
  readonly differencePercent: number | null;
}

/** Each figure's columns, in order (also its CSV header). */
export const councilColumns = {
  reach: ['month', 'category', 'activePasses', 'passesUsed', 'reachPercent'],
  'unspent-budget': ['lapsesOn', 'offerId', 'vouchers', 'entitledCents', 'usedCents', 'unspentCents'],
  'discount-norm': [
    'offerId',
    'offerName',
    'bookings',
    'fullPriceCents',
    'discountCents',
    'discountPercent',
    'normPercent',
    'differencePercent',
  ],
} as const satisfies {
  reach: readonly (keyof ReachRow)[];
  'unspent-budget': readonly (keyof UnspentBudgetRow)[];
  'discount-norm': readonly (keyof DiscountNormRow)[];
};

/** The council's figures by name. */
export interface CouncilFigures {
  readonly reach: ReachRow[];
  readonly 'unspent-budget': UnspentBudgetRow[];
  readonly 'discount-norm': DiscountNormRow[];
}
export type CouncilFigureName = keyof CouncilFigures;
export const COUNCIL_FIGURES = Object.keys(councilColumns) as CouncilFigureName[];

/**
 * Reach per month and category, from the first to the last month with a booking on the municipality's passes.
 * A pass counts as active in every month its validity overlaps, whatever became of it later. One pair of indexed
 * queries per month, so a year of bookings is counted from an index rather than row by row.
 */
export function reach(db: Database, municipalityMspId: string): ReachRow[] {
  // A use is a booking that was not reversed (the index redemptions_uses covers these columns).
  const uses = "r.municipality_msp_id = @msp AND r.type = 'redemption' AND r.reversed_by IS NULL";
  const bounds = db
    .prepare(`SELECT MIN(r.month) AS first, MAX(r.month) AS last FROM redemptions r WHERE ${uses}`)
    .get({ msp: municipalityMspId }) as { first: string | null; last: string | null };
  // Per month: the passes whose validity overlaps it, and of those the ones used in it, by category.
  const active = db.prepare(
    `SELECT category, COUNT(*) AS passes FROM passes
     WHERE municipality_msp_id = @msp AND valid_from < @ends AND valid_until > @starts GROUP BY category`,
  );
  const used = db.prepare(
    `SELECT p.category AS category, COUNT(DISTINCT r.pass_id) AS passes FROM redemptions r
     JOIN passes p ON p.pass_id = r.pass_id AND p.valid_from < @ends AND p.valid_until > @starts
     WHERE ${uses} AND r.month = @month
     GROUP BY p.category`,
  );
  const rows: ReachRow[] = [];
  for (const month of monthsBetween(bounds.first, bounds.last)) {
    const span = {
      msp: municipalityMspId,
      month,
      starts: `${month}-01T00:00:00.000Z`,
      ends: monthAfter(month),
    };
    const usedBy = new Map(
      (used.all(span) as { category: string; passes: number }[]).map((u) => [u.category, u.passes]),
    );
    for (const { category, passes } of active.all(span) as { category: string; passes: number }[]) {
      const passesUsed = usedBy.get(category) ?? 0;
      rows.push({
        month,
        category,
        activePasses: passes,
        passesUsed,
        reachPercent: Math.round((passesUsed * 1000) / passes) / 10,
      });
    }
  }
  return rows;
}

/** The first moment of the month after a `YYYY-MM`, as an ISO timestamp. */
function monthAfter(month: string): string {
  const [year = 0, number = 0] = month.split('-').map(Number);
  const next =
    number === 12 ? `${String(year + 1)}-01` : `${String(year)}-${String(number + 1).padStart(2, '0')}`;
  return `${next}-01T00:00:00.000Z`;
}

/** Every month from one `YYYY-MM` to another, both included; none without both. */
function monthsBetween(first: string | null, last: string | null): string[] {
  const months: string[] = [];
  for (
    let month = first;
    month !== null && last !== null && month <= last;
    month = monthAfter(month).slice(0, 7)
  ) {
    months.push(month);
  }
  return months;
}

interface BudgetOffer {
  readonly offerId: string;
  readonly amount: number;
  readonly byRule: boolean;
  readonly categories: readonly string[];
  readonly issuers: readonly string[];
  readonly validFrom: string;
  readonly validUntil: string;
}

interface PassSpan {
  readonly passId: string;
  readonly category: string;
  readonly validFrom: string;
  readonly validUntil: string;
}

interface StoredVoucher {
  readonly passId: string;
  readonly offerId: string;
  readonly periodKey: string;
  readonly granted: number;
  readonly used: number;
}

const earliest = (...times: string[]): string => times.reduce((a, b) => (a < b ? a : b));
const latest = (...times: string[]): string => times.reduce((a, b) => (a > b ? a : b));

function passYearStartOf(db: Database): string {
  const row = db.prepare('SELECT pass_year_start FROM settings WHERE id = 1').get() as
    { pass_year_start: string } | undefined;
  return row?.pass_year_start ?? '01-01';
}

function budgetOffers(db: Database): BudgetOffer[] {
  const rows = db
    .prepare(
      `SELECT offer_id AS offerId, amount_per_period AS amount, grant_by_rule AS byRule,
         eligible_categories AS categories, pass_issuers AS issuers, valid_from AS validFrom,
         valid_until AS validUntil
       FROM offers WHERE kind = 'budget' ORDER BY offer_id`,
    )
    .all() as (Omit<BudgetOffer, 'categories' | 'issuers' | 'byRule'> & {
    categories: string;
    issuers: string;
    byRule: number;
  })[];
  return rows.map((o) => ({
    ...o,
    byRule: o.byRule === 1,
    categories: JSON.parse(o.categories) as string[],
    issuers: JSON.parse(o.issuers) as string[],
  }));
}

const voucherKey = (passId: string, offerId: string, periodKey: string): string =>
  `${passId}\u0000${offerId}\u0000${periodKey}`;

/** The stored budget vouchers of a municipality's passes that were not replaced, by pass, offer and period. */
function storedBudgets(db: Database, municipalityMspId: string): Map<string, StoredVoucher> {
  const rows = db
    .prepare(
      `SELECT v.pass_id AS passId, v.offer_id AS offerId, v.period_key AS periodKey, v.granted, v.used
       FROM vouchers v JOIN offers o ON o.offer_id = v.offer_id AND o.kind = 'budget'
       JOIN passes p ON p.pass_id = v.pass_id
       WHERE p.municipality_msp_id = ? AND p.status <> 'replaced'`,
    )
    .all(municipalityMspId) as StoredVoucher[];
  return new Map(rows.map((v) => [voucherKey(v.passId, v.offerId, v.periodKey), v]));
}

type MutableRow = { -readonly [K in keyof UnspentBudgetRow]: UnspentBudgetRow[K] };

/** Adds up budgets by the day they lapse and their offer. */
class LapseTotals {
  readonly #rows = new Map<string, MutableRow>();

  constructor(readonly passYearStart: string) {}

  add(offer: BudgetOffer, pass: PassSpan, periodKey: string, entitled: number, used: number): void {
    const lapsesOn = earliest(
      periodBounds(periodKey, this.passYearStart).until,
      offer.validUntil,
      pass.validUntil,
    ).slice(0, 10);
    const key = `${lapsesOn}\u0000${offer.offerId}`;
    const row = this.#rows.get(key) ?? {
      lapsesOn,
      offerId: offer.offerId,
      vouchers: 0,
      entitledCents: 0,
      usedCents: 0,
      unspentCents: 0,
    };
    row.vouchers += 1;
    row.entitledCents += entitled;
    row.usedCents += used;
    row.unspentCents += Math.max(0, entitled - used);
    this.#rows.set(key, row);
  }

  rows(): UnspentBudgetRow[] {
    return [...this.#rows.values()].sort(
      (a, b) => a.lapsesOn.localeCompare(b.lapsesOn) || a.offerId.localeCompare(b.offerId),
    );
  }
}

/**
 * Unspent budget by the day it lapses, per budget offer: every budget a pass of the municipality holds (a pass that
 * was replaced holds none; its replacement does), by the offer's rule for each period in which both the offer and
 * the pass are valid, and by individual grants, less what was booked on it.
 */
export function unspentBudget(db: Database, municipalityMspId: string): UnspentBudgetRow[] {
  const offers = budgetOffers(db);
  const passes = db
    .prepare(
      `SELECT pass_id AS passId, category, valid_from AS validFrom, valid_until AS validUntil FROM passes
       WHERE municipality_msp_id = ? AND status <> 'replaced'`,
    )
    .all(municipalityMspId) as PassSpan[];
  const stored = storedBudgets(db, municipalityMspId);
  const totals = new LapseTotals(passYearStartOf(db));
  const add = (offer: BudgetOffer, pass: PassSpan, periodKey: string, byRule: number): void => {
    const key = voucherKey(pass.passId, offer.offerId, periodKey);
    const voucher = stored.get(key);
    stored.delete(key);
    totals.add(offer, pass, periodKey, byRule + (voucher?.granted ?? 0), voucher?.used ?? 0);
  };
  const byRule = (offer: BudgetOffer, pass: PassSpan): boolean =>
    offer.byRule && offer.categories.includes(pass.category) && offer.issuers.includes(municipalityMspId);
  for (const offer of offers) {
    for (const pass of passes.filter((p) => byRule(offer, p))) {
      const from = latest(offer.validFrom, pass.validFrom);
      const until = earliest(offer.validUntil, pass.validUntil);
      for (const periodKey of from < until ? periodKeysBetween(from, until, totals.passYearStart) : []) {
        add(offer, pass, periodKey, offer.amount);
      }
    }
  }
  // Budgets granted one by one, and those of periods outside the spans above.
  const offerById = new Map(offers.map((o) => [o.offerId, o]));
  const passById = new Map(passes.map((p) => [p.passId, p]));
  for (const voucher of [...stored.values()]) {
    const offer = offerById.get(voucher.offerId);
    const pass = passById.get(voucher.passId);
    if (offer !== undefined && pass !== undefined) {
      add(offer, pass, voucher.periodKey, byRule(offer, pass) ? offer.amount : 0);
    }
  }
  return totals.rows();
}

const signed = "CASE WHEN r.type = 'reversal' THEN -1 ELSE 1 END";

/** Per discount offer booked on the municipality's passes: the discount it gave, beside the municipality's norm. */
export function discountAgainstNorm(db: Database, municipalityMspId: string): DiscountNormRow[] {
  return db
    .prepare(
      `WITH given AS (
         SELECT r.offer_id AS offerId, o.name AS offerName, SUM(${signed}) AS bookings,
           SUM(${signed} * r.amount_cents) AS fullPriceCents, SUM(${signed} * r.discount_cents) AS discountCents
         FROM redemptions r JOIN offers o ON o.offer_id = r.offer_id AND o.kind = 'discount'
         WHERE r.municipality_msp_id = @msp
         GROUP BY r.offer_id),
       shares AS (
         SELECT g.*, CASE WHEN g.fullPriceCents > 0 THEN ROUND(100.0 * g.discountCents / g.fullPriceCents, 1) END
           AS discountPercent, n.discount_percent AS normPercent
         FROM given g LEFT JOIN discount_norms n ON n.municipality_msp_id = @msp)
       SELECT *, ROUND(discountPercent - normPercent, 1) AS differencePercent FROM shares ORDER BY offerId`,
    )
    .all({ msp: municipalityMspId }) as DiscountNormRow[];
}

const FIGURES: { readonly [N in CouncilFigureName]: (db: Database, msp: string) => CouncilFigures[N] } = {
  reach,
  'unspent-budget': unspentBudget,
  'discount-norm': discountAgainstNorm,
};

/** One council figure of a municipality. */
export function councilFigure<N extends CouncilFigureName>(
  db: Database,
  municipalityMspId: string,
  name: N,
): CouncilFigures[N] {
  return FIGURES[name](db, municipalityMspId);
}

/** Every council figure of a municipality. */
export function councilFigures(db: Database, municipalityMspId: string): CouncilFigures {
  return {
    reach: reach(db, municipalityMspId),
    'unspent-budget': unspentBudget(db, municipalityMspId),
    'discount-norm': discountAgainstNorm(db, municipalityMspId),
  };
}

/** A figure as CSV, amounts in cents, an unknown share as an empty cell. */
export function councilCsv<N extends CouncilFigureName>(name: N, rows: CouncilFigures[N]): string {
  return toCsv<Record<string, unknown>>(councilColumns[name], rows as unknown as Record<string, unknown>[]);
}

/**
 * The council's figures of a municipality from a chaincode's world state (every key with its value), as `verify`
 * rebuilds it from the blocks: projected into a fresh read model and read by the same queries as the gateway's.
 */
export function councilFiguresOfState(
  state: ReadonlyMap<string, Uint8Array>,
  municipalityMspId: string,
): CouncilFigures {
  const model = openReadModel({ path: ':memory:' });
  try {
    model.db.transaction(() => {
      projectWrites(
        model.db,
        [...state].map(([key, value]) => ({ key, value, isDelete: false })),
      );
    })();
    return councilFigures(model.db, municipalityMspId);
  } finally {
    model.close();
  }
}
