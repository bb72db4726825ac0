import { randomBytes } from 'node:crypto';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { ClientIdentity } from '../auth/client-identity';
import type { DeliveryRetention } from './delivery-retention';
import {
  deliveryOf,
  emptyQueue,
  prepareSchema,
  storedWebhookOf,
  webhookOf,
  webhookStateSql,
  type DeliveryRow,
  type WebhookRow,
  type WebhookStateRow,
} from './webhook-rows';
import type {
  AttemptOutcome,
  Delivery,
  DeliveryTotals,
  DueDelivery,
  DueWebhook,
  NewDelivery,
  RoundOutcome,
  StoredWebhook,
  Webhook,
  WebhookStore,
} from './webhook-store';

/** Errors are kept short: a receiver's answer is not ours to store at length. */
const maxErrorLength = 500;

class SqliteWebhookStore implements WebhookStore {
  readonly #db: Database;

  constructor(path: string) {
    this.#db = new BetterSqlite3(path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('foreign_keys = ON');
    prepareSchema(this.#db, Date.now());
  }

  register(
    owner: ClientIdentity,
    url: string,
    events: readonly string[] | undefined,
    fromBlock: bigint,
  ): { webhook: Webhook; secret: string } {
    const row: WebhookRow = {
      webhook_id: `wh-${randomBytes(8).toString('hex')}`,
      url,
      events: events === undefined ? null : JSON.stringify(events),
      secret: `whsec_${randomBytes(32).toString('base64url')}`,
      owner: JSON.stringify(owner),
      created_at: new Date().toISOString(),
      next_block: Number(fromBlock),
    };
    this.#db
      .prepare(
        `INSERT INTO webhooks (webhook_id, url, events, secret, owner, created_at, next_block)
         VALUES (@webhook_id, @url, @events, @secret, @owner, @created_at, @next_block)`,
      )
      .run(row);
    return { webhook: webhookOf({ ...row, ...emptyQueue }), secret: row.secret };
  }

  list(): Webhook[] {
    const rows = this.#db
      .prepare(`${webhookStateSql} ORDER BY w.created_at, w.webhook_id`)
      .all() as WebhookStateRow[];
    return rows.map(webhookOf);
  }

  get(webhookId: string): Webhook | undefined {
    const row = this.#db.prepare(`${webhookStateSql} WHERE w.webhook_id = ?`).get(webhookId) as
      WebhookStateRow | undefined;
    return row === undefined ? undefined : webhookOf(row);
  }

  remove(webhookId: string): boolean {
    return this.#db.prepare('DELETE FROM webhooks WHERE webhook_id = ?').run(webhookId).changes > 0;
  }

  stored(): StoredWebhook[] {
    const rows = this.#db
      .prepare('SELECT * FROM webhooks ORDER BY created_at, webhook_id')
      .all() as WebhookRow[];
    return rows.map(storedWebhookOf);
  }

  queue(blockNumber: bigint, deliveries: readonly NewDelivery[]): void {
    const createdAt = new Date().toISOString();
    const insert = this.#db.prepare(
      `INSERT OR IGNORE INTO deliveries (webhook_id, event_id, event_name, body, status, attempts, created_at)
       VALUES (?, ?, ?, ?, 'pending', 0, ?)`,
    );
    this.#db.transaction(() => {
      for (const d of deliveries) {
        insert.run(d.webhookId, d.eventId, d.eventName, d.body, createdAt);
      }
      this.#db
        .prepare('UPDATE webhooks SET next_block = ? WHERE next_block <= ?')
        .run(Number(blockNumber + 1n), Number(blockNumber));
    })();
  }

  deliveries(webhookId: string, limit: number): Delivery[] {
    const rows = this.#db
      .prepare('SELECT * FROM deliveries WHERE webhook_id = ? ORDER BY delivery_id DESC LIMIT ?')
      .all(webhookId, limit) as DeliveryRow[];
    return rows.map(deliveryOf);
  }

  dueWebhooks(nowMs: number): DueWebhook[] {
    // The oldest pending delivery of each webhook is one step down the queue index, however long the queue.
    return this.#db
      .prepare(
        `SELECT webhookId, url, secret, failures FROM (
           SELECT w.webhook_id AS webhookId, w.url AS url, w.secret AS secret, w.failures AS failures,
             (SELECT MIN(d.delivery_id) FROM deliveries d
              WHERE d.webhook_id = w.webhook_id AND d.status = 'pending') AS oldest
           FROM webhooks w WHERE w.paused_at IS NULL AND (w.retry_at IS NULL OR w.retry_at <= ?))
         WHERE oldest IS NOT NULL ORDER BY oldest`,
      )
      .all(nowMs) as DueWebhook[];
  }

  pendingDeliveries(webhookId: string, limit: number): DueDelivery[] {
    return this.#db
      .prepare(
        `SELECT delivery_id AS deliveryId, event_id AS eventId, body, attempts FROM deliveries
         WHERE webhook_id = ? AND status = 'pending' ORDER BY delivery_id LIMIT ?`,
      )
      .all(webhookId, limit) as DueDelivery[];
  }

  recordAttempt(deliveryId: number, outcome: AttemptOutcome, nowMs: number): void {
    if (outcome.ok) {
      this.#db
        .prepare(
          `UPDATE deliveries SET status = 'delivered', attempts = attempts + 1, last_status_code = ?,
             delivered_at = ? WHERE delivery_id = ?`,
        )
        .run(outcome.statusCode, new Date(nowMs).toISOString(), deliveryId);
      return;
    }
    this.#db
      .prepare(
        `UPDATE deliveries SET attempts = attempts + 1, last_status_code = ?, last_error = ?
         WHERE delivery_id = ?`,
      )
      .run(outcome.statusCode ?? null, outcome.error.slice(0, maxErrorLength), deliveryId);
  }

  recordRound(webhookId: string, outcome: RoundOutcome, nowMs: number): void {
    if (outcome.ok) {
      this.#db
        .prepare('UPDATE webhooks SET failures = 0, retry_at = NULL, last_error = NULL WHERE webhook_id = ?')
        .run(webhookId);
      return;
    }
    this.#db
      .prepare(
        `UPDATE webhooks SET failures = failures + 1, last_error = ?, retry_at = ?, paused_at = ?
         WHERE webhook_id = ? AND paused_at IS NULL`,
      )
      .run(
        outcome.error.slice(0, maxErrorLength),
        outcome.retryAt ?? null,
        outcome.retryAt === undefined ? new Date(nowMs).toISOString() : null,
        webhookId,
      );
  }

  resume(webhookId: string): boolean {
    return (
      this.#db
        .prepare(
          `UPDATE webhooks SET failures = 0, retry_at = NULL, paused_at = NULL, last_error = NULL
           WHERE webhook_id = ?`,
        )
        .run(webhookId).changes > 0
    );
  }

  prune(nowMs: number, retention: DeliveryRetention): number {
    const cutoff = new Date(nowMs - retention.maxAgeMs).toISOString();
    return this.#db
      .prepare(
        `DELETE FROM deliveries WHERE delivery_id IN (
           SELECT delivery_id FROM (
             SELECT delivery_id, delivered_at,
               ROW_NUMBER() OVER (PARTITION BY webhook_id ORDER BY delivery_id DESC) AS newest
             FROM deliveries WHERE status = 'delivered')
           WHERE delivered_at < ? OR newest > ?)`,
      )
      .run(cutoff, retention.keepPerWebhook).changes;
  }

  totals(): DeliveryTotals {
    return this.#db
      .prepare(
        `SELECT
           (SELECT COUNT(*) FROM deliveries WHERE status = 'pending') AS pending,
           (SELECT COUNT(*) FROM deliveries WHERE status = 'delivered') AS delivered,
           (SELECT COUNT(*) FROM webhooks WHERE paused_at IS NOT NULL) AS pausedWebhooks`,
      )
      .get() as DeliveryTotals;
  }

  close(): void {
    this.#db.close();
  }
}

/**
 * Opens (or creates) the webhook store: a SQLite file of its own beside the read model, so rebuilding the read
 * model never loses a registration nor sends an event twice.
 * @throws Error from SQLite when the file cannot be opened.
 */
export function openWebhookStore(path: string): WebhookStore {
  return new SqliteWebhookStore(path);
}
