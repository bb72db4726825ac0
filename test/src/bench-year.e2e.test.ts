/**
 * The year's benchmark, shortened to a few hundred bookings, as a smoke test: it builds its year on the shared
 * network through the real clients and prints every quarter's measures. How fast is the benchmark's business, not
 * this test's.
 */
import { runTsx, testNetwork } from './support/network';

const ctx = testNetwork();

test('when a year at a small scale is built, then the bench prints each quarter’s measures and no refused booking', async () => {
  const run = await runTsx(ctx, 'bench/src/bench.ts', ['--year', '--scale', '0.002'], 600_000);

  expect(run).toMatchObject({ exitCode: 0 });
  const table = run.output.slice(run.output.indexOf('measure '));
  const rowOf = (label: string): string[] =>
    (table.split('\n').find((line) => line.trimStart().startsWith(label)) ?? '').trim().split(/\s{2,}/);
  expect(rowOf('measure')).toEqual(['measure', 'Q1', 'Q2', 'Q3', 'Q4', 'last ÷ first', 'goal']);
  expect(rowOf('refused bookings').slice(1, 5)).toEqual(['0', '0', '0', '0']);
  const bookings = rowOf('bookings so far').slice(1, 5).map(Number);
  expect(bookings).toEqual([...bookings].sort((a, b) => a - b));
  expect(bookings[3]).toBeGreaterThanOrEqual(600);
  for (const label of ['CPU ms per booking', 'claim of a month', 'ledger bytes per tx, gemeente']) {
    expect(
      rowOf(label)
        .slice(1, 5)
        .every((cell) => Number(cell) > 0),
    ).toBe(true);
  }
  expect(Number(rowOf('verify, transactions per second').at(-2))).toBeGreaterThan(0);
}, 600_000);
