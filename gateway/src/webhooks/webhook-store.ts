import type { ClientIdentity } from '../auth/client-identity';
import type { DeliveryRetention } from './delivery-retention';

/** A partner's registration: where to send the events its registering admin may see. */
export interface WebhookRegistration {
  readonly webhookId: string;
  readonly url: string;
  /** Only these event names, or every visible event when absent. */
  readonly events?: readonly string[];
  readonly createdBy: string;
  readonly createdAt: string;
}

/**
 * How a webhook's queue fares: `active`; `retrying` after a failed round, until `nextAttemptAt`; `paused` once
 * its retry schedule ran out, until an admin resumes it. A paused webhook keeps queueing; nothing is dropped.
 */
export const webhookStates = ['active', 'retrying', 'paused'] as const;
export type WebhookState = (typeof webhookStates)[number];

/** A delivery is pending until a receiver took it; it is never given up. */
export const deliveryStatuses = ['pending', 'delivered'] as const;

/** A registration as its admin sees it: with the state of its queue and how many deliveries it holds. */
export interface Webhook extends WebhookRegistration {
  readonly state: WebhookState;
  /** Rounds in a row that failed; 0 after a round that delivered everything it tried. */
  readonly failures: number;
  readonly lastError?: string;
  readonly nextAttemptAt?: string;
  readonly pausedAt?: string;
  readonly pending: number;
  readonly delivered: number;
}

/** A registration with what only the gateway keeps: its secret, its owner's identity and its checkpoint. */
export interface StoredWebhook extends WebhookRegistration {
  readonly secret: string;
  readonly owner: ClientIdentity;
  /** The first block whose events are not queued for it yet. */
  readonly nextBlock: bigint;
}

/** One event's delivery to one webhook, as its admin sees it. */
export interface Delivery {
  readonly webhookId: string;
  readonly eventId: string;
  readonly eventName: string;
  readonly status: (typeof deliveryStatuses)[number];
  readonly attempts: number;
  readonly lastStatusCode?: number;
  readonly lastError?: string;
  readonly createdAt: string;
  readonly deliveredAt?: string;
}

/** A webhook whose queue is due for a round: where to send, how to sign, and how many rounds failed so far. */
export interface DueWebhook {
  readonly webhookId: string;
  readonly url: string;
  readonly secret: string;
  readonly failures: number;
}

/** A pending delivery, with what sending it needs. */
export interface DueDelivery {
  readonly deliveryId: number;
  readonly eventId: string;
  readonly body: string;
  readonly attempts: number;
}

/** The outcome of one attempt. */
export type AttemptOutcome =
  | { readonly ok: true; readonly statusCode: number }
  | { readonly ok: false; readonly statusCode?: number; readonly error: string };

/**
 * What one round of a webhook's queue came to: everything it tried was delivered, or something failed and the
 * queue waits until `retryAt`, or, without one, is paused.
 */
export type RoundOutcome =
  { readonly ok: true } | { readonly ok: false; readonly error: string; readonly retryAt?: number };

/** A queued event, before it is stored. */
export interface NewDelivery {
  readonly webhookId: string;
  readonly eventId: string;
  readonly eventName: string;
  readonly body: string;
}

/** Deliveries in all, for the metrics. */
export interface DeliveryTotals {
  readonly pending: number;
  readonly delivered: number;
  readonly pausedWebhooks: number;
}

/** Registrations and their queues of deliveries, persisted so deliveries resume after a restart. */
export interface WebhookStore {
  register(
    owner: ClientIdentity,
    url: string,
    events: readonly string[] | undefined,
    fromBlock: bigint,
  ): {
    readonly webhook: Webhook;
    readonly secret: string;
  };
  list(): Webhook[];
  get(webhookId: string): Webhook | undefined;
  /** Deletes a webhook and its deliveries; false when there was none. */
  remove(webhookId: string): boolean;
  /** Every webhook with its secret, owner and checkpoint. */
  stored(): StoredWebhook[];
  /** Queues deliveries and moves each webhook's checkpoint past `blockNumber`, in one transaction. */
  queue(blockNumber: bigint, deliveries: readonly NewDelivery[]): void;
  /** The most recent deliveries of a webhook, newest first. */
  deliveries(webhookId: string, limit: number): Delivery[];
  /** Webhooks, not paused and not waiting to retry at `nowMs`, with pending deliveries; longest waiting first. */
  dueWebhooks(nowMs: number): DueWebhook[];
  /** A webhook's pending deliveries, oldest (first queued) first. */
  pendingDeliveries(webhookId: string, limit: number): DueDelivery[];
  recordAttempt(deliveryId: number, outcome: AttemptOutcome, nowMs: number): void;
  /** Records a round of a webhook's queue: it resets the failures, or counts one and makes it wait or pause. */
  recordRound(webhookId: string, outcome: RoundOutcome, nowMs: number): void;
  /** Ends a pause or a wait: the webhook's pending deliveries are due now. False for an unknown webhook. */
  resume(webhookId: string): boolean;
  /** Deletes delivered deliveries beyond the retention; pending ones stay. Answers how many it deleted. */
  prune(nowMs: number, retention: DeliveryRetention): number;
  totals(): DeliveryTotals;
  close(): void;
}
