import { setTimeout as sleep } from 'node:timers/promises';
import type { StatePaths } from '../description/paths';

/** The process a start-up step talks to, for error messages. */
export interface StepTarget {
  readonly name: string;
  readonly port: number;
}

/**
 * Runs an idempotent start-up step against a process that was just found ready, a few times when it
 * fails (a node may still be loading its channels), and then gives up.
 * @throws Error naming the step, the process, its port and its log file, with the last failure.
 */
export async function withRetries<T>(
  paths: StatePaths,
  target: StepTarget,
  step: string,
  action: () => Promise<T>,
  attempts = 5,
  delayMs = 1_000,
): Promise<T> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      return await action();
    } catch (error) {
      lastError = error;
      if (attempt < attempts) {
        await sleep(delayMs);
      }
    }
  }
  const detail = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(
    `${step} failed ${attempts} times against ${target.name} (port ${target.port}); ` +
      `see ${paths.logFile(target.name)}. Last error: ${detail}`,
  );
}
