/** What the CPU accounting needs of one line of `/proc/<pid>/stat`. */
export interface ProcStat {
  readonly pid: number;
  readonly ppid: number;
  /** Clock ticks the process itself ran, in user and kernel mode (utime + stime). */
  readonly ownTicks: number;
  /** Clock ticks of its children that it has waited for (cutime + cstime). */
  readonly reapedChildTicks: number;
}

/**
 * Parses one `/proc/<pid>/stat` line. The command name sits in parentheses and may itself hold spaces
 * or parentheses, so the fields are counted from its last closing parenthesis.
 * @throws Error when the line does not have the fields of a stat line.
 */
export function parseProcStat(line: string): ProcStat {
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 0 || close < open) {
    throw new Error(`not a /proc stat line: ${line.slice(0, 80)}`);
  }
  const pid = Number(line.slice(0, open).trim());
  // After the name: state (field 3), ppid (4), … utime (14), stime (15), cutime (16), cstime (17).
  const fields = line
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  const field = (n: number): number => Number(fields[n - 3]);
  const values = [pid, field(4), field(14), field(15), field(16), field(17)];
  if (values.some((v) => !Number.isInteger(v) || v < 0)) {
    throw new Error(`not a /proc stat line: ${line.slice(0, 80)}`);
  }
  return {
    pid,
    ppid: field(4),
    ownTicks: field(14) + field(15),
    reapedChildTicks: field(16) + field(17),
  };
}

/** A process and all its live descendants in a process table; none when the process is not in it. */
export function processTree(root: number, table: readonly ProcStat[]): ProcStat[] {
  const byParent = new Map<number, ProcStat[]>();
  for (const stat of table) {
    byParent.set(stat.ppid, [...(byParent.get(stat.ppid) ?? []), stat]);
  }
  const rootStat = table.find((stat) => stat.pid === root);
  const tree: ProcStat[] = [];
  const pending: ProcStat[] = rootStat === undefined ? [] : [rootStat];
  const seen = new Set<number>();
  for (let stat = pending.pop(); stat !== undefined; stat = pending.pop()) {
    if (!seen.has(stat.pid)) {
      seen.add(stat.pid);
      tree.push(stat);
      pending.push(...(byParent.get(stat.pid) ?? []));
    }
  }
  return tree;
}

/**
 * Clock ticks used by a process and all its live descendants, including the children each of them has
 * already reaped; 0 when the process is not in the table.
 */
export function treeTicks(root: number, table: readonly ProcStat[]): number {
  return processTree(root, table).reduce((ticks, stat) => ticks + stat.ownTicks + stat.reapedChildTicks, 0);
}
