import { cpuBetween, snapshotCpu } from './cpu-usage';
import type { StepCpu } from './cpu-table';
import { committedIn, commits, KIND_LABELS, KINDS, type Kind, type StepResult } from './kinds';
import { measure } from './measure';
import type { Operation } from './operations';
import { merge, summarise, type Sample } from './statistics';

/** What the sweep needs besides the operations. */
export interface SweepOptions {
  readonly inFlight: readonly number[];
  readonly count: number;
  readonly rounds: number;
  readonly stepSeconds: number;
  /** The process trees whose CPU is counted, by name (root pid). */
  readonly processes: ReadonlyMap<string, number>;
  readonly ticksPerSecond: number;
  readonly progress: (line: string) => void;
}

/**
 * Each worker of a round runs at least this many operations, so that the round holds its number in flight
 * for most of its time rather than ramping up and down.
 */
export const MIN_OPERATIONS_PER_SLOT = 8;

/** Operations of one kind in one round: the step's count split over the rounds, raised to fill every slot. */
export function operationsPerRound(count: number, rounds: number, inFlight: number): number {
  return Math.max(1, Math.ceil(count / rounds), MIN_OPERATIONS_PER_SLOT * inFlight);
}

/** The results of the whole sweep. */
export interface SweepResult {
  readonly steps: readonly StepResult[];
  readonly cpu: readonly StepCpu[];
}

function add(into: Map<string, number>, used: ReadonlyMap<string, number>): void {
  for (const [name, ms] of used) {
    into.set(name, (into.get(name) ?? 0) + ms);
  }
}

/**
 * Runs each step of the sweep: every kind in interleaved rounds at the step's number in flight, so all kinds
 * see the same background load of this shared machine. The CPU of each process is taken around each round of
 * each kind, and that of the kinds which commit is added up for the step.
 */
export async function runSweep(
  operations: Readonly<Record<Kind, Operation>>,
  options: SweepOptions,
): Promise<SweepResult> {
  const steps: StepResult[] = [];
  const cpu: StepCpu[] = [];
  const budgetMs = (options.stepSeconds * 1000) / options.rounds;
  for (const inFlight of options.inFlight) {
    const perRound = { count: operationsPerRound(options.count, options.rounds, inFlight), budgetMs };
    const samples = new Map<Kind, Sample[]>();
    const usedMs = new Map<string, number>();
    const usedByKind = new Map<Kind, Map<string, number>>(KINDS.map((kind) => [kind, new Map()]));
    for (let round = 1; round <= options.rounds; round += 1) {
      for (const kind of KINDS) {
        options.progress(`${inFlight} in flight, round ${round}/${options.rounds}: ${KIND_LABELS[kind]}`);
        const before = snapshotCpu(options.processes, options.ticksPerSecond);
        const sample = await measure(KIND_LABELS[kind], { ...perRound, inFlight }, operations[kind]);
        const after = snapshotCpu(options.processes, options.ticksPerSecond);
        const used = cpuBetween(before, after);
        add(usedByKind.get(kind) ?? new Map<string, number>(), used);
        if (commits(kind)) {
          add(usedMs, used);
        }
        samples.set(kind, [...(samples.get(kind) ?? []), sample]);
      }
    }
    const summaries = Object.fromEntries(
      KINDS.map((kind) => [kind, summarise(merge(samples.get(kind) ?? []))]),
    ) as Record<Kind, ReturnType<typeof summarise>>;
    const step: StepResult = { inFlight, summaries };
    steps.push(step);
    const byKind = new Map(
      KINDS.map((kind) => [
        kind,
        { usedMs: usedByKind.get(kind) ?? new Map<string, number>(), operations: summaries[kind].completed },
      ]),
    );
    cpu.push({ inFlight, usedMs, committed: committedIn(step), byKind });
  }
  return { steps, cpu };
}
