import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EXPORT_FORMAT,
  exportBooks,
  importBooks,
  type NetworkContext,
  type Organisation,
} from '@stadspas/network';
import { fixed } from './table';

/** A BSN that passes the eleven test, for made-up holders. */
export function syntheticBsn(seed: number): string {
  for (let n = seed; ; n += 1) {
    const digits = String(100_000_000 + (n % 800_000_000))
      .slice(0, 8)
      .split('')
      .map(Number);
    const sum = digits.reduce((total, d, i) => total + d * (9 - i), 0);
    const check = sum % 11;
    if (check < 10) {
      return `${digits.join('')}${String(check)}`;
    }
  }
}

/** How long the migration of a city's passes took each way. */
export interface MigrationResult {
  readonly passes: number;
  readonly openingBalances: number;
  readonly importMs: number;
  readonly exportMs: number;
  /** Passes in the export: every pass of the municipality on the ledger, not only these. */
  readonly exportedPasses: number;
}

/**
 * Writes an export of `passes` made-up passes of the municipality, each with a holder and an opening balance on
 * `offerId`, in the layout `npm run export` writes.
 */
function syntheticExport(org: Organisation, offerId: string, passes: number, runId: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'stadspas-migration-'));
  mkdirSync(join(folder, 'schemas'));
  const ids = Array.from({ length: passes }, (_, i) => `MIG-${runId}-${String(i)}`);
  const now = new Date().toISOString();
  const year = now.slice(0, 4);
  const lines = (records: object[]): string => records.map((r) => `${JSON.stringify(r)}\n`).join('');
  writeFileSync(
    join(folder, 'passes.jsonl'),
    lines(
      ids.map((passId) => ({
        passId,
        category: 'adult',
        validFrom: `${year}-01-01T00:00:00.000Z`,
        validUntil: `${String(Number(year) + 1)}-01-01T00:00:00.000Z`,
        holderRef: `holder-${passId}`,
        municipalityMspId: org.mspId,
        holderHash: '',
        status: 'active',
        issuedAt: now,
        updatedAt: now,
      })),
    ),
  );
  writeFileSync(
    join(folder, 'holders.jsonl'),
    lines(
      ids.map((passId, i) => ({
        passId,
        salt: randomBytes(16).toString('hex'),
        cardNumber: `8${String(i).padStart(11, '0')}`,
        personalData: {
          name: `Inwoner ${String(i)}`,
          bsn: syntheticBsn(i * 7919),
          dateOfBirth: '1980-01-01',
          address: 'Grote Markt 1, 9711 LV Groningen',
        },
        recordedAt: now,
      })),
    ),
  );
  writeFileSync(
    join(folder, 'vouchers.jsonl'),
    lines(ids.map((passId, i) => ({ passId, offerId, periodKey: year, granted: 0, used: i % 4 }))),
  );
  writeFileSync(join(folder, 'manifest.json'), JSON.stringify({ format: EXPORT_FORMAT }));
  return folder;
}

/**
 * Carries `passes` made-up passes with their holders and opening balances into the municipality's books through
 * its gateway (`npm run import`), then exports everything the municipality may read from its own peer
 * (`npm run export`), and times both.
 */
export async function timeMigration(
  ctx: NetworkContext,
  org: Organisation,
  options: { passes: number; offerId: string; runId: string; progress: (line: string) => void },
): Promise<MigrationResult> {
  const from = syntheticExport(org, options.offerId, options.passes, options.runId);
  const importStarted = Date.now();
  const steps = await importBooks(ctx, org, { from, progress: options.progress });
  const importMs = Date.now() - importStarted;
  const exportStarted = Date.now();
  const exported = await exportBooks(ctx, org, join(from, 'exported'));
  return {
    passes: options.passes,
    openingBalances: steps.find((s) => s.step === 'opening balances')?.done ?? 0,
    importMs,
    exportMs: Date.now() - exportStarted,
    exportedPasses: exported.counts.passes ?? 0,
  };
}

/** Each way's time and rate. */
export function migrationTable(result: MigrationResult): string[][] {
  const rate = (count: number, ms: number): string => fixed((count / ms) * 1000, 0);
  return [
    ['migration', 'passes', 'wall time s', 'passes/s'],
    [
      `import (holders and ${String(result.openingBalances)} opening balances)`,
      String(result.passes),
      fixed(result.importMs / 1000, 1),
      rate(result.passes, result.importMs),
    ],
    [
      'export (every record, holders from the peer)',
      String(result.exportedPasses),
      fixed(result.exportMs / 1000, 1),
      rate(result.exportedPasses, result.exportMs),
    ],
  ];
}
