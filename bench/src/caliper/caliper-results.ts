import { ratio } from '../ratios';
import { fixed } from '../table';

/** One round of Caliper's result table. */
export interface CaliperRound {
  readonly name: string;
  readonly succeeded: number;
  readonly failed: number;
  readonly sendRate: number;
  readonly avgLatencySeconds: number;
  readonly throughput: number;
}

/** One row of a Caliper result table, or undefined for any other line (headers, rules, log lines). */
function resultRow(line: string): CaliperRound | undefined {
  const cells = line
    .trim()
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());
  const [name, ...rest] = cells;
  const numbers = rest.map(Number);
  if (cells.length !== 8 || !name || numbers.some((n) => !Number.isFinite(n))) {
    return undefined;
  }
  const [succeeded, failed, sendRate, , , avgLatencySeconds, throughput] = numbers as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return { name, succeeded, failed, sendRate, avgLatencySeconds, throughput };
}

/**
 * Reads the rounds from the result tables Caliper prints (`| Name | Succ | Fail | Send Rate (TPS) | Max Latency
 * (s) | Min Latency (s) | Avg Latency (s) | Throughput (TPS) |`); a round printed twice (after the round and in
 * the summary) is taken from its last table.
 */
export function parseCaliperResults(output: string): CaliperRound[] {
  const rounds = new Map<string, CaliperRound>();
  for (const line of output.split('\n')) {
    const row = resultRow(line);
    if (row !== undefined) {
      rounds.set(row.name, row);
    }
  }
  return [...rounds.values()];
}

/**
 * What Caliper's rounds say in this project's terms: per round throughput, average latency, what was
 * really in flight (throughput × average latency) and failures; then the ratios of the goals, and the
 * batch issue in passes per second (each batch is two transactions).
 */
export function caliperSummaryTable(rounds: readonly CaliperRound[], batchSize: number): string[][] {
  const byName = new Map(rounds.map((r) => [r.name, r]));
  const tput = (name: string): number => byName.get(name)?.throughput ?? Number.NaN;
  const rows = rounds.map((r) => [
    r.name,
    fixed(r.throughput, 1),
    fixed(r.avgLatencySeconds * 1000, 0),
    fixed(r.throughput * r.avgLatencySeconds, 1),
    String(r.failed),
  ]);
  const passesPerSecond = (tput('batch-issue') / 2) * batchSize;
  return [
    ['round', 'tx/s', 'avg latency ms', 'in flight (measured)', 'failed'],
    ...rows,
    ['redeem/trivial (≥0.8)', fixed(ratio(tput('redeem'), tput('trivial-write')), 2), '', '', ''],
    ['scan/redeem (≥3)', fixed(ratio(tput('scan'), tput('redeem')), 2), '', '', ''],
    ['batch issue, passes/s', fixed(passesPerSecond, 1), '', '', ''],
    ['30,000 passes at that rate, min (≤2)', fixed(30_000 / passesPerSecond / 60, 1), '', '', ''],
  ];
}
