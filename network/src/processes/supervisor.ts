import { spawn } from 'node:child_process';

/** The program a supervisor runs. */
export interface ChildCommand {
  readonly command: string;
  readonly args: readonly string[];
  /** The child's whole environment: nothing is inherited from the supervisor. */
  readonly env: Readonly<Record<string, string>>;
  readonly cwd?: string;
}

/** What a spawned child reports back to its supervisor. */
export interface ChildEvents {
  /** A chunk of the child's stdout or stderr. */
  output(chunk: Uint8Array): void;
  /** Called once: the child exited, or could not be started at all (then with the error). */
  exit(code: number | null, signal: NodeJS.Signals | null, error?: Error): void;
}

/** A running child, as far as its supervisor needs to handle it. */
export interface SupervisedChild {
  /** Undefined when the program could not be started. */
  readonly pid: number | undefined;
  kill(signal: NodeJS.Signals): void;
}

/** Starts a child; the seam where tests put a fake. */
export type SpawnChild = (command: ChildCommand, events: ChildEvents) => SupervisedChild;

/** Time as the supervisor sees it; the seam where tests put a clock they move by hand. */
export interface Timers {
  now(): number;
  /** Calls back after the delay; returns a function that cancels the call. */
  setTimeout(callback: () => void, ms: number): () => void;
}

/** Exponential backoff between restarts. */
export interface BackoffOptions {
  /** The delay before the first restart, and again after a long-enough run. */
  readonly initialMs: number;
  /** The delay doubles after each restart up to this. */
  readonly maxMs: number;
  /** A child that stayed up this long is restarted after initialMs again. */
  readonly resetAfterMs: number;
}

/** How a child ended. */
export interface ChildExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** When, as an ISO 8601 timestamp. */
  readonly at: string;
}

/** What the supervisor is doing: its child runs, it waits to restart it, or it is stopping it. */
export type SupervisorState = 'running' | 'waiting' | 'stopping';

/** A supervisor's state at one moment. */
export interface SupervisorSnapshot {
  /** Null while no child runs (waiting to restart, or stopped). */
  readonly childPid: number | null;
  readonly state: SupervisorState;
  /** How many times the child was started again after it exited. */
  readonly restarts: number;
  readonly lastExit: ChildExit | null;
}

/** Everything a supervisor needs to run one child. */
export interface SupervisorOptions {
  /** The process name: in the log lines, and as STADSPAS_PROCESS in the child's environment. */
  readonly name: string;
  readonly child: ChildCommand;
  readonly backoff: Readonly<BackoffOptions>;
  /** How long a child has between SIGTERM and SIGKILL when stopped. */
  readonly stopGraceMs: number;
  /** Receives the child's stdout and stderr, and the supervisor's own lines. */
  readonly output: (data: string | Uint8Array) => void;
  /** Called after every change of the snapshot. */
  readonly onChange?: (snapshot: SupervisorSnapshot) => void;
  readonly spawn?: SpawnChild;
  readonly timers?: Timers;
}

/** Keeps one child process running until it is told to stop. */
export interface Supervisor {
  /**
   * Starts the child.
   * @throws Error when the supervisor was started or stopped before, or when node refuses the spawn
   * arguments.
   */
  start(): void;
  /**
   * Stops the child (SIGTERM, then SIGKILL after the grace period) and restarts nothing any more.
   * Resolves once the child has exited; calling it again returns the same promise.
   */
  stop(): Promise<void>;
  readonly snapshot: SupervisorSnapshot;
}

/** Timers on the wall clock. */
export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    return () => {
      clearTimeout(timer);
    };
  },
};

/**
 * Spawns a real child process with its stdout and stderr piped back.
 * @throws Error from node when the spawn arguments are invalid (for instance a NUL byte in an argument).
 */
export const spawnChild: SpawnChild = (command, events) => {
  const child = spawn(command.command, [...command.args], {
    cwd: command.cwd,
    env: { ...command.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let reported = false;
  const exit = (code: number | null, signal: NodeJS.Signals | null, error?: Error): void => {
    if (!reported) {
      reported = true;
      events.exit(code, signal, error);
    }
  };
  child.stdout.on('data', (chunk: Buffer) => {
    events.output(chunk);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    events.output(chunk);
  });
  // 'exit' rather than 'close': a grandchild that keeps the pipes open must not delay the restart.
  child.on('exit', exit);
  child.on('error', (error) => {
    if (child.pid === undefined) {
      exit(null, null, error);
    }
  });
  return { pid: child.pid, kill: (signal) => child.kill(signal) };
};

/** A supervisor for one child; nothing runs until {@link Supervisor.start}. */
export function newSupervisor(options: Readonly<SupervisorOptions>): Supervisor {
  return new ChildSupervisor(options);
}

class ChildSupervisor implements Supervisor {
  readonly #options: Readonly<SupervisorOptions>;
  readonly #spawn: SpawnChild;
  readonly #timers: Timers;
  #started = false;
  #child: SupervisedChild | undefined;
  #startedAt = 0;
  #nextDelayMs: number;
  #cancelTimer: (() => void) | undefined;
  #stopped: Promise<void> | undefined;
  #resolveStopped: (() => void) | undefined;
  #snapshot: SupervisorSnapshot = { childPid: null, state: 'waiting', restarts: 0, lastExit: null };

  constructor(options: Readonly<SupervisorOptions>) {
    this.#options = options;
    this.#spawn = options.spawn ?? spawnChild;
    this.#timers = options.timers ?? realTimers;
    this.#nextDelayMs = options.backoff.initialMs;
  }

  get snapshot(): SupervisorSnapshot {
    return this.#snapshot;
  }

  start(): void {
    if (this.#started || this.#stopped !== undefined) {
      throw new Error(`the supervisor of ${this.#options.name} was started or stopped before`);
    }
    this.#started = true;
    this.#run(0);
  }

  stop(): Promise<void> {
    this.#stopped ??= new Promise<void>((resolve) => {
      this.#resolveStopped = resolve;
      this.#cancelTimer?.();
      this.#cancelTimer = undefined;
      this.#terminate();
    });
    return this.#stopped;
  }

  #terminate(): void {
    const child = this.#child;
    if (child === undefined) {
      this.#say(`${this.#options.name} stopped while no child was running`);
      this.#resolveStopped?.();
      return;
    }
    const { name, stopGraceMs } = this.#options;
    this.#update({ state: 'stopping' });
    this.#say(`stopping ${name}: SIGTERM, SIGKILL after ${seconds(stopGraceMs)}`);
    child.kill('SIGTERM');
    this.#cancelTimer = this.#timers.setTimeout(() => {
      this.#say(`${name} did not stop within ${seconds(stopGraceMs)}: SIGKILL`);
      child.kill('SIGKILL');
    }, stopGraceMs);
  }

  #run(restarts: number): void {
    const { name, child } = this.#options;
    const env = { ...child.env, STADSPAS_PROCESS: name };
    this.#startedAt = this.#timers.now();
    const spawned = this.#spawn(
      { ...child, env },
      {
        output: (chunk) => {
          this.#options.output(chunk);
        },
        exit: (code, signal, error) => {
          this.#exited(code, signal, error);
        },
      },
    );
    this.#child = spawned;
    if (spawned.pid !== undefined) {
      this.#say(`${name} started as pid ${spawned.pid}`);
    }
    this.#update({ childPid: spawned.pid ?? null, state: 'running', restarts });
  }

  #exited(code: number | null, signal: NodeJS.Signals | null, error?: Error): void {
    const { name } = this.#options;
    const lastExit = { code, signal, at: new Date(this.#timers.now()).toISOString() };
    const how = error === undefined ? '' : ` (could not start: ${error.message})`;
    const ended = `${name} exited with code ${code ?? 'none'} (signal ${signal ?? 'none'})${how}`;
    this.#child = undefined;
    if (this.#stopped !== undefined) {
      this.#cancelTimer?.();
      this.#say(`${ended}; stopped`);
      this.#update({ childPid: null, lastExit });
      this.#resolveStopped?.();
      return;
    }
    const delayMs = this.#backoffAfterRun();
    this.#say(`${ended}; restart ${this.#snapshot.restarts + 1} in ${seconds(delayMs)}`);
    this.#update({ childPid: null, state: 'waiting', lastExit });
    this.#cancelTimer = this.#timers.setTimeout(() => {
      this.#cancelTimer = undefined;
      this.#run(this.#snapshot.restarts + 1);
    }, delayMs);
  }

  /** The delay before the next restart; a child that stayed up long enough starts the doubling over. */
  #backoffAfterRun(): number {
    const { initialMs, maxMs, resetAfterMs } = this.#options.backoff;
    if (this.#timers.now() - this.#startedAt >= resetAfterMs) {
      this.#nextDelayMs = initialMs;
    }
    const delayMs = Math.min(this.#nextDelayMs, maxMs);
    this.#nextDelayMs = Math.min(delayMs * 2, maxMs);
    return delayMs;
  }

  #update(change: Partial<SupervisorSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...change };
    this.#options.onChange?.(this.#snapshot);
  }

  #say(line: string): void {
    this.#options.output(`[supervisor] ${line}\n`);
  }
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
