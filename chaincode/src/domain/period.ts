import { fail } from '../errors';

/**
 * The pass-year period containing a moment. With the year starting on 1 January the key is the
 * year (`2026`); otherwise the year and month it started (`2025-08` for 15 March 2026 when the pass
 * year starts on 1 August).
 */
export function periodKeyAt(at: string, passYearStart: string): string {
  const startMonth = Number(passYearStart.slice(0, 2));
  const year = Number(at.slice(0, 4));
  const month = Number(at.slice(5, 7));
  const startYear = month >= startMonth ? year : year - 1;
  return startMonth === 1 ? String(startYear) : `${startYear}-${passYearStart.slice(0, 2)}`;
}

/**
 * Checks that a period key has the shape of the configured pass year.
 *
 * @throws {ChaincodeError} INVALID_ARGUMENT otherwise.
 */
export function requirePeriodKey(periodKey: string, passYearStart: string): string {
  const example = periodKeyAt('2026-12-31T00:00:00.000Z', passYearStart);
  const expected = example.length === 4 ? /^\d{4}$/ : new RegExp(`^\\d{4}-${passYearStart.slice(0, 2)}$`);
  if (!expected.test(periodKey)) {
    fail('INVALID_ARGUMENT', `periodKey must look like ${example} (pass year starts ${passYearStart})`);
  }
  return periodKey;
}
