import { KINDS, committedIn, type Kind, type StepResult } from '../src/kinds';
import { durationMs, latencyTable, ratio, ratiosOf, ratioTable, throughputTable } from '../src/ratios';
import type { Summary } from '../src/statistics';

const summary = (throughput: number, p95Ms = 100, completed = 10, failures = 0): Summary => ({
  label: 'x',
  completed,
  failures,
  throughput,
  p50Ms: p95Ms / 2,
  p95Ms,
  inFlight: 2,
});

function step(inFlight: number, values: Partial<Record<Kind, Summary>>): StepResult {
  const summaries = Object.fromEntries(KINDS.map((k) => [k, values[k] ?? summary(1)])) as Record<
    Kind,
    Summary
  >;
  return { inFlight, summaries };
}

describe('ratio', () => {
  it('when the divisor is 0 or a value is not a number, then it is NaN', () => {
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(Number.NaN, 2)).toBeNaN();
    expect(ratio(1, Number.NaN)).toBeNaN();
  });

  it('when both are numbers, then it divides', () => {
    expect(ratio(3, 4)).toBe(0.75);
  });
});

describe('ratiosOf', () => {
  it('when a step is measured, then each goal ratio compares the right kinds', () => {
    const measured = step(64, {
      'redeem-direct': summary(80, 400),
      'redeem-rest': summary(72, 500),
      'trivial-direct': summary(100),
      'scan-direct': summary(320),
      'scan-rest': summary(144),
    });
    expect(ratiosOf(measured)).toEqual({
      inFlight: 64,
      redeemPerTrivial: 0.8,
      restPerDirect: 0.9,
      restPerDirectP95: 1.25,
      scanPerRedeemDirect: 4,
      scanPerRedeemRest: 2,
    });
  });
});

describe('tables', () => {
  const steps = [
    step(1, { 'redeem-direct': summary(4, 300), 'trivial-direct': summary(5) }),
    step(4, { 'redeem-direct': summary(0, Number.NaN, 0, 3) }),
  ];

  it('when the ratio table is made, then it has a header with the goals and one row per step', () => {
    const table = ratioTable(steps, 250);
    expect(table[0]).toEqual([
      'in flight',
      'redeem/trivial (≥0.8)',
      'REST/direct tx/s (≥0.9)',
      'REST/direct p95 (≤1.2)',
      'scan/redeem direct (≥3)',
      'scan/redeem REST (≥3)',
      'redeem p50/batch timeout (≤1.2, low load)',
    ]);
    expect(table[1]).toEqual(['1', '0.80', '0.25', '0.33', '0.25', '1.00', '0.60']);
  });

  it('when a kind completed nothing in a step, then its ratios show a dash', () => {
    expect(ratioTable(steps, 250)[2]).toEqual(['4', '0.00', '–', '–', '–', '1.00', '–']);
  });

  it('when the throughput table is made, then it shows every kind and the failures of the step', () => {
    const table = throughputTable(steps);
    expect(table[0]).toHaveLength(KINDS.length + 3);
    expect(table[2]).toEqual(['4', '0.0', '1.0', '1.0', '1.0', '1.0', '2.0', '3']);
  });

  it('when the latency table is made, then each cell is p50/p95', () => {
    expect(latencyTable(steps)[1]?.[1]).toBe('150/300');
  });

  it('when a step is counted, then only kinds that commit add to its transactions', () => {
    expect(
      committedIn(step(1, { 'redeem-direct': summary(1, 1, 7), 'scan-direct': summary(1, 1, 1000) })),
    ).toBe(7 + 10 + 10);
  });
});

describe('durationMs', () => {
  it('when the batch timeout is in ms or s, then it is read in ms', () => {
    expect(durationMs('250ms')).toBe(250);
    expect(durationMs('2s')).toBe(2000);
    expect(durationMs('0.5s')).toBe(500);
  });

  it('when it is anything else, then it throws', () => {
    expect(() => durationMs('1m')).toThrow('not a duration');
  });
});
