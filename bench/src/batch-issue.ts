import { chunksOf, issueAdultPassBatch, type GatewaySession } from '@stadspas/network';
import { measure } from './measure';
import { summarise, type Summary } from './statistics';
import { fixed } from './table';

/** The passes a year start issues at once in Groningen. */
export const YEAR_START_PASSES = 30_000;

/** How long issuing took, per pass and per batch. */
export interface BatchIssueResult {
  readonly passes: number;
  readonly batchSize: number;
  readonly batchInFlight: number;
  readonly elapsedMs: number;
  readonly issued: number;
  readonly batches: Summary;
}

/**
 * Issues `passes` adult passes, each with its holder recorded (a private transaction, then a batch issue), in
 * batches of `batchSize` with `batchInFlight` batches in flight, and times it.
 */
export async function timeBatchIssue(
  municipality: GatewaySession,
  options: { passes: number; batchSize: number; batchInFlight: number; runId: string },
): Promise<BatchIssueResult> {
  const passIds = Array.from({ length: options.passes }, (_, i) => `BATCH-${options.runId}-${i}`);
  const batches = chunksOf(passIds, options.batchSize);
  let issued = 0;
  const sample = await measure(
    'batch issue',
    { count: batches.length, inFlight: options.batchInFlight, budgetMs: Number.POSITIVE_INFINITY },
    async (i) => {
      const batch = batches[i] ?? [];
      await issueAdultPassBatch(municipality.contract, batch);
      issued += batch.length;
    },
  );
  return {
    passes: options.passes,
    batchSize: options.batchSize,
    batchInFlight: options.batchInFlight,
    elapsedMs: sample.elapsedMs,
    issued,
    batches: summarise(sample),
  };
}

/** Passes per second, and the time a year start's passes would take at that rate. */
export function batchIssueTable(result: BatchIssueResult): string[][] {
  const perSecond = result.elapsedMs > 0 ? (result.issued / result.elapsedMs) * 1000 : Number.NaN;
  const projectedMinutes = YEAR_START_PASSES / perSecond / 60;
  return [
    ['batch issue', 'value'],
    ['passes issued (holder recorded)', `${result.issued} of ${result.passes}`],
    ['batch size / batches in flight', `${result.batchSize} / ${result.batchInFlight}`],
    ['wall time s', fixed(result.elapsedMs / 1000, 1)],
    ['passes/s', fixed(perSecond, 1)],
    ['batch p50/p95 ms', `${fixed(result.batches.p50Ms, 0)}/${fixed(result.batches.p95Ms, 0)}`],
    ['failed batches', String(result.batches.failures)],
    [`projected for ${YEAR_START_PASSES} passes (goal ≤ 2 min)`, `${fixed(projectedMinutes, 1)} min`],
  ];
}
