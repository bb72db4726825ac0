import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { IdleCpu } from './cpu-table';
import { parseProcStat, treeTicks, type ProcStat } from './proc-stat';

/** The process table as `/proc` shows it now; processes that exit while it is read are left out. */
export function readProcessTable(): ProcStat[] {
  const table: ProcStat[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      table.push(parseProcStat(readFileSync(`/proc/${entry}/stat`, 'latin1')));
    } catch {
      // gone between the listing and the read
    }
  }
  return table;
}

/** Clock ticks per second of this kernel (`getconf CLK_TCK`), 100 when it cannot be asked. */
export function clockTicksPerSecond(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
}

/** CPU milliseconds used so far by each named process tree (a root pid with all its descendants). */
export type CpuSnapshot = ReadonlyMap<string, number>;

/** Takes a snapshot of the CPU time of each named root pid and its descendants. */
export function snapshotCpu(roots: ReadonlyMap<string, number>, ticksPerSecond: number): CpuSnapshot {
  const table = readProcessTable();
  return new Map(
    [...roots].map(([name, pid]) => [name, (treeTicks(pid, table) * 1000) / ticksPerSecond] as const),
  );
}

/** CPU milliseconds each process used between two snapshots (processes missing from either are left out). */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): Map<string, number> {
  const used = new Map<string, number>();
  for (const [name, ms] of after) {
    const earlier = before.get(name);
    if (earlier !== undefined) {
      used.set(name, Math.max(0, ms - earlier));
    }
  }
  return used;
}

/** What each process tree uses while nothing is asked of the network, over `seconds`. */
export async function measureIdle(
  roots: ReadonlyMap<string, number>,
  ticksPerSecond: number,
  seconds: number,
): Promise<IdleCpu> {
  const before = snapshotCpu(roots, ticksPerSecond);
  await sleep(seconds * 1000);
  return { usedMs: cpuBetween(before, snapshotCpu(roots, ticksPerSecond)), seconds };
}
