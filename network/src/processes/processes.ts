import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StatePaths } from '../description/paths';
import { readSupervisorStatus, type SupervisedSpec, type SupervisorStatus } from './supervise';

/** A long-running native process of the network (CA, orderer, peer, chaincode, gateway). */
export interface ProcessSpec {
  /** Unique name; also names its pid and log files. */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** Resolves true once the process serves what the next step of the start-up uses. */
  readonly ready: () => Promise<boolean>;
  /** What {@link ready} waits for, in words, for error messages. */
  readonly readyWhen: string;
  /** The port it listens on, for status output and error messages. */
  readonly port: number;
  /** The host (name or address) it listens on; loopback when not given. */
  readonly host?: string;
}

/** Pid of the named process when it is alive, otherwise undefined. */
export function runningPid(paths: StatePaths, name: string): number | undefined {
  const file = paths.pidFile(name);
  if (!existsSync(file)) {
    return undefined;
  }
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) {
    return undefined;
  }
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  // A recycled pid belongs to some other program: only trust it when it still runs from our state folder.
  const environ = safeRead(`/proc/${pid}/environ`);
  return environ.includes(`STADSPAS_PROCESS=${name}\0`) ? pid : undefined;
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'latin1');
  } catch {
    return '';
  }
}

/** The last lines of a process's log, for error messages. */
export function logTail(paths: StatePaths, name: string, lines = 25): string {
  const text = safeRead(paths.logFile(name));
  return text.split('\n').slice(-lines).join('\n');
}

/** The supervisor program, compiled with the network tooling (npm run build). */
const SUPERVISOR = join(__dirname, '..', '..', 'dist', 'processes', 'supervise.js');

/** How long a supervisor gives its process to stop before it kills it. */
const CHILD_STOP_GRACE_MS = 8_000;

/** The spec file, child pid and status of a process's supervisor, next to its pid file. */
export function supervisorFiles(
  paths: StatePaths,
  name: string,
): { spec: string; childPid: string; status: string } {
  const run = dirname(paths.pidFile(name));
  return {
    spec: join(run, `${name}.supervisor.json`),
    childPid: join(run, `${name}.child.pid`),
    status: join(run, `${name}.status.json`),
  };
}

/** The supervisor's status of a process (its restarts, its last exit), or undefined when it is not supervised. */
export function processStatus(paths: StatePaths, name: string): SupervisorStatus | undefined {
  return readSupervisorStatus(supervisorFiles(paths, name).status);
}

/**
 * Starts a process's supervisor detached from this one (it outlives `npm start`): the supervisor runs the
 * process, restarts it with backoff when it dies, and writes its output to a size-capped, rotated log.
 * @returns the supervisor's pid.
 */
function spawnSupervised(paths: StatePaths, spec: ProcessSpec): number {
  const files = supervisorFiles(paths, spec.name);
  mkdirSync(dirname(files.spec), { recursive: true, mode: 0o700 });
  mkdirSync(dirname(paths.logFile(spec.name)), { recursive: true, mode: 0o700 });
  rmSync(files.status, { force: true });
  const supervised: SupervisedSpec = {
    name: spec.name,
    command: spec.command,
    args: [...spec.args],
    env: { ...spec.env },
    ...(spec.cwd === undefined ? {} : { cwd: spec.cwd }),
    logFile: paths.logFile(spec.name),
    childPidFile: files.childPid,
    statusFile: files.status,
    log: { maxBytes: 10 * 1024 * 1024, keep: 3 },
    backoff: { initialMs: 500, maxMs: 30_000, resetAfterMs: 60_000 },
    stopGraceMs: CHILD_STOP_GRACE_MS,
  };
  writeFileSync(files.spec, JSON.stringify(supervised, null, 2), { mode: 0o600 });
  // The supervisor sets umask 077 for itself and the process it runs.
  const child = spawn(process.execPath, [SUPERVISOR, files.spec], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', STADSPAS_PROCESS: spec.name },
    detached: true,
    stdio: 'ignore',
  });
  const pid = child.pid;
  if (pid === undefined) {
    throw new Error(`${spec.name}: could not start its supervisor`);
  }
  child.unref();
  writeFileSync(paths.pidFile(spec.name), `${pid}\n`);
  return pid;
}

/**
 * Starts a process under its supervisor and probes it until it serves what the next step uses (see
 * {@link ProcessSpec.ready}). A process that exits while starting is not retried here: its supervisor is
 * stopped and the start fails.
 * @throws Error naming the process, its port, what it waited for and the log file when the process exits
 * or is not ready in time.
 */
export async function startProcess(
  paths: StatePaths,
  spec: ProcessSpec,
  timeoutMs = 60_000,
): Promise<number> {
  const pid = spawnSupervised(paths, spec);
  const deadline = Date.now() + timeoutMs;
  let exit = processStatus(paths, spec.name)?.lastExit;
  while (Date.now() < deadline && !exit && isAlive(pid)) {
    if (await spec.ready().catch(() => false)) {
      return pid;
    }
    await sleep(250);
    exit = processStatus(paths, spec.name)?.lastExit;
  }
  const why = exit
    ? `exited with code ${String(exit.code)}${exit.signal ? ` (${exit.signal})` : ''}`
    : notReady(pid, spec, timeoutMs);
  await stopProcess(paths, spec.name);
  throw new Error(
    `${spec.name} (port ${spec.port}) ${why}; see ${paths.logFile(spec.name)}. Last lines:\n${logTail(paths, spec.name)}`,
  );
}

function notReady(pid: number, spec: ProcessSpec, timeoutMs: number): string {
  return isAlive(pid)
    ? `was not ready within ${timeoutMs / 1000} s (waited until ${spec.readyWhen})`
    : 'lost its supervisor';
}

/**
 * Stops the named process: SIGTERM to its supervisor, which stops the process and exits; when that takes
 * longer than the grace period, SIGKILL to the supervisor's whole process group. Returns whether it was running.
 */
export async function stopProcess(
  paths: StatePaths,
  name: string,
  graceMs = CHILD_STOP_GRACE_MS + 4_000,
): Promise<boolean> {
  const pid = runningPid(paths, name);
  rmSync(paths.pidFile(name), { force: true });
  if (pid === undefined) {
    return false;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) {
      return true;
    }
    await sleep(100);
  }
  killGroup(pid);
  return true;
}

/** SIGKILLs a supervisor and the process it runs (they share its process group), as a power cut would. */
export function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // gone already
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie leader whose other threads are still exiting still holds its files and ports;
  // nobody may reap it here (our parent may be gone), so "dead" means a zombie without threads.
  const zombie = safeRead(`/proc/${pid}/stat`).includes(') Z ');
  return !zombie || threadCount(pid) > 1;
}

function threadCount(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/task`).length;
  } catch {
    return 0;
  }
}
