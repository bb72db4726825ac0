import { fixed, formatTable } from '../src/table';

describe('formatTable', () => {
  it('when rows are formatted, then columns align, numbers to the right, under a rule', () => {
    expect(
      formatTable([
        ['kind', 'tx/s'],
        ['redeem', '9.5'],
        ['scan', '310.2'],
      ]),
    ).toBe(['  kind     tx/s', '  ------  -----', '  redeem    9.5', '  scan    310.2'].join('\n'));
  });
});

describe('fixed', () => {
  it('when the value is not a finite number, then it is a dash', () => {
    expect(fixed(Number.NaN, 2)).toBe('–');
    expect(fixed(Number.POSITIVE_INFINITY, 2)).toBe('–');
    expect(fixed(1.005, 1)).toBe('1.0');
  });
});
