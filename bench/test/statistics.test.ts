import { mean, merge, percentile, summarise, throughput, type Sample } from '../src/statistics';
import { operationsPerRound } from '../src/sweep';

const sample = (latenciesMs: number[], elapsedMs = 1000, failures = 0): Sample => ({
  label: 'x',
  latenciesMs,
  elapsedMs,
  failures,
});

describe('percentile', () => {
  it('when there are no values, then it is NaN', () => {
    expect(percentile([], 50)).toBeNaN();
  });

  it('when values are unsorted, then it takes the nearest rank of the sorted values', () => {
    const values = [50, 10, 40, 20, 30];
    expect(percentile(values, 50)).toBe(30);
    expect(percentile(values, 95)).toBe(50);
    expect(percentile(values, 0)).toBe(10);
    expect(percentile(values, 100)).toBe(50);
  });

  it('when there are 100 values, then p95 is the 95th smallest', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 50)).toBe(50);
  });

  it('when asked, then it leaves the values in their order', () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('throughput', () => {
  it('when 50 operations completed in 2 s, then it is 25 per second; failures do not count', () => {
    expect(
      throughput(
        sample(
          Array.from({ length: 50 }, () => 1),
          2000,
          7,
        ),
      ),
    ).toBe(25);
  });

  it('when no time passed, then it is 0', () => {
    expect(throughput(sample([], 0))).toBe(0);
  });
});

describe('merge and summarise', () => {
  it('when rounds are merged, then latencies pool and wall times and failures add up', () => {
    const merged = merge([sample([1, 2], 500, 1), sample([3], 1500, 2)]);
    expect(merged).toEqual({ label: 'x', latenciesMs: [1, 2, 3], elapsedMs: 2000, failures: 3 });
  });

  it('when there is nothing to merge, then it throws', () => {
    expect(() => merge([])).toThrow('nothing to merge');
  });

  it('when summarised, then it gives completed, failures, throughput, p50 and p95', () => {
    expect(summarise(sample([10, 20, 30, 40], 2000, 1))).toEqual({
      label: 'x',
      completed: 4,
      failures: 1,
      throughput: 2,
      p50Ms: 20,
      p95Ms: 40,
      inFlight: 0.05,
    });
  });
});

describe('mean', () => {
  it('when there are values, then it is their average; none, then NaN', () => {
    expect(mean([1, 2, 6])).toBe(3);
    expect(mean([])).toBeNaN();
  });
});

describe('operationsPerRound', () => {
  it('when the count fills every slot, then each round gets its share', () => {
    expect(operationsPerRound(400, 2, 4)).toBe(200);
  });

  it('when the count is too small for the number in flight, then it is raised to 8 per slot', () => {
    expect(operationsPerRound(400, 2, 128)).toBe(1024);
  });
});
