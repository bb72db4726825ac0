import { fixed } from './table';

/** CPU milliseconds used by each process during one step, and what the step committed. */
export interface StepCpu {
  readonly inFlight: number;
  readonly usedMs: ReadonlyMap<string, number>;
  readonly committed: number;
}

/** CPU milliseconds each process used while the network had no load, over some seconds. */
export interface IdleCpu {
  readonly usedMs: ReadonlyMap<string, number>;
  readonly seconds: number;
}

/**
 * CPU milliseconds per committed transaction of each process (rows, busiest first by their total) at each
 * step (columns), with a total row, and what each process uses per second without load (its share of every
 * low-load row). A step that committed nothing shows `–`.
 */
export function cpuTable(steps: readonly StepCpu[], idle: IdleCpu): string[][] {
  const names = [...new Set(steps.flatMap((s) => [...s.usedMs.keys()]))];
  const totalOf = (name: string): number => steps.reduce((sum, s) => sum + (s.usedMs.get(name) ?? 0), 0);
  names.sort((a, b) => totalOf(b) - totalOf(a) || a.localeCompare(b));
  const perTx = (step: StepCpu, ms: number): string =>
    fixed(step.committed > 0 ? ms / step.committed : Number.NaN, 2);
  const stepTotal = (step: StepCpu): number => [...step.usedMs.values()].reduce((a, b) => a + b, 0);
  const idlePerSecond = (ms: number): string => fixed(idle.seconds > 0 ? ms / idle.seconds : Number.NaN, 2);
  const idleTotal = [...idle.usedMs.values()].reduce((a, b) => a + b, 0);
  return [
    ['CPU ms per committed tx', ...steps.map((s) => `${s.inFlight} in flight`), 'idle, ms/s'],
    ...names.map((name) => [
      name,
      ...steps.map((s) => perTx(s, s.usedMs.get(name) ?? 0)),
      idlePerSecond(idle.usedMs.get(name) ?? 0),
    ]),
    ['all of the above', ...steps.map((s) => perTx(s, stepTotal(s))), idlePerSecond(idleTotal)],
    ['committed transactions', ...steps.map((s) => String(s.committed)), ''],
  ];
}
