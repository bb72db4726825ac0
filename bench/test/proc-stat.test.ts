import { cpuTable } from '../src/cpu-table';
import { cpuBetween } from '../src/cpu-usage';
import { parseProcStat, treeTicks, type ProcStat } from '../src/proc-stat';

// A real line's shape: pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt
// utime stime cutime cstime priority nice threads itrealvalue starttime ...
const line = (
  pid: number,
  comm: string,
  ppid: number,
  utime: number,
  stime: number,
  cutime = 0,
  cstime = 0,
): string =>
  `${pid} (${comm}) S ${ppid} ${pid} ${pid} 0 -1 4194560 1200 0 0 0 ${utime} ${stime} ${cutime} ${cstime} 20 0 12 0 5000 1000000 2000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0`;

describe('parseProcStat', () => {
  it('when a stat line is read, then it takes pid, ppid, own and reaped children ticks', () => {
    expect(parseProcStat(line(4242, 'peer', 4200, 150, 30, 7, 3))).toEqual({
      pid: 4242,
      ppid: 4200,
      ownTicks: 180,
      reapedChildTicks: 10,
    });
  });

  it('when the command name holds spaces and parentheses, then the fields still line up', () => {
    expect(parseProcStat(line(7, 'node (x) y) z', 1, 5, 6))).toMatchObject({ pid: 7, ppid: 1, ownTicks: 11 });
  });

  it('when the line is not a stat line, then it throws', () => {
    expect(() => parseProcStat('hello')).toThrow('not a /proc stat line');
    expect(() => parseProcStat('12 (x) S')).toThrow('not a /proc stat line');
  });
});

describe('treeTicks', () => {
  const table: ProcStat[] = [
    { pid: 10, ppid: 1, ownTicks: 2, reapedChildTicks: 5 }, // supervisor, reaped an earlier child
    { pid: 11, ppid: 10, ownTicks: 100, reapedChildTicks: 0 }, // the peer
    { pid: 12, ppid: 11, ownTicks: 7, reapedChildTicks: 1 }, // a builder script of the peer
    { pid: 20, ppid: 1, ownTicks: 999, reapedChildTicks: 0 }, // someone else
  ];

  it('when a root has descendants, then their ticks and the children they reaped add up', () => {
    expect(treeTicks(10, table)).toBe(2 + 5 + 100 + 7 + 1);
  });

  it('when the root is gone, then it is 0', () => {
    expect(treeTicks(99, table)).toBe(0);
  });
});

describe('cpu accounting', () => {
  it('when two snapshots differ, then each process used the difference; new or gone ones are left out', () => {
    const used = cpuBetween(
      new Map([
        ['peer-a', 100],
        ['gone', 5],
      ]),
      new Map([
        ['peer-a', 160],
        ['new', 9],
      ]),
    );
    expect([...used]).toEqual([['peer-a', 60]]);
  });

  it('when the table is made, then processes are busiest first, per committed transaction, with a total', () => {
    const table = cpuTable(
      [
        {
          inFlight: 4,
          committed: 10,
          byKind: new Map(),
          usedMs: new Map([
            ['orderer-a', 20],
            ['peer-a', 100],
          ]),
        },
        { inFlight: 64, committed: 0, usedMs: new Map([['peer-a', 5]]), byKind: new Map() },
      ],
      { usedMs: new Map([['peer-a', 10]]), seconds: 5 },
    );
    expect(table).toEqual([
      ['CPU ms per committed tx', '4 in flight', '64 in flight', 'idle, ms/s'],
      ['peer-a', '10.00', '–', '2.00'],
      ['orderer-a', '2.00', '–', '0.00'],
      ['all of the above', '12.00', '–', '2.00'],
      ['committed transactions', '10', '0', ''],
    ]);
  });
});
