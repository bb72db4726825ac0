import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  killStaleChild,
  readSupervisedSpec,
  readSupervisorStatus,
  supervise,
  type SupervisedSpec,
} from '../src/processes/supervise';
import {
  newSupervisor,
  type ChildCommand,
  type ChildEvents,
  type SupervisedChild,
  type SupervisorOptions,
  type Timers,
} from '../src/processes/supervisor';

/** Timers that only move when the test says so. */
class ManualClock implements Timers {
  #now = 0;
  #pending: { at: number; callback: () => void }[] = [];

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): () => void {
    const timer = { at: this.#now + ms, callback };
    this.#pending.push(timer);
    return () => {
      this.#pending = this.#pending.filter((pending) => pending !== timer);
    };
  }

  /** Moves time forward, firing each timer that falls due on the way at its own time. */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (let next = this.#due(end); next !== undefined; next = this.#due(end)) {
      this.#pending = this.#pending.filter((pending) => pending !== next);
      this.#now = next.at;
      next.callback();
    }
    this.#now = end;
  }

  #due(end: number): { at: number; callback: () => void } | undefined {
    return this.#pending.filter((pending) => pending.at <= end).sort((a, b) => a.at - b.at)[0];
  }
}

/** A child that does nothing until the test makes it exit. */
class FakeChild implements SupervisedChild {
  readonly signals: NodeJS.Signals[] = [];
  exitedAt = Number.NaN;

  constructor(
    readonly pid: number,
    readonly command: ChildCommand,
    readonly clock: ManualClock,
    readonly events: ChildEvents,
  ) {
    this.startedAt = clock.now();
  }

  readonly startedAt: number;

  kill(signal: NodeJS.Signals): void {
    this.signals.push(signal);
  }

  exit(code: number | null, signal: NodeJS.Signals | null = null): void {
    this.exitedAt = this.clock.now();
    this.events.exit(code, signal);
  }
}

function fakeSupervisor(overrides: Partial<SupervisorOptions> = {}): {
  clock: ManualClock;
  children: FakeChild[];
  output: string[];
  options: SupervisorOptions;
} {
  const clock = new ManualClock();
  const children: FakeChild[] = [];
  const output: string[] = [];
  const options: SupervisorOptions = {
    name: 'peer-gemeente',
    child: { command: '/opt/fabric/bin/peer', args: ['node', 'start'], env: { CORE_PEER_ID: 'peer0' } },
    backoff: { initialMs: 100, maxMs: 400, resetAfterMs: 1_000 },
    stopGraceMs: 500,
    output: (data) => output.push(String(data)),
    spawn: (command, events) => {
      const child = new FakeChild(1000 + children.length, command, clock, events);
      children.push(child);
      return child;
    },
    timers: clock,
    ...overrides,
  };
  return { clock, children, output, options };
}

function lastOf<T>(items: readonly T[]): T {
  const item = items[items.length - 1];
  if (item === undefined) {
    throw new Error('expected at least one item');
  }
  return item;
}

/** Makes the running child exit as soon as it started, again and again, waiting out the longest delay. */
function crashAtOnce(clock: ManualClock, children: FakeChild[], times: number): void {
  for (let exits = 0; exits < times; exits += 1) {
    lastOf(children).exit(1);
    clock.advance(400);
  }
}

/** How long each restart came after the exit before it. */
function restartDelays(children: readonly FakeChild[]): number[] {
  return children.slice(1).map((child, n) => child.startedAt - (children[n]?.exitedAt ?? 0));
}

async function waitFor(what: string, condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting until ${what}`);
    }
    await sleep(20);
  }
}

describe('a supervisor', () => {
  test('when its child exits, then it is started again after the initial delay and the restart count grows', () => {
    const { clock, children, output, options } = fakeSupervisor();
    const supervisor = newSupervisor(options);

    supervisor.start();
    lastOf(children).exit(2);
    clock.advance(99);
    const waiting = supervisor.snapshot;
    clock.advance(1);

    expect(waiting).toMatchObject({ state: 'waiting', childPid: null, restarts: 0 });
    expect(children).toHaveLength(2);
    expect(supervisor.snapshot).toMatchObject({ state: 'running', childPid: 1001, restarts: 1 });
    expect(supervisor.snapshot.lastExit).toEqual({ code: 2, signal: null, at: new Date(0).toISOString() });
    expect(output).toContain(
      '[supervisor] peer-gemeente exited with code 2 (signal none); restart 1 in 100 ms\n',
    );
  });

  test('when its child keeps exiting at once, then the delays double up to the cap', () => {
    const { clock, children, options } = fakeSupervisor();
    newSupervisor(options).start();

    crashAtOnce(clock, children, 5);

    expect(restartDelays(children)).toEqual([100, 200, 400, 400, 400]);
  });

  test('when its child stayed up for resetAfterMs before exiting, then the next restart waits the initial delay again', () => {
    const { clock, children, options } = fakeSupervisor();
    newSupervisor(options).start();
    crashAtOnce(clock, children, 3);

    clock.advance(1_000);
    lastOf(children).exit(1);
    clock.advance(999);
    lastOf(children).exit(1);
    clock.advance(400);

    expect(restartDelays(children)).toEqual([100, 200, 400, 100, 200]);
  });

  test('when it is stopped, then its child gets SIGTERM, SIGKILL only after the grace period, and stop resolves once it exited', async () => {
    const { clock, children, options } = fakeSupervisor();
    const supervisor = newSupervisor(options);
    supervisor.start();
    const child = lastOf(children);

    const stopped = supervisor.stop();
    const signalsInGrace = [...child.signals];
    const stateInGrace = supervisor.snapshot.state;
    clock.advance(499);
    const signalsBeforeEnd = [...child.signals];
    clock.advance(1);
    child.exit(null, 'SIGKILL');
    await stopped;

    expect(signalsInGrace).toEqual(['SIGTERM']);
    expect(stateInGrace).toBe('stopping');
    expect(signalsBeforeEnd).toEqual(['SIGTERM']);
    expect(child.signals).toEqual(['SIGTERM', 'SIGKILL']);
    expect(supervisor.snapshot).toMatchObject({
      childPid: null,
      lastExit: { code: null, signal: 'SIGKILL' },
    });
  });

  test('when it was stopped, then nothing is started again, whether it was waiting or its child exited on SIGTERM', async () => {
    const waiting = fakeSupervisor();
    const waitingSupervisor = newSupervisor(waiting.options);
    waitingSupervisor.start();
    lastOf(waiting.children).exit(1);
    const running = fakeSupervisor();
    const runningSupervisor = newSupervisor(running.options);
    runningSupervisor.start();

    await waitingSupervisor.stop();
    const stopped = runningSupervisor.stop();
    lastOf(running.children).exit(0, 'SIGTERM');
    await stopped;
    waiting.clock.advance(60_000);
    running.clock.advance(60_000);

    expect(waiting.children).toHaveLength(1);
    expect(running.children).toHaveLength(1);
    expect(() => {
      runningSupervisor.start();
    }).toThrow('started or stopped before');
  });

  test('when it starts a child, then the child gets the given environment and its name as STADSPAS_PROCESS', () => {
    const { children, options } = fakeSupervisor();

    newSupervisor(options).start();

    expect(lastOf(children).command).toEqual({
      command: '/opt/fabric/bin/peer',
      args: ['node', 'start'],
      env: { CORE_PEER_ID: 'peer0', STADSPAS_PROCESS: 'peer-gemeente' },
    });
  });
});

describe('a supervisor of real processes', () => {
  const node = process.execPath;
  const realOptions = (script: string, output: string[]): SupervisorOptions => ({
    name: 'real-child',
    child: { command: node, args: ['-e', script], env: {} },
    backoff: { initialMs: 20, maxMs: 80, resetAfterMs: 10_000 },
    stopGraceMs: 300,
    output: (data) => output.push(String(data)),
  });

  test('when a real child exits, then it is restarted and its output reaches the log', async () => {
    const output: string[] = [];
    const supervisor = newSupervisor(
      realOptions('console.log("up as " + process.env.STADSPAS_PROCESS); process.exit(3)', output),
    );

    supervisor.start();
    await waitFor('two restarts', () => supervisor.snapshot.restarts >= 2);
    await supervisor.stop();

    expect(output.join('')).toContain('up as real-child\n');
    expect(output.join('')).toMatch(/real-child exited with code 3 \(signal none\); restart 1 in 20 ms/);
  });

  test('when a real child ignores SIGTERM, then stop kills it with SIGKILL after the grace period', async () => {
    const output: string[] = [];
    const supervisor = newSupervisor(
      realOptions(
        'process.on("SIGTERM", () => console.log("ignored")); console.log("ready"); setInterval(() => {}, 1000)',
        output,
      ),
    );
    supervisor.start();
    const pid = supervisor.snapshot.childPid;
    await waitFor('the child installed its handler', () => output.join('').includes('ready'));

    const began = Date.now();
    await supervisor.stop();

    expect(Date.now() - began).toBeGreaterThanOrEqual(290);
    expect(output.join('')).toContain('ignored');
    expect(supervisor.snapshot.lastExit).toMatchObject({ code: null, signal: 'SIGKILL' });
    expect(() => process.kill(pid ?? 0, 0)).toThrow();
  });

  test('when the program does not exist, then the supervisor says why and keeps trying', async () => {
    const output: string[] = [];
    const supervisor = newSupervisor({
      ...realOptions('', output),
      child: { command: '/nonexistent/peer', args: [], env: {} },
    });

    supervisor.start();
    await waitFor('a restart', () => supervisor.snapshot.restarts >= 1);
    await supervisor.stop();

    expect(output.join('')).toContain('could not start: spawn /nonexistent/peer ENOENT');
  });
});

function specIn(dir: string, overrides: Partial<SupervisedSpec> = {}): SupervisedSpec {
  return {
    name: 'peer-gemeente',
    command: process.execPath,
    args: [],
    env: {},
    logFile: join(dir, 'logs', 'peer-gemeente.log'),
    childPidFile: join(dir, 'run', 'peer-gemeente.child.pid'),
    statusFile: join(dir, 'run', 'peer-gemeente.status.json'),
    log: { maxBytes: 10_000, keep: 2 },
    backoff: { initialMs: 100, maxMs: 400, resetAfterMs: 1_000 },
    stopGraceMs: 500,
    ...overrides,
  };
}

describe('a supervised process', () => {
  test('when its child exits and is restarted, then the status file shows the restarts and the last exit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'supervise-'));
    const spec = specIn(dir);
    const { clock, children, options } = fakeSupervisor();

    const run = await supervise(spec, {
      baseEnv: {},
      supervisorPid: 4242,
      spawn: options.spawn,
      timers: clock,
    });
    lastOf(children).exit(2);
    const waiting = readSupervisorStatus(spec.statusFile);
    clock.advance(100);
    lastOf(children).exit(null, 'SIGSEGV');
    clock.advance(200);

    expect(waiting).toEqual({
      name: 'peer-gemeente',
      supervisorPid: 4242,
      childPid: null,
      state: 'waiting',
      restarts: 0,
      lastExit: { code: 2, signal: null, at: new Date(0).toISOString() },
    });
    expect(readSupervisorStatus(spec.statusFile)).toMatchObject({
      childPid: 1002,
      state: 'running',
      restarts: 2,
      lastExit: { code: null, signal: 'SIGSEGV', at: new Date(100).toISOString() },
    });
    expect(readFileSync(spec.childPidFile, 'utf8')).toBe('1002\n');
    expect(readFileSync(spec.logFile, 'utf8')).toContain(
      'exited with code none (signal SIGSEGV); restart 2 in 200 ms',
    );

    const stopped = run.stop();
    lastOf(children).exit(0, 'SIGTERM');
    await stopped;

    expect(existsSync(spec.statusFile)).toBe(false);
    expect(existsSync(spec.childPidFile)).toBe(false);
  });

  test('when its status file is missing or not a status, then reading it gives undefined', () => {
    const dir = mkdtempSync(join(tmpdir(), 'supervise-'));
    writeFileSync(join(dir, 'garbled.json'), '{"name": 1}');

    expect(readSupervisorStatus(join(dir, 'missing.json'))).toBeUndefined();
    expect(readSupervisorStatus(join(dir, 'garbled.json'))).toBeUndefined();
  });

  test('when its spec file is invalid, then reading it fails naming the file and each problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'supervise-'));
    const file = join(dir, 'spec.json');
    writeFileSync(
      file,
      JSON.stringify({ ...specIn(dir), logFile: 'relative.log', stopGraceMs: -1, extra: true }),
    );

    expect(() => readSupervisedSpec(file)).toThrow(`invalid supervisor spec ${file}`);
    expect(() => readSupervisedSpec(file)).toThrow(/an absolute path\n {2}→ at logFile/);
    expect(() => readSupervisedSpec(file)).toThrow(/→ at stopGraceMs/);
    expect(() => readSupervisedSpec(file)).toThrow(/Unrecognized key: "extra"/);
    expect(() => readSupervisedSpec(join(dir, 'missing.json'))).toThrow('cannot read the supervisor spec');
  });
});

describe('a child left by an earlier supervisor', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) {
      child.kill('SIGKILL');
    }
  });
  const sleeper = (env: Record<string, string>): ChildProcess => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { env, stdio: 'ignore' });
    children.push(child);
    return child;
  };
  const exited = (child: ChildProcess): Promise<NodeJS.Signals | null> =>
    new Promise((resolve) =>
      child.once('exit', (_code, signal) => {
        resolve(signal);
      }),
    );

  test('when its pid file names a live process of the same name, then it is stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stale-'));
    const spec = specIn(dir, { childPidFile: join(dir, 'child.pid') });
    const stale = sleeper({ STADSPAS_PROCESS: 'peer-gemeente' });
    writeFileSync(spec.childPidFile, `${stale.pid ?? 0}\n`);
    const lines: string[] = [];
    const signal = exited(stale);

    const killed = await killStaleChild(spec, (line) => lines.push(line));

    expect(killed).toBe(stale.pid);
    expect(await signal).toBe('SIGTERM');
    expect(lines).toEqual([
      `peer-gemeente: stopping pid ${stale.pid ?? 0}, left running by an earlier supervisor`,
    ]);
  });

  test('when the pid now belongs to a process without that name, then it is left alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stale-'));
    const spec = specIn(dir, { childPidFile: join(dir, 'child.pid') });
    const stranger = sleeper({ STADSPAS_PROCESS: 'peer-gemeente-2' });
    writeFileSync(spec.childPidFile, `${stranger.pid ?? 0}\n`);

    const killed = await killStaleChild(spec, () => undefined);

    expect(killed).toBeUndefined();
    expect(stranger.exitCode).toBeNull();
    expect(stranger.signalCode).toBeNull();
  });
});

describe('the supervise program', () => {
  const root = resolve(__dirname, '..', '..');

  /** Pids of every process that carries the name in its environment. */
  function processesNamed(name: string): number[] {
    return readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/environ`, 'latin1').includes(`STADSPAS_PROCESS=${name}\0`);
        } catch {
          return false;
        }
      })
      .map(Number);
  }

  test('when its child keeps exiting, then the status file counts restarts, and on SIGTERM both are gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'supervise-e2e-'));
    const name = `e2e-${process.pid}`;
    const spec = specIn(dir, {
      name,
      args: ['-e', 'setTimeout(() => process.exit(4), 100)'],
      backoff: { initialMs: 50, maxMs: 100, resetAfterMs: 10_000 },
    });
    const specFile = join(dir, 'spec.json');
    writeFileSync(specFile, JSON.stringify(spec));
    const supervisor = spawn(
      process.execPath,
      ['--import', 'tsx', 'network/src/processes/supervise.ts', specFile],
      {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', STADSPAS_PROCESS: name },
        stdio: 'inherit',
      },
    );
    const exited = new Promise<number | null>((resolve) => supervisor.once('exit', resolve));

    await waitFor('two restarts', () => (readSupervisorStatus(spec.statusFile)?.restarts ?? 0) >= 2, 15_000);
    const status = readSupervisorStatus(spec.statusFile);
    supervisor.kill('SIGTERM');

    expect(await exited).toBe(0);
    expect(status).toMatchObject({
      name,
      supervisorPid: supervisor.pid,
      lastExit: { code: 4, signal: null },
    });
    expect(processesNamed(name)).toEqual([]);
    expect(existsSync(spec.statusFile)).toBe(false);
    expect(readFileSync(spec.logFile, 'utf8')).toContain(
      `${name} exited with code 4 (signal none); restart 2 in 100 ms`,
    );
  }, 20_000);
});
