/** How a webhook whose deliveries fail is tried again. */
export interface RetrySchedule {
  /** Pause after the first failed round; each further failure doubles it. */
  readonly baseMs: number;
  /** The longest pause. */
  readonly maxMs: number;
  /** Rounds in a row that may fail; after the last one the webhook is paused, its deliveries kept pending. */
  readonly maxAttempts: number;
}

/** One minute doubling to an hour would be usual in production; the defaults favour a quick retry. */
export const defaultRetrySchedule: RetrySchedule = { baseMs: 1_000, maxMs: 600_000, maxAttempts: 12 };

/**
 * When to try again after `attempts` failed rounds in a row: `undefined` when no attempt is left, else the pause
 * in milliseconds, `baseMs · 2^(attempts-1)` capped at `maxMs`.
 */
export function retryDelayMs(schedule: RetrySchedule, attempts: number): number | undefined {
  if (attempts >= schedule.maxAttempts) {
    return undefined;
  }
  return Math.min(schedule.maxMs, schedule.baseMs * 2 ** Math.max(0, attempts - 1));
}
