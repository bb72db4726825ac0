/** Latencies and throughput of one kind of operation. */
export interface Sample {
  readonly label: string;
  readonly latenciesMs: number[];
  readonly elapsedMs: number;
  readonly failures: number;
}

/**
 * Runs `count` operations with at most `concurrency` in flight.
 * @returns their latencies, the wall time and the number that failed.
 */
export async function measure(
  label: string,
  count: number,
  concurrency: number,
  operation: (i: number) => Promise<unknown>,
): Promise<Sample> {
  const latenciesMs: number[] = [];
  let failures = 0;
  let next = 0;
  const start = performance.now();
  const worker = async (): Promise<void> => {
    while (next < count) {
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
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { label, latenciesMs, elapsedMs: performance.now() - start, failures };
}

/** Merges samples of the same label taken in several rounds. */
export function merge(samples: Sample[]): Sample {
  const [first] = samples;
  if (!first) {
    throw new Error('nothing to merge');
  }
  return {
    label: first.label,
    latenciesMs: samples.flatMap((s) => s.latenciesMs),
    elapsedMs: samples.reduce((sum, s) => sum + s.elapsedMs, 0),
    failures: samples.reduce((sum, s) => sum + s.failures, 0),
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Throughput in operations per second. */
export function throughput(sample: Sample): number {
  return (sample.latenciesMs.length / sample.elapsedMs) * 1000;
}

/** One table row: label, throughput, p50, p95, failures. */
export function row(sample: Sample): string[] {
  const sorted = [...sample.latenciesMs].sort((a, b) => a - b);
  return [
    sample.label,
    throughput(sample).toFixed(1),
    percentile(sorted, 50).toFixed(0),
    percentile(sorted, 95).toFixed(0),
    String(sample.failures),
  ];
}

/** Prints rows as an aligned table. */
export function printTable(rows: string[][]): void {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  for (const r of rows) {
    console.log(`  ${r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}`);
  }
}
