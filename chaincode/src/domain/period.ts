import { fail } from '../errors';
import { periodKeyAt } from '../vocabulary';

export { periodKeyAt };

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
