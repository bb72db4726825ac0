import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { folderBytes, yearAtScale, yearTable, type QuarterMeasures } from '../src/year';

function quarter(n: number, overrides: Partial<QuarterMeasures> = {}): QuarterMeasures {
  return {
    quarter: n,
    booked: n * 1000,
    cpuMsPerBooking: 20,
    p50Ms: 300,
    p95Ms: 600,
    failures: 0,
    claimMs: 400,
    passReadMs: 10,
    monthReportMs: 50,
    monthReportBookings: 2_000,
    passUsesMs: 12,
    ledgerBytesPerTx: new Map([['gemeente', 5000]]),
    stateBytes: new Map([['gemeente', 2 * 1024 * 1024]]),
    memoryBytes: new Map([['peer-gemeente', 300 * 1024 * 1024]]),
    ...overrides,
  };
}

describe('a year of a city', () => {
  it('when the scale is 1, then it is Groningen: 30,000 passes and 300,000 bookings at 20 venues', () => {
    expect(yearAtScale(1)).toEqual({ passes: 30_000, bookings: 300_000, venues: 20, probe: 1_000 });
  });

  it('when the scale is tiny, then every venue still books and claims each month', () => {
    const size = yearAtScale(0.0001);
    expect(size.venues).toBe(2);
    expect(size.bookings).toBeGreaterThanOrEqual(12 * size.venues);
    expect(size.passes).toBeGreaterThanOrEqual(16);
  });

  it('when the quarters are measured, then the table puts them side by side with the last against the first', () => {
    const rows = yearTable({
      scale: 1,
      quarters: [quarter(1), quarter(2), quarter(3), quarter(4, { cpuMsPerBooking: 22, claimMs: 400 })],
      replays: { transactions: 10_000, verifyChainSeconds: 2, verifySeconds: 4, rebuildSeconds: 5 },
    });

    expect(rows[0]).toEqual(['measure', 'Q1', 'Q2', 'Q3', 'Q4', 'last ÷ first', 'goal']);
    expect(rows.find((r) => r[0] === 'CPU ms per booking (all processes)')).toEqual([
      'CPU ms per booking (all processes)',
      '20.00',
      '20.00',
      '20.00',
      '22.00',
      '1.10',
      '≤ 1.10',
    ]);
    expect(rows.find((r) => r[0] === "a month's report, ms per 1,000 bookings")?.slice(1, 6)).toEqual([
      '25.0',
      '25.0',
      '25.0',
      '25.0',
      '1.00',
    ]);
    expect(rows.find((r) => r[0] === 'ledger bytes per tx, gemeente')?.slice(1, 5)).toEqual([
      '5000',
      '5000',
      '5000',
      '5000',
    ]);
    expect(rows.slice(-3)).toEqual([
      ['verify, chain only, transactions per second', '', '', '', '5000', '', ''],
      ['verify, transactions per second', '', '', '', '2500', '', '≥ 2000'],
      ['read-model rebuild, transactions per second', '', '', '', '2000', '', '≥ 2000'],
    ]);
  });

  it('when a folder holds files in folders, then its bytes are all of theirs; a missing folder has none', () => {
    const root = mkdtempSync(join(tmpdir(), 'year-bytes-'));
    mkdirSync(join(root, 'a'));
    writeFileSync(join(root, 'a', 'one'), 'x'.repeat(100));
    writeFileSync(join(root, 'two'), 'y'.repeat(20));

    expect(folderBytes(root)).toBe(120);
    expect(folderBytes(join(root, 'missing'))).toBe(0);
  });
});
