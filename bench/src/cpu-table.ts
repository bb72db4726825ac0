import { KIND_LABELS, KINDS, type Kind } from './kinds';
import { fixed } from './table';

/** CPU milliseconds used by each process during the rounds of one kind, and the operations they completed. */
export interface KindCpu {
  readonly usedMs: ReadonlyMap<string, number>;
  readonly operations: number;
}

/** CPU milliseconds used by each process during one step, and what the step committed. */
export interface StepCpu {
  readonly inFlight: number;
  /** Over the rounds of the kinds that commit. */
  readonly usedMs: ReadonlyMap<string, number>;
  readonly committed: number;
  readonly byKind: ReadonlyMap<Kind, KindCpu>;
}

const sum = (values: Iterable<number>): number => [...values].reduce((a, b) => a + b, 0);

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
  const stepTotal = (step: StepCpu): number => sum(step.usedMs.values());
  const idlePerSecond = (ms: number): string => fixed(idle.seconds > 0 ? ms / idle.seconds : Number.NaN, 2);
  const idleTotal = sum(idle.usedMs.values());
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

/**
 * Where each kind's CPU goes in one step: CPU milliseconds per operation of each process (rows, busiest first
 * for the direct redemption) for every kind (columns), and what a direct redemption costs more than a trivial
 * write, process by process: the part of the redemption that its rules, keys and card check cost.
 */
export function kindCpuTable(step: StepCpu): string[][] {
  const perOperation = (kind: Kind, name?: string): number => {
    const cpu = step.byKind.get(kind);
    if (cpu === undefined || cpu.operations === 0) {
      return Number.NaN;
    }
    return (name === undefined ? sum(cpu.usedMs.values()) : (cpu.usedMs.get(name) ?? 0)) / cpu.operations;
  };
  const names = [...new Set([...step.byKind.values()].flatMap((cpu) => [...cpu.usedMs.keys()]))];
  names.sort(
    (a, b) => perOperation('redeem-direct', b) - perOperation('redeem-direct', a) || a.localeCompare(b),
  );
  const row = (label: string, name?: string): string[] => [
    label,
    ...KINDS.map((kind) => fixed(perOperation(kind, name), 2)),
    fixed(perOperation('redeem-direct', name) - perOperation('trivial-direct', name), 2),
  ];
  return [
    [
      `CPU ms per operation, ${String(step.inFlight)} in flight`,
      ...KINDS.map((kind) => KIND_LABELS[kind]),
      'redeem − trivial, direct',
    ],
    ...names.map((name) => row(name, name)),
    row('all of the above'),
  ];
}
