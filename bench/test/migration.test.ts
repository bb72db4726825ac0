import { isValidBsn } from '@stadspas/chaincode/vocabulary';
import { parseBenchOptions } from '../src/options';
import { migrationTable, syntheticBsn } from '../src/migration';

describe('the migration benchmark', () => {
  it('when made-up holders get a BSN, then every one passes the eleven test', () => {
    const numbers = Array.from({ length: 2000 }, (_, i) => syntheticBsn(i * 7919));

    expect(numbers.filter((bsn) => !isValidBsn(bsn))).toEqual([]);
    expect(new Set(numbers).size).toBeGreaterThan(1900);
  });

  it('when --migration is given, then it names the passes to carry in; anything but a whole number is refused', () => {
    expect(parseBenchOptions(['--migration', '30000']).migration).toBe(30_000);
    expect(parseBenchOptions([]).migration).toBe(0);
    expect(() => parseBenchOptions(['--migration', 'all'])).toThrow(
      /--migration must be a positive whole number/,
    );
  });

  it('when a run is shown, then each way has its time and rate', () => {
    const rows = migrationTable({
      passes: 30_000,
      openingBalances: 30_000,
      importMs: 120_000,
      exportMs: 60_000,
      exportedPasses: 30_010,
    });

    expect(rows[1]).toEqual(['import (holders and 30000 opening balances)', '30000', '120.0', '250']);
    expect(rows[2]).toEqual(['export (every record, holders from the peer)', '30010', '60.0', '500']);
  });
});
