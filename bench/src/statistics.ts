/** The latencies of one kind of operation measured in one go, with its wall time and failures. */
export interface Sample {
  readonly label: string;
  readonly latenciesMs: readonly number[];
  readonly elapsedMs: number;
  readonly failures: number;
}

/** What a table shows of a sample. */
export interface Summary {
  readonly label: string;
  readonly completed: number;
  readonly failures: number;
  /** Completed operations per second of wall time. */
  readonly throughput: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  /** What was really in flight on average: throughput × mean latency (Little's law). */
  readonly inFlight: number;
}

/**
 * The nearest-rank percentile (`p` in 0..100) of the values, or NaN when there are none.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) {
    return Number.NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] ?? Number.NaN;
}

/** The mean of the values, or NaN when there are none. */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Completed operations per second of the sample's wall time; 0 when no time passed. */
export function throughput(sample: Sample): number {
  return sample.elapsedMs > 0 ? (sample.latenciesMs.length / sample.elapsedMs) * 1000 : 0;
}

/** Throughput, p50 and p95 of a sample. */
export function summarise(sample: Sample): Summary {
  return {
    label: sample.label,
    completed: sample.latenciesMs.length,
    failures: sample.failures,
    throughput: throughput(sample),
    p50Ms: percentile(sample.latenciesMs, 50),
    p95Ms: percentile(sample.latenciesMs, 95),
    inFlight: (throughput(sample) * mean(sample.latenciesMs)) / 1000,
  };
}

/**
 * Merges samples of one kind taken in several rounds: their latencies pooled, their wall times and
 * failures added.
 * @throws Error when there is no sample.
 */
export function merge(samples: readonly Sample[]): Sample {
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
