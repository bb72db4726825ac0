import type { Logger } from 'pino';
import { attemptDelivery, type PostFunction } from './attempt-delivery';
import { defaultDeliveryRetention, type DeliveryRetention } from './delivery-retention';
import { retryDelayMs, type RetrySchedule } from './retry-schedule';
import type { DueWebhook, RoundOutcome, WebhookStore } from './webhook-store';

/** Options of {@link startWebhookDispatcher}. */
export interface DispatcherOptions {
  readonly store: WebhookStore;
  readonly schedule: RetrySchedule;
  readonly logger: Logger;
  /** How a delivery is sent: the gateway's `guardedPost`, which reaches only allowed addresses. */
  readonly post: PostFunction;
  /** How often due queues are looked for; a round that ends has them looked for at once. */
  readonly pollMs?: number;
  /** How long a receiver may take to answer. */
  readonly timeoutMs?: number;
  /** Deliveries of one webhook a round attempts, one after another in the order they were queued. */
  readonly perRound?: number;
  /** Webhooks whose rounds run at once. */
  readonly concurrency?: number;
  /** Which delivered deliveries are deleted, and how often that is looked at. */
  readonly retention?: DeliveryRetention;
  readonly pruneEveryMs?: number;
  readonly now?: () => number;
}

/** A running dispatcher. */
export interface WebhookDispatcher {
  /** Starts a round for each due webhook that is in none, and resolves once the rounds running have ended. */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * What a round means for its webhook, which had failed `failures` rounds in a row before: all delivered, or
 * one failure more and a pause by the schedule, or, when the schedule has no attempt left, the webhook paused.
 */
export function roundOutcome(
  schedule: RetrySchedule,
  failures: number,
  error: string | undefined,
  nowMs: number,
): RoundOutcome {
  if (error === undefined) {
    return { ok: true };
  }
  const pause = retryDelayMs(schedule, failures + 1);
  return pause === undefined ? { ok: false, error } : { ok: false, error, retryAt: nowMs + pause };
}

class Dispatcher implements WebhookDispatcher {
  readonly #options: DispatcherOptions;
  readonly #now: () => number;
  /** The round each webhook is in: at most one, so no delivery is attempted twice at once. */
  readonly #rounds = new Map<string, Promise<void>>();
  readonly #stopping = new AbortController();
  #nudged = false;
  #endPause: (() => void) | undefined;
  #prunedAt = Number.NEGATIVE_INFINITY;
  readonly #running: Promise<void>;

  constructor(options: DispatcherOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#running = this.#loop();
  }

  async runOnce(): Promise<void> {
    this.#startDueRounds();
    await Promise.all(this.#rounds.values());
  }

  async stop(): Promise<void> {
    this.#stopping.abort();
    this.#nudge();
    await this.#running;
    await Promise.all(this.#rounds.values());
  }

  async #loop(): Promise<void> {
    const { logger, pollMs = 250 } = this.#options;
    while (!this.#stopping.signal.aborted) {
      try {
        this.#startDueRounds();
        this.#pruneWhenDue();
      } catch (err) {
        logger.error({ err }, 'webhook dispatcher failed to look for due deliveries');
      }
      await this.#pause(pollMs);
    }
  }

  /** Waits `ms`, or less when nudged: a round that ended may leave its webhook due again at once. */
  #pause(ms: number): Promise<void> {
    if (this.#nudged) {
      this.#nudged = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const end = (): void => {
        clearTimeout(timer);
        this.#endPause = undefined;
        resolve();
      };
      const timer = setTimeout(end, ms);
      this.#endPause = end;
    });
  }

  #nudge(): void {
    if (this.#endPause === undefined) {
      this.#nudged = true;
    } else {
      this.#endPause();
    }
  }

  /** Each webhook's queue runs apart from the others', so a slow or dead receiver holds up only its own. */
  #startDueRounds(): void {
    const { store, concurrency = 8 } = this.#options;
    for (const webhook of store.dueWebhooks(this.#now())) {
      if (this.#rounds.size >= concurrency || this.#stopping.signal.aborted) {
        return;
      }
      if (!this.#rounds.has(webhook.webhookId)) {
        const round = this.#round(webhook).then(
          () => {
            this.#rounds.delete(webhook.webhookId);
            this.#nudge();
          },
          (err: unknown) => {
            this.#rounds.delete(webhook.webhookId);
            this.#options.logger.error({ err, webhookId: webhook.webhookId }, 'webhook round failed');
          },
        );
        this.#rounds.set(webhook.webhookId, round);
      }
    }
  }

  /** Attempts the oldest pending deliveries of one webhook, then records what the round means for it. */
  async #round(webhook: DueWebhook): Promise<void> {
    const { store, schedule, logger } = this.#options;
    const { attempted, error } = await this.#attemptPending(webhook);
    if (attempted === 0) {
      return;
    }
    const outcome = roundOutcome(schedule, webhook.failures, error, this.#now());
    store.recordRound(webhook.webhookId, outcome, this.#now());
    if (!outcome.ok && outcome.retryAt === undefined) {
      logger.error(
        { webhookId: webhook.webhookId, failures: webhook.failures + 1, error },
        'webhook paused: its deliveries stay pending until an admin resumes it',
      );
    }
  }

  async #attemptPending(webhook: DueWebhook): Promise<{ attempted: number; error?: string }> {
    const { store, post, logger, perRound = 8, timeoutMs = 10_000 } = this.#options;
    let attempted = 0;
    let error: string | undefined;
    for (const delivery of store.pendingDeliveries(webhook.webhookId, perRound)) {
      if (this.#stopping.signal.aborted) {
        break;
      }
      const outcome = await attemptDelivery(webhook, delivery, post, this.#now(), timeoutMs);
      store.recordAttempt(delivery.deliveryId, outcome, this.#now());
      attempted++;
      if (!outcome.ok) {
        error = outcome.error;
        logger.warn(
          { webhookId: webhook.webhookId, eventId: delivery.eventId, error },
          'webhook delivery failed',
        );
        // A receiver that did not answer this one would keep the next one waiting as long.
        if (outcome.statusCode === undefined) {
          break;
        }
      }
    }
    return { attempted, ...(error === undefined ? {} : { error }) };
  }

  #pruneWhenDue(): void {
    const { store, retention = defaultDeliveryRetention, pruneEveryMs = 60_000, logger } = this.#options;
    const now = this.#now();
    if (now - this.#prunedAt >= pruneEveryMs) {
      this.#prunedAt = now;
      const pruned = store.prune(now, retention);
      if (pruned > 0) {
        logger.debug({ pruned }, 'deleted delivered webhook deliveries beyond their retention');
      }
    }
  }
}

/**
 * Delivers queued events, each webhook from its own queue: a round takes a webhook's oldest pending deliveries
 * and attempts them in order. A round that fails makes that webhook wait by the retry schedule; when the
 * schedule runs out the webhook is paused and its deliveries stay pending until an admin resumes it. Nothing
 * is dropped, and everything resumes after a restart where it stopped. At least once: a receiver drops
 * duplicates by the event id. Delivered deliveries beyond the retention are deleted now and then.
 */
export function startWebhookDispatcher(options: DispatcherOptions): WebhookDispatcher {
  return new Dispatcher(options);
}
