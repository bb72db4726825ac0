import { setTimeout as sleep } from 'node:timers/promises';
import { isPeerUnreachable, isRetryableConflict } from './translate-error';

/** Waits before attempt `n` (1-based) of a transaction that lost a race: capped exponential, with jitter. */
export function conflictPause(attempt: number): Promise<void> {
  return sleep(Math.min(1_000, 25 * 2 ** attempt) + Math.floor(Math.random() * 100));
}

/**
 * Runs `transaction` again, each time as a new transaction, while it loses races with concurrent ones
 * (read conflicts, diverging endorsements), at most `maxRetries` more times. Other errors end it at once.
 * @throws the last error.
 */
export async function retryConflicts<T>(
  transaction: () => Promise<T>,
  maxRetries: number,
  pause: (attempt: number) => Promise<void> = conflictPause,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await transaction();
    } catch (err) {
      if (!isRetryableConflict(err) || attempt >= maxRetries) {
        throw err;
      }
      await pause(attempt + 1);
    }
  }
}

/**
 * Calls `call` with peer indexes starting at `preferred` (skipping those `mayCall` excludes), moving to the next
 * peer only while a peer is unreachable before anything reached the orderer, so a call is never sent twice for
 * ordering.
 * @returns the result and the index of the peer that answered.
 * @throws the first error that is not about reachability, or the last one when no peer answered.
 */
export async function onFirstReachablePeer<T>(
  peerCount: number,
  preferred: number,
  call: (peerIndex: number) => Promise<T>,
  mayCall: (peerIndex: number) => boolean = () => true,
): Promise<{ readonly result: T; readonly peerIndex: number }> {
  let lastError: unknown = new Error('no peers configured');
  for (let tried = 0; tried < peerCount; tried++) {
    const peerIndex = (preferred + tried) % peerCount;
    if (!mayCall(peerIndex)) {
      continue;
    }
    try {
      return { result: await call(peerIndex), peerIndex };
    } catch (err) {
      if (!isPeerUnreachable(err)) {
        throw err;
      }
      lastError = err;
    }
  }
  throw lastError;
}

/**
 * Runs `call` again while it fails with an error `retryable` accepts, until `waitMs` after the first try: for
 * what passes in seconds, such as a peer restarting after its certificates were renewed.
 * @throws the last error once the wait is over, or the first error of another kind.
 */
export async function retryWhile<T>(
  call: () => Promise<T>,
  retryable: (err: unknown) => boolean,
  waitMs: number,
  pauseMs = 250,
): Promise<T> {
  const until = Date.now() + waitMs;
  for (;;) {
    try {
      return await call();
    } catch (err) {
      if (!retryable(err) || Date.now() + pauseMs > until) {
        throw err;
      }
      await sleep(pauseMs);
    }
  }
}
