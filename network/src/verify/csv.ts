import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toCsv } from '@stadspas/gateway/csv';
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
