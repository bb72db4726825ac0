import { passesPerStep, settleTable, type SettleStep } from '../src/offline-settle';
import type { Summary } from '../src/statistics';

const summary = (throughput: number, overrides: Partial<Summary> = {}): Summary => ({
  label: 'x',
  completed: 100,
  failures: 0,
  throughput,
  p50Ms: 300,
  p95Ms: 500,
  inFlight: 4,
  ...overrides,
});

describe('offline settlement', () => {
  it('when a step settles bookings, then each pass takes two at most and at least twice as many passes as in flight', () => {
    expect(passesPerStep(200, 4)).toBe(100);
    expect(passesPerStep(201, 4)).toBe(101);
    expect(passesPerStep(20, 64)).toBe(128);
  });

  it('when steps are measured, then the table puts offline and online side by side with their ratio', () => {
    const steps: SettleStep[] = [{ inFlight: 4, offline: summary(9), online: summary(10, { failures: 1 }) }];

    expect(settleTable(steps)).toEqual([
      [
        'in flight',
        'offline settled/s',
        'online booked/s',
        'offline ÷ online',
        'settle p50/p95 ms',
        'failed',
      ],
      ['4', '9.0', '10.0', '0.90', '300/500', '1'],
    ]);
  });
});
