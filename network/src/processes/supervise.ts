import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { openRotatingLog, type RotatingLog } from './rotating-log';
import { newSupervisor, type SpawnChild, type SupervisorSnapshot, type Timers } from './supervisor';

const absolutePath = z.string().refine((path) => isAbsolute(path), 'an absolute path');
const milliseconds = z.number().int().min(0);

/** The spec file of one supervised process: what to run, where its files go, how to restart it. */
export const supervisedSpecSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes'),
  command: z.string().min(1),
  args: z.array(z.string()).default([]),
  env: z.record(z.string(), z.string()).default({}),
  cwd: absolutePath.optional(),
  logFile: absolutePath,
  childPidFile: absolutePath,
  statusFile: absolutePath,
  log: z.strictObject({ maxBytes: z.number().int().min(1), keep: z.number().int().min(0).max(100) }),
  backoff: z
    .strictObject({ initialMs: z.number().int().min(1), maxMs: milliseconds, resetAfterMs: milliseconds })
    .refine((backoff) => backoff.maxMs >= backoff.initialMs, 'maxMs must not be less than initialMs'),
  stopGraceMs: milliseconds,
});

/** A validated spec file. */
export type SupervisedSpec = z.output<typeof supervisedSpecSchema>;

/** The status file of a supervisor: its snapshot, whose it is and which process writes it. */
export interface SupervisorStatus extends SupervisorSnapshot {
  readonly name: string;
  readonly supervisorPid: number;
}

const supervisorStatusSchema = z.object({
  name: z.string(),
  supervisorPid: z.number().int(),
  childPid: z.number().int().nullable(),
  state: z.enum(['running', 'waiting', 'stopping']),
  restarts: z.number().int().min(0),
  lastExit: z
    .object({
      code: z.number().int().nullable(),
      signal: z.custom<NodeJS.Signals>((value) => typeof value === 'string').nullable(),
      at: z.string(),
    })
    .nullable(),
}) satisfies z.ZodType<SupervisorStatus>;

/**
 * Reads and validates a spec file.
 * @throws Error naming the file and every problem when it cannot be read, is not JSON or is not a valid spec.
 */
export function readSupervisedSpec(file: string): SupervisedSpec {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the supervisor spec ${file}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = supervisedSpecSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`invalid supervisor spec ${file}:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/** The status a supervisor last wrote, or undefined when the file is missing or unreadable. */
export function readSupervisorStatus(file: string): SupervisorStatus | undefined {
  try {
    const parsed = supervisorStatusSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Replaces a file in one step, so that a reader sees the old or the new content, never half of it.
 * @throws Error from the file system when it cannot be written.
 */
function writeAtomically(file: string, content: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content, { mode: 0o600 });
  renameSync(temporary, file);
}

/**
 * Kills the child an earlier supervisor of the same process left running (that supervisor was
 * SIGKILLed and could not stop it): SIGTERM, then SIGKILL after the spec's grace period. A pid is only
 * trusted while its process carries `STADSPAS_PROCESS=<name>` in its environment, since pids are reused.
 * @returns the pid it killed, or undefined when there was none.
 */
export async function killStaleChild(
  spec: SupervisedSpec,
  say: (line: string) => void,
): Promise<number | undefined> {
  const pid = staleChildPid(spec);
  if (pid === undefined) {
    return undefined;
  }
  say(`${spec.name}: stopping pid ${pid}, left running by an earlier supervisor`);
  signal(pid, 'SIGTERM');
  const deadline = Date.now() + spec.stopGraceMs;
  while (isAlive(pid) && Date.now() < deadline) {
    await sleep(50);
  }
  if (isAlive(pid)) {
    signal(pid, 'SIGKILL');
  }
  return pid;
}

function staleChildPid(spec: SupervisedSpec): number | undefined {
  const pid = Number(readOrEmpty(spec.childPidFile).trim());
  // Our own pid only appears there when it was reused: the file names a child, never a supervisor.
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !isAlive(pid)) {
    return undefined;
  }
  return readOrEmpty(`/proc/${pid}/environ`).includes(`STADSPAS_PROCESS=${spec.name}\0`) ? pid : undefined;
}

/** Alive and not a zombie: an orphan may wait a while to be reaped, but holds nothing any more. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return !readOrEmpty(`/proc/${pid}/stat`).includes(') Z ');
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // It exited in between: what was asked for has happened.
  }
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'latin1');
  } catch {
    return '';
  }
}

/** What a supervised run needs from outside the spec. */
export interface SuperviseOptions {
  /** Variables every child gets under the spec's own (PATH and HOME). */
  readonly baseEnv: Readonly<Record<string, string>>;
  /** The pid written into the status file. */
  readonly supervisorPid: number;
  readonly spawn?: SpawnChild;
  readonly timers?: Timers;
}

/** A supervised process as its entry program handles it. */
export interface SupervisedRun {
  readonly snapshot: SupervisorSnapshot;
  /** Stops the child, closes the log and removes the status and child pid files. */
  stop(): Promise<void>;
}

/**
 * Supervises the spec's process: kills a stale child of an earlier supervisor, then starts the child with
 * its output in the rotating log, keeping the status and child pid files up to date.
 * @throws Error from the file system when the log, status or pid files cannot be created.
 */
export async function supervise(spec: SupervisedSpec, options: SuperviseOptions): Promise<SupervisedRun> {
  for (const file of [spec.statusFile, spec.childPidFile]) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  }
  const log = logSink(openRotatingLog({ file: spec.logFile, ...spec.log }));
  await killStaleChild(spec, (line) => {
    log.write(`[supervisor] ${line}\n`);
  });
  const supervisor = newSupervisor({
    name: spec.name,
    child: {
      command: spec.command,
      args: spec.args,
      env: { ...options.baseEnv, ...spec.env },
      cwd: spec.cwd,
    },
    backoff: spec.backoff,
    stopGraceMs: spec.stopGraceMs,
    output: (data) => {
      log.write(data);
    },
    onChange: statusWriter(spec, options.supervisorPid, log),
    spawn: options.spawn,
    timers: options.timers,
  });
  supervisor.start();
  return {
    get snapshot() {
      return supervisor.snapshot;
    },
    stop: async () => {
      await supervisor.stop();
      log.close();
      rmSync(spec.statusFile, { force: true });
      rmSync(spec.childPidFile, { force: true });
    },
  };
}

/**
 * Writes the child pid file and the status file of every snapshot. A failure goes to the log instead of
 * ending the supervisor: a stale status is better than a child nobody restarts.
 */
function statusWriter(
  spec: SupervisedSpec,
  supervisorPid: number,
  log: RotatingLog,
): (snapshot: SupervisorSnapshot) => void {
  return (snapshot) => {
    try {
      if (snapshot.childPid !== null) {
        writeFileSync(spec.childPidFile, `${snapshot.childPid}\n`, { mode: 0o600 });
      }
      const status: SupervisorStatus = { name: spec.name, supervisorPid, ...snapshot };
      writeAtomically(spec.statusFile, `${JSON.stringify(status, null, 2)}\n`);
    } catch (error) {
      log.write(`[supervisor] cannot write the status of ${spec.name}: ${(error as Error).message}\n`);
    }
  };
}

/**
 * The log as the supervisor writes to it. Output that the child's pipes deliver after the log was closed
 * is dropped, and a failing write (a full disk) is ignored: either would otherwise end the supervisor
 * and leave its child running unsupervised.
 */
function logSink(log: RotatingLog): RotatingLog {
  let open = true;
  return {
    write: (data) => {
      try {
        if (open) {
          log.write(data);
        }
      } catch {
        // See above: the child matters more than its log.
      }
    },
    close: () => {
      open = false;
      log.close();
    },
  };
}

async function main(argv: readonly string[]): Promise<void> {
  // Everything the supervisor and its child create (logs, keys, databases) is for their owner only.
  process.umask(0o077);
  const specFile = argv[2];
  if (specFile === undefined) {
    throw new Error('usage: node network/dist/supervise.js <spec-file>');
  }
  const spec = readSupervisedSpec(specFile);
  const run = await supervise(spec, {
    baseEnv: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    supervisorPid: process.pid,
  });
  const shutdown = (): void => {
    void run.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

if (require.main === module) {
  main(process.argv).catch((error: unknown) => {
    process.stderr.write(`supervise: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  });
}
