import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StatePaths } from './paths';

/** A long-running native process of the network (CA, orderer, peer, chaincode, gateway). */
export interface ProcessSpec {
  /** Unique name; also names its pid and log files. */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** Resolves true once the process serves requests. */
  readonly ready: () => Promise<boolean>;
  /** The port it listens on, for status output and error messages. */
  readonly port: number;
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

/**
 * Starts a process detached from this one (it outlives `npm start`), logging to its own file,
 * and waits until it is ready.
 * @throws Error naming the process, its port and log file when it exits or is not ready in time.
 */
export async function startProcess(
  paths: StatePaths,
  spec: ProcessSpec,
  timeoutMs = 60_000,
): Promise<number> {
  const logFile = paths.logFile(spec.name);
  mkdirSync(dirname(logFile), { recursive: true });
  mkdirSync(paths.run, { recursive: true });
  const log = openSync(logFile, 'a');
  const child = spawn(spec.command, [...spec.args], {
    cwd: spec.cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...spec.env,
      STADSPAS_PROCESS: spec.name,
    },
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const pid = child.pid;
  if (pid === undefined) {
    throw new Error(`${spec.name}: could not start ${spec.command}`);
  }
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  child.unref();
  writeFileSync(paths.pidFile(spec.name), `${pid}\n`);

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited !== undefined) {
      break;
    }
    if (await spec.ready().catch(() => false)) {
      return pid;
    }
    await sleep(250);
  }
  const why = exited !== undefined ? `exited with code ${exited}` : `not ready after ${timeoutMs / 1000} s`;
  throw new Error(
    `${spec.name} (port ${spec.port}) ${why}; see ${logFile}. Last lines:\n${logTail(paths, spec.name)}`,
  );
}

/** Stops the named process: SIGTERM, then SIGKILL after the grace period. Returns whether it was running. */
export async function stopProcess(paths: StatePaths, name: string, graceMs = 10_000): Promise<boolean> {
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
  process.kill(pid, 'SIGKILL');
  return true;
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
