import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toCsv } from '@stadspas/gateway/csv';
import { COUNCIL_FIGURES, councilCsv, councilFiguresOfState } from '@stadspas/gateway/figures';
import { KeyType, parseCompositeKey, type SchemeRecord } from '@stadspas/chaincode/vocabulary';
import type { Books } from './books';

const TABLES = {
  'balances.csv': {
    columns: ['passId', 'offerId', 'periodKey', 'granted', 'used'],
    rows: (books: Books): object[] => books.vouchers,
  },
  'passes.csv': {
    columns: [
      'passId',
      'holderRef',
      'category',
      'status',
      'validFrom',
      'validUntil',
      'replaces',
      'replacedBy',
      'issuedAt',
      'updatedAt',
    ],
    rows: (books: Books): object[] => books.passes,
  },
  'redemptions.csv': {
    columns: [
      'redemptionId',
      'type',
      'at',
      'passId',
      'offerId',
      'offerVersion',
      'venueId',
      'funderMspId',
      'periodKey',
      'quantity',
      'amountCents',
      'discountCents',
      'units',
      'reimbursementCents',
      'presented',
      'requestId',
      'reversesId',
      'reversedBy',
      'claimId',
    ],
    rows: (books: Books): object[] => books.redemptions,
  },
  'claims.csv': {
    columns: [
      'claimId',
      'venueId',
      'funderMspId',
      'periodFrom',
      'periodTo',
      'status',
      'totalCents',
      'redemptionIds',
      'submittedAt',
      'decidedAt',
      'rejectReason',
      'paymentReference',
      'paidOn',
      'paidAt',
    ],
    rows: (books: Books): object[] => books.claims,
  },
} as const;

/**
 * Writes the rebuilt books as CSV files (balances per pass, offer and period; passes; redemptions; claims with
 * their payments) into a folder, creating it; returns the files written.
 * @throws Error from the file system when the folder cannot be written.
 */
export function exportCsv(books: Books, folder: string): string[] {
  mkdirSync(folder, { recursive: true });
  return Object.entries(TABLES).map(([name, { columns, rows }]) => {
    const file = join(folder, name);
    writeFileSync(file, toCsv<Record<string, unknown>>(columns, rows(books) as Record<string, unknown>[]));
    return file;
  });
}

/** Whether the scheme of a replayed world state names an organisation as a municipality. */
function isMunicipality(state: ReadonlyMap<string, Uint8Array>, mspId: string): boolean {
  for (const [key, value] of state) {
    if (parseCompositeKey(key)?.type === KeyType.scheme) {
      const scheme = JSON.parse(Buffer.from(value).toString('utf8')) as SchemeRecord;
      return scheme.organisations.some((o) => o.mspId === mspId && o.roles.includes('municipality'));
    }
  }
  return false;
}

/**
 * For a municipality, writes the council's figures over its own passes (`reach.csv`, `unspent-budget.csv`,
 * `discount-norm.csv`) from the replayed world state, by the queries the gateway's figures use; returns the files
 * written (none for another organisation).
 * @throws Error from the file system when the folder cannot be written.
 */
export function exportCouncilFigures(
  state: ReadonlyMap<string, Uint8Array>,
  mspId: string,
  folder: string,
): string[] {
  if (!isMunicipality(state, mspId)) {
    return [];
  }
  mkdirSync(folder, { recursive: true });
  const figures = councilFiguresOfState(state, mspId);
  return COUNCIL_FIGURES.map((name) => {
    const file = join(folder, `${name}.csv`);
    writeFileSync(file, councilCsv(name, figures[name]));
    return file;
  });
}
