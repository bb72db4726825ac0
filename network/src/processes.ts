import { spawn } from 'node:child_process';
import {
  closeSync,
  fchmodSync,
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
import { ownerOnlyCommand } from './private-files';

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

interface Spawned {
  readonly pid: number;
  /** The exit code once the process has exited, otherwise undefined. */
  readonly exitCode: () => number | null | undefined;
}

function spawnDetached(paths: StatePaths, spec: ProcessSpec): Spawned {
  const logFile = paths.logFile(spec.name);
  mkdirSync(dirname(logFile), { recursive: true, mode: 0o700 });
  mkdirSync(dirname(paths.pidFile(spec.name)), { recursive: true, mode: 0o700 });
  const log = openSync(logFile, 'a', 0o600);
  fchmodSync(log, 0o600);
  const [command, args] = ownerOnlyCommand(spec.command, spec.args);
  const child = spawn(command, args, {
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
  return { pid, exitCode: () => exited };
}

/**
 * Starts a process detached from this one (it outlives `npm start`), logging to its own file,
 * and probes it until it serves what the next step uses (see {@link ProcessSpec.ready}).
 * @throws Error naming the process, its port, what it waited for and the log file when the process
 * exits or is not ready in time.
 */
export async function startProcess(
  paths: StatePaths,
  spec: ProcessSpec,
  timeoutMs = 60_000,
): Promise<number> {
  const child = spawnDetached(paths, spec);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode() === undefined) {
    if (await spec.ready().catch(() => false)) {
      return child.pid;
    }
    await sleep(250);
  }
  const code = child.exitCode();
  const why =
    code !== undefined
      ? `exited with code ${String(code)}`
      : `was not ready within ${timeoutMs / 1000} s (waited until ${spec.readyWhen})`;
  throw new Error(
    `${spec.name} (port ${spec.port}) ${why}; see ${paths.logFile(spec.name)}. Last lines:\n${logTail(paths, spec.name)}`,
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
