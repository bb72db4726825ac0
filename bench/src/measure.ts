import type { Sample } from './statistics';

/** How much of one kind to run in one go. */
export interface MeasureOptions {
  /** Operations to start at most. */
  readonly count: number;
  /** Operations in flight at once. */
  readonly inFlight: number;
  /** No operation starts after this many milliseconds; those in flight finish. */
  readonly budgetMs: number;
}

/**
 * Runs operations with `inFlight` of them in flight until `count` have started or the time budget is
 * spent, and reports the first failure on stderr.
 * @returns the latencies of those that completed, the wall time and the number that failed.
 */
export async function measure(
  label: string,
  options: MeasureOptions,
  operation: (i: number) => Promise<unknown>,
): Promise<Sample> {
  const latenciesMs: number[] = [];
  let failures = 0;
  let next = 0;
  const start = performance.now();
  const stopAt = start + options.budgetMs;
  const worker = async (): Promise<void> => {
    while (next < options.count && performance.now() < stopAt) {
      const i = next;
      next += 1;
      const t0 = performance.now();
      try {
        await operation(i);
        latenciesMs.push(performance.now() - t0);
      } catch (error) {
        failures += 1;
        if (failures === 1) {
          console.error(`  ${label}: first failure: ${String(error)}`);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: options.inFlight }, worker));
  return { label, latenciesMs, elapsedMs: performance.now() - start, failures };
}
