import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { retryDelayMs, type RetrySchedule } from './retry-schedule';
import { deliveryHeaders } from './webhook-signature';
import type { AttemptOutcome, DueDelivery, WebhookStore } from './webhook-store';

/** Sends one HTTP POST; the seam tests replace. Resolves with the status code, rejects on network errors. */
export type PostFunction = (
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
) => Promise<number>;

/** Options of {@link startWebhookDispatcher}. */
export interface DispatcherOptions {
  readonly store: WebhookStore;
  readonly schedule: RetrySchedule;
  readonly logger: Logger;
  /** How a delivery is sent: the gateway's `guardedPost`, which reaches only allowed addresses. */
  readonly post: PostFunction;
  /** How often due deliveries are looked for. */
  readonly pollMs?: number;
  /** How long a receiver may take to answer. */
  readonly timeoutMs?: number;
  /** Deliveries attempted at once. */
  readonly batchSize?: number;
  readonly now?: () => number;
}

/** A running dispatcher. */
export interface WebhookDispatcher {
  /** Runs one round (or joins the one running): attempts every due delivery once. */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

function messageOf(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return `${err.message}${cause}`;
  }
  return String(err);
}

/**
 * Attempts one delivery, signed at the moment it is sent. Any 2xx answer delivers it; anything else is tried
 * again after the schedule's pause, until its attempts are used up.
 */
export async function attemptDelivery(
  delivery: DueDelivery,
  post: PostFunction,
  schedule: RetrySchedule,
  nowMs: number,
  timeoutMs: number,
): Promise<AttemptOutcome> {
  const failed = (error: string, statusCode?: number): AttemptOutcome => {
    const pause = retryDelayMs(schedule, delivery.attempts + 1);
    return {
      ok: false,
      error,
      ...(statusCode === undefined ? {} : { statusCode }),
      ...(pause === undefined ? {} : { retryAt: nowMs + pause }),
    };
  };
  try {
    const headers = deliveryHeaders(delivery.secret, delivery.eventId, delivery.body, nowMs);
    const statusCode = await post(delivery.url, headers, delivery.body, timeoutMs);
    return statusCode >= 200 && statusCode < 300
      ? { ok: true, statusCode }
      : failed(`receiver answered ${String(statusCode)}`, statusCode);
  } catch (err) {
    return failed(messageOf(err));
  }
}

/**
 * Delivers queued events: every `pollMs` it attempts the deliveries that are due and records each outcome, so
 * pending deliveries carry on after a restart where they stopped. At least once: a receiver drops duplicates by
 * the event id.
 */
export function startWebhookDispatcher(options: DispatcherOptions): WebhookDispatcher {
  const { post } = options;
  const now = options.now ?? Date.now;
  const stopping = new AbortController();
  const attemptDue = async (): Promise<void> => {
    const due = options.store.due(now(), options.batchSize ?? 16);
    await Promise.all(
      due.map(async (delivery) => {
        const outcome = await attemptDelivery(
          delivery,
          post,
          options.schedule,
          now(),
          options.timeoutMs ?? 10_000,
        );
        if (!outcome.ok) {
          options.logger.warn({ eventId: delivery.eventId, error: outcome.error }, 'webhook delivery failed');
        }
        options.store.recordAttempt(delivery.deliveryId, outcome, now());
      }),
    );
  };
  // One round at a time, so no delivery is attempted twice at once.
  let round: Promise<void> | undefined;
  const runOnce = (): Promise<void> => {
    round ??= attemptDue().finally(() => {
      round = undefined;
    });
    return round;
  };
  const loop = async (): Promise<void> => {
    while (!stopping.signal.aborted) {
      try {
        await runOnce();
      } catch (err) {
        options.logger.error({ err }, 'webhook dispatcher round failed');
      }
      await sleep(options.pollMs ?? 250, undefined, { signal: stopping.signal }).catch(() => undefined);
    }
  };
  const running = loop();
  return {
    runOnce,
    stop: async () => {
      stopping.abort();
      await running;
    },
  };
}
