import type { Database } from 'better-sqlite3';
import type { ClientIdentity } from '../auth/client-identity';
import type { Delivery, StoredWebhook, Webhook, WebhookRegistration, WebhookState } from './webhook-store';

/** The columns a webhook's queue state adds to a registration. */
const queueColumns = [
  'failures INTEGER NOT NULL DEFAULT 0',
  'retry_at INTEGER',
  'paused_at TEXT',
  'last_error TEXT',
];

const webhooksTable = `CREATE TABLE IF NOT EXISTS webhooks (webhook_id TEXT PRIMARY KEY, url TEXT NOT NULL, events TEXT,
    secret TEXT NOT NULL, owner TEXT NOT NULL, created_at TEXT NOT NULL, next_block INTEGER NOT NULL,
    ${queueColumns.join(', ')})`;

const deliveriesTable = `CREATE TABLE IF NOT EXISTS deliveries (delivery_id INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_id TEXT NOT NULL REFERENCES webhooks (webhook_id) ON DELETE CASCADE, event_id TEXT NOT NULL,
    event_name TEXT NOT NULL, body TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL,
    last_status_code INTEGER, last_error TEXT, created_at TEXT NOT NULL,
    delivered_at TEXT, UNIQUE (webhook_id, event_id))`;

/** A webhook's queue: its pending deliveries in the order they were queued. */
const queueIndex =
  'CREATE INDEX IF NOT EXISTS deliveries_queue ON deliveries (webhook_id, status, delivery_id)';

/**
 * A file written before each webhook had a queue of its own: its webhooks get the queue's columns, and a
 * delivery it gave up (`failed`) is pending again, its webhook paused until an admin resumes it, so what was
 * dropped then is not lost now.
 */
function migrateToQueues(db: Database, nowMs: number): void {
  const columns = db.pragma('table_info(webhooks)') as { name: string }[];
  if (columns.some((column) => column.name === 'failures')) {
    return;
  }
  db.transaction(() => {
    for (const column of queueColumns) {
      db.exec(`ALTER TABLE webhooks ADD COLUMN ${column}`);
    }
    db.prepare(
      `UPDATE webhooks SET paused_at = ?, last_error = 'deliveries given up by an earlier version are pending again'
       WHERE webhook_id IN (SELECT webhook_id FROM deliveries WHERE status = 'failed')`,
    ).run(new Date(nowMs).toISOString());
    db.exec(`UPDATE deliveries SET status = 'pending' WHERE status = 'failed'`);
    db.exec('DROP INDEX IF EXISTS deliveries_due');
  })();
}

/** Creates the tables, or brings an older file up to date. */
export function prepareSchema(db: Database, nowMs: number): void {
  db.exec(webhooksTable);
  migrateToQueues(db, nowMs);
  db.exec(deliveriesTable);
  db.exec(queueIndex);
}

export interface WebhookRow {
  webhook_id: string;
  url: string;
  events: string | null;
  secret: string;
  owner: string;
  created_at: string;
  next_block: number;
}

/** A webhook row with its queue's state and counts, as `webhookStateSql` selects it. */
export interface WebhookStateRow extends WebhookRow {
  failures: number;
  retry_at: number | null;
  paused_at: string | null;
  last_error: string | null;
  pending: number;
  delivered: number;
}

/** The queue of a webhook just registered: nothing failed, nothing queued. */
export const emptyQueue: Omit<WebhookStateRow, keyof WebhookRow> = {
  failures: 0,
  retry_at: null,
  paused_at: null,
  last_error: null,
  pending: 0,
  delivered: 0,
};

/** Selects webhooks (`w`) with their queue's counts; a caller adds WHERE and ORDER BY. */
export const webhookStateSql = `SELECT w.*,
    (SELECT COUNT(*) FROM deliveries d WHERE d.webhook_id = w.webhook_id AND d.status = 'pending') AS pending,
    (SELECT COUNT(*) FROM deliveries d WHERE d.webhook_id = w.webhook_id AND d.status = 'delivered') AS delivered
  FROM webhooks w`;

export interface DeliveryRow {
  webhook_id: string;
  event_id: string;
  event_name: string;
  status: Delivery['status'];
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

function registrationOf(row: WebhookRow, owner: ClientIdentity): WebhookRegistration {
  return {
    webhookId: row.webhook_id,
    url: row.url,
    ...(row.events === null ? {} : { events: JSON.parse(row.events) as string[] }),
    createdBy: owner.name,
    createdAt: row.created_at,
  };
}

export function storedWebhookOf(row: WebhookRow): StoredWebhook {
  const owner = JSON.parse(row.owner) as ClientIdentity;
  return { ...registrationOf(row, owner), secret: row.secret, owner, nextBlock: BigInt(row.next_block) };
}

function stateOf(row: WebhookStateRow): WebhookState {
  if (row.paused_at !== null) {
    return 'paused';
  }
  return row.retry_at === null ? 'active' : 'retrying';
}

export function webhookOf(row: WebhookStateRow): Webhook {
  const state = stateOf(row);
  return {
    ...registrationOf(row, JSON.parse(row.owner) as ClientIdentity),
    state,
    failures: row.failures,
    ...(row.last_error === null ? {} : { lastError: row.last_error }),
    ...(state !== 'retrying' || row.retry_at === null
      ? {}
      : { nextAttemptAt: new Date(row.retry_at).toISOString() }),
    ...(row.paused_at === null ? {} : { pausedAt: row.paused_at }),
    pending: row.pending,
    delivered: row.delivered,
  };
}

export function deliveryOf(row: DeliveryRow): Delivery {
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
  };
}
