import { KIND_LABELS, KINDS, type StepResult } from './kinds';
import { fixed } from './table';

/** a / b, or NaN when either is not a positive finite number. */
export function ratio(a: number, b: number): number {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 && a >= 0 ? a / b : Number.NaN;
}

/** The ratios of one step that the goals are stated in. */
export interface StepRatios {
  readonly inFlight: number;
  /** Redemption throughput over trivial-write throughput, both direct. */
  readonly redeemPerTrivial: number;
  /** REST redemption throughput over direct redemption throughput. */
  readonly restPerDirect: number;
  /** REST redemption p95 over direct redemption p95. */
  readonly restPerDirectP95: number;
  /** Scan throughput over redemption throughput, both direct. */
  readonly scanPerRedeemDirect: number;
  /** Scan throughput over redemption throughput, both through REST. */
  readonly scanPerRedeemRest: number;
}

/** The ratios of one step. */
export function ratiosOf(step: StepResult): StepRatios {
  const s = step.summaries;
  return {
    inFlight: step.inFlight,
    redeemPerTrivial: ratio(s['redeem-direct'].throughput, s['trivial-direct'].throughput),
    restPerDirect: ratio(s['redeem-rest'].throughput, s['redeem-direct'].throughput),
    restPerDirectP95: ratio(s['redeem-rest'].p95Ms, s['redeem-direct'].p95Ms),
    scanPerRedeemDirect: ratio(s['scan-direct'].throughput, s['redeem-direct'].throughput),
    scanPerRedeemRest: ratio(s['scan-rest'].throughput, s['redeem-rest'].throughput),
  };
}

/**
 * A Fabric duration such as `250ms` or `2s` in milliseconds.
 * @throws Error for anything else.
 */
export function durationMs(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(text.trim());
  if (match === null) {
    throw new Error(`not a duration like 250ms or 2s: '${text}'`);
  }
  return Number(match[1]) * (match[2] === 's' ? 1000 : 1);
}

/**
 * The ratio table: one row per step, each column with the goal it is judged by; the last column is the
 * direct redemption's p50 over the orderer's batch timeout (its goal holds at low load).
 */
export function ratioTable(steps: readonly StepResult[], batchTimeoutMs: number): string[][] {
  const header = [
    'in flight',
    'redeem/trivial (≥0.8)',
    'REST/direct tx/s (≥0.9)',
    'REST/direct p95 (≤1.2)',
    'scan/redeem direct (≥3)',
    'scan/redeem REST (≥3)',
    'redeem p50/batch timeout (≤1.2, low load)',
  ];
  const row = (step: StepResult): string[] => {
    const r = ratiosOf(step);
    return [
      String(r.inFlight),
      fixed(r.redeemPerTrivial, 2),
      fixed(r.restPerDirect, 2),
      fixed(r.restPerDirectP95, 2),
      fixed(r.scanPerRedeemDirect, 2),
      fixed(r.scanPerRedeemRest, 2),
      fixed(ratio(step.summaries['redeem-direct'].p50Ms, batchTimeoutMs), 2),
    ];
  };
  return [header, ...steps.map(row)];
}

/**
 * Throughput of every kind per step (tx/s), with what the direct redemptions really had in flight and the
 * failures of the step.
 */
export function throughputTable(steps: readonly StepResult[]): string[][] {
  return [
    ['in flight', ...KINDS.map((k) => `${KIND_LABELS[k]} tx/s`), 'redeem in flight (measured)', 'failed'],
    ...steps.map((step) => [
      String(step.inFlight),
      ...KINDS.map((k) => fixed(step.summaries[k].throughput, 1)),
      fixed(step.summaries['redeem-direct'].inFlight, 1),
      String(KINDS.reduce((sum, k) => sum + step.summaries[k].failures, 0)),
    ]),
  ];
}

/** p50 / p95 latency of every kind per step (ms). */
export function latencyTable(steps: readonly StepResult[]): string[][] {
  return [
    ['in flight', ...KINDS.map((k) => `${KIND_LABELS[k]} p50/p95 ms`)],
    ...steps.map((step) => [
      String(step.inFlight),
      ...KINDS.map((k) => `${fixed(step.summaries[k].p50Ms, 0)}/${fixed(step.summaries[k].p95Ms, 0)}`),
    ]),
  ];
}
