import { randomBytes } from 'node:crypto';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { ClientIdentity } from '../auth/client-identity';

/** A partner's registration: where to send the events its registering admin may see. */
export interface Webhook {
  readonly webhookId: string;
  readonly url: string;
  /** Only these event names, or every visible event when absent. */
  readonly events?: readonly string[];
  readonly createdBy: string;
  readonly createdAt: string;
}

/** A webhook with what only the gateway keeps: its secret, its owner's identity and its checkpoint. */
export interface StoredWebhook extends Webhook {
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
  readonly status: 'pending' | 'delivered' | 'failed';
  readonly attempts: number;
  readonly lastStatusCode?: number;
  readonly lastError?: string;
  readonly createdAt: string;
  readonly deliveredAt?: string;
  readonly nextAttemptAt?: string;
}

/** A delivery due for an attempt, with what sending it needs. */
export interface DueDelivery {
  readonly deliveryId: number;
  readonly eventId: string;
  readonly url: string;
  readonly secret: string;
  readonly body: string;
  readonly attempts: number;
}

/** The outcome of one attempt. */
export type AttemptOutcome =
  | { readonly ok: true; readonly statusCode: number }
  | { readonly ok: false; readonly statusCode?: number; readonly error: string; readonly retryAt?: number };

/** Registrations and deliveries, persisted so deliveries resume after a restart. */
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
  queue(
    blockNumber: bigint,
    deliveries: readonly { webhookId: string; eventId: string; eventName: string; body: string }[],
  ): void;
  /** The most recent deliveries of a webhook, newest first. */
  deliveries(webhookId: string, limit: number): Delivery[];
  /** Deliveries whose next attempt is due at `nowMs`, oldest first. */
  due(nowMs: number, limit: number): DueDelivery[];
  recordAttempt(deliveryId: number, outcome: AttemptOutcome, nowMs: number): void;
  close(): void;
}

const schema = [
  `CREATE TABLE IF NOT EXISTS webhooks (webhook_id TEXT PRIMARY KEY, url TEXT NOT NULL, events TEXT,
    secret TEXT NOT NULL, owner TEXT NOT NULL, created_at TEXT NOT NULL, next_block INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS deliveries (delivery_id INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_id TEXT NOT NULL REFERENCES webhooks (webhook_id) ON DELETE CASCADE, event_id TEXT NOT NULL,
    event_name TEXT NOT NULL, body TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL,
    next_attempt_at INTEGER, last_status_code INTEGER, last_error TEXT, created_at TEXT NOT NULL,
    delivered_at TEXT, UNIQUE (webhook_id, event_id))`,
  'CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (status, next_attempt_at)',
];

interface WebhookRow {
  webhook_id: string;
  url: string;
  events: string | null;
  secret: string;
  owner: string;
  created_at: string;
  next_block: number;
}

interface DeliveryRow {
  webhook_id: string;
  event_id: string;
  event_name: string;
  status: Delivery['status'];
  attempts: number;
  next_attempt_at: number | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

function webhookOf(row: WebhookRow): StoredWebhook {
  const owner = JSON.parse(row.owner) as ClientIdentity;
  return {
    webhookId: row.webhook_id,
    url: row.url,
    ...(row.events === null ? {} : { events: JSON.parse(row.events) as string[] }),
    createdBy: owner.name,
    createdAt: row.created_at,
    secret: row.secret,
    owner,
    nextBlock: BigInt(row.next_block),
  };
}

function publicOf(webhook: StoredWebhook): Webhook {
  const { webhookId, url, events, createdBy, createdAt } = webhook;
  return { webhookId, url, ...(events === undefined ? {} : { events }), createdBy, createdAt };
}

function deliveryOf(row: DeliveryRow): Delivery {
  return {
    webhookId: row.webhook_id,
    eventId: row.event_id,
    eventName: row.event_name,
    status: row.status,
    attempts: row.attempts,
    ...(row.last_status_code === null ? {} : { lastStatusCode: row.last_status_code }),
    ...(row.last_error === null ? {} : { lastError: row.last_error }),
    createdAt: row.created_at,
    ...(row.delivered_at === null ? {} : { deliveredAt: row.delivered_at }),
    ...(row.status !== 'pending' || row.next_attempt_at === null
      ? {}
      : { nextAttemptAt: new Date(row.next_attempt_at).toISOString() }),
  };
}

class SqliteWebhookStore implements WebhookStore {
  readonly #db: Database;

  constructor(path: string) {
    this.#db = new BetterSqlite3(path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('foreign_keys = ON');
    for (const statement of schema) {
      this.#db.exec(statement);
    }
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
    return { webhook: publicOf(webhookOf(row)), secret: row.secret };
  }

  list(): Webhook[] {
    return this.stored().map(publicOf);
  }

  get(webhookId: string): Webhook | undefined {
    const row = this.#db.prepare('SELECT * FROM webhooks WHERE webhook_id = ?').get(webhookId) as
      WebhookRow | undefined;
    return row === undefined ? undefined : publicOf(webhookOf(row));
  }

  remove(webhookId: string): boolean {
    return this.#db.prepare('DELETE FROM webhooks WHERE webhook_id = ?').run(webhookId).changes > 0;
  }

  stored(): StoredWebhook[] {
    const rows = this.#db
      .prepare('SELECT * FROM webhooks ORDER BY created_at, webhook_id')
      .all() as WebhookRow[];
    return rows.map(webhookOf);
  }

  queue(
    blockNumber: bigint,
    deliveries: readonly { webhookId: string; eventId: string; eventName: string; body: string }[],
  ): void {
    const now = Date.now();
    const insert = this.#db.prepare(
      `INSERT OR IGNORE INTO deliveries (webhook_id, event_id, event_name, body, status, attempts, next_attempt_at,
         created_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)`,
    );
    this.#db.transaction(() => {
      for (const d of deliveries) {
        insert.run(d.webhookId, d.eventId, d.eventName, d.body, now, new Date(now).toISOString());
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

  due(nowMs: number, limit: number): DueDelivery[] {
    return this.#db
      .prepare(
        `SELECT d.delivery_id AS deliveryId, d.event_id AS eventId, w.url AS url, w.secret AS secret,
           d.body AS body, d.attempts AS attempts
         FROM deliveries d JOIN webhooks w ON w.webhook_id = d.webhook_id
         WHERE d.status = 'pending' AND d.next_attempt_at <= ? ORDER BY d.delivery_id LIMIT ?`,
      )
      .all(nowMs, limit) as DueDelivery[];
  }

  recordAttempt(deliveryId: number, outcome: AttemptOutcome, nowMs: number): void {
    const statusCode = outcome.statusCode ?? null;
    if (outcome.ok) {
      this.#db
        .prepare(
          `UPDATE deliveries SET status = 'delivered', attempts = attempts + 1, last_status_code = ?,
             next_attempt_at = NULL, delivered_at = ? WHERE delivery_id = ?`,
        )
        .run(statusCode, new Date(nowMs).toISOString(), deliveryId);
      return;
    }
    this.#db
      .prepare(
        `UPDATE deliveries SET status = ?, attempts = attempts + 1, last_status_code = ?, last_error = ?,
           next_attempt_at = ? WHERE delivery_id = ?`,
      )
      .run(
        outcome.retryAt === undefined ? 'failed' : 'pending',
        statusCode,
        outcome.error.slice(0, 500),
        outcome.retryAt ?? null,
        deliveryId,
      );
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
