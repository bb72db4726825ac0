import type { Database } from 'better-sqlite3';

/**
 * The read model's tables: the records the reports need, as the chaincode last wrote them, and the checkpoint
 * (the first block not yet applied). Every table is a projection of the ledger, so dropping them all and
 * replaying from block 0 rebuilds the same content.
 */
const projectionTables = {
  checkpoint: 'id INTEGER PRIMARY KEY CHECK (id = 1), next_block INTEGER NOT NULL',
  redemptions: `redemption_id TEXT PRIMARY KEY, type TEXT NOT NULL, pass_id TEXT NOT NULL, venue_id TEXT NOT NULL,
    offer_id TEXT NOT NULL, funder_msp_id TEXT NOT NULL, municipality_msp_id TEXT, venue_msp_id TEXT,
    month TEXT NOT NULL, at TEXT NOT NULL,
    units INTEGER NOT NULL, amount_cents INTEGER NOT NULL, reimbursement_cents INTEGER NOT NULL, claim_id TEXT,
    offline_at TEXT, overdrawn_units INTEGER, discount_cents INTEGER NOT NULL, reversed_by TEXT,
    record TEXT NOT NULL`,
  claims: `claim_id TEXT PRIMARY KEY, venue_id TEXT NOT NULL, funder_msp_id TEXT NOT NULL, status TEXT NOT NULL,
    submitted_at TEXT NOT NULL, record TEXT NOT NULL`,
  offers: `offer_id TEXT PRIMARY KEY, funder_msp_id TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,
    amount_per_period INTEGER NOT NULL, grant_by_rule INTEGER NOT NULL, eligible_categories TEXT NOT NULL,
    pass_issuers TEXT NOT NULL, valid_from TEXT NOT NULL, valid_until TEXT NOT NULL`,
  venues: 'venue_id TEXT PRIMARY KEY, msp_id TEXT NOT NULL',
  passes: `pass_id TEXT PRIMARY KEY, municipality_msp_id TEXT, status TEXT NOT NULL, category TEXT NOT NULL,
    valid_from TEXT NOT NULL, valid_until TEXT NOT NULL`,
  vouchers: `pass_id TEXT NOT NULL, offer_id TEXT NOT NULL, period_key TEXT NOT NULL, granted INTEGER NOT NULL,
    used INTEGER NOT NULL, PRIMARY KEY (pass_id, offer_id, period_key)`,
  settings: 'id INTEGER PRIMARY KEY CHECK (id = 1), pass_year_start TEXT NOT NULL',
  discount_norms: 'municipality_msp_id TEXT PRIMARY KEY, discount_percent INTEGER NOT NULL',
  devices: `pass_id TEXT NOT NULL, device_id TEXT NOT NULL, public_key TEXT NOT NULL, linked INTEGER NOT NULL,
    PRIMARY KEY (pass_id, device_id)`,
  card_blocks: 'pass_id TEXT PRIMARY KEY, blocked_at TEXT NOT NULL',
} as const;

/**
 * The layout's version, kept in SQLite's `user_version`: a file of another version is rebuilt from block 0, so a
 * new column is filled from the ledger rather than left empty.
 */
export const PROJECTION_VERSION = 6;

/** Creates the read model's tables where missing. */
export function createProjectionTables(db: Database): void {
  for (const [name, columns] of Object.entries(projectionTables)) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${name} (${columns})`);
  }
  db.exec('CREATE INDEX IF NOT EXISTS redemptions_by_month ON redemptions (month, venue_id, offer_id)');
  db.exec(
    'CREATE INDEX IF NOT EXISTS redemptions_by_pass ON redemptions (pass_id, at DESC, redemption_id DESC)',
  );
  // The listings, newest first: a page costs its rows, however long the history before it.
  db.exec(
    'CREATE INDEX IF NOT EXISTS redemptions_by_venue ON redemptions (venue_id, at DESC, redemption_id DESC)',
  );
  db.exec(
    'CREATE INDEX IF NOT EXISTS redemptions_by_offer ON redemptions (offer_id, at DESC, redemption_id DESC)',
  );
  db.exec('CREATE INDEX IF NOT EXISTS claims_newest ON claims (submitted_at DESC, claim_id DESC)');
  db.exec('CREATE INDEX IF NOT EXISTS claims_by_status ON claims (status, submitted_at DESC, claim_id DESC)');
  db.exec(
    'CREATE INDEX IF NOT EXISTS claims_by_venue ON claims (venue_id, submitted_at DESC, claim_id DESC)',
  );
  db.exec('CREATE INDEX IF NOT EXISTS passes_by_municipality ON passes (municipality_msp_id, category)');
  // The uses the council's reach counts: a covering index, so counting passes per month reads no rows.
  db.exec(
    `CREATE INDEX IF NOT EXISTS redemptions_uses ON redemptions (municipality_msp_id, month, pass_id)
     WHERE type = 'redemption' AND reversed_by IS NULL`,
  );
  db.exec('CREATE INDEX IF NOT EXISTS redemptions_overdrawn ON redemptions (at) WHERE overdrawn_units > 0');
}

/** Drops every projection table and creates them empty: the next block to apply is block 0 again. */
export function resetProjectionTables(db: Database): void {
  db.transaction(() => {
    for (const name of Object.keys(projectionTables)) {
      db.exec(`DROP TABLE IF EXISTS ${name}`);
    }
    createProjectionTables(db);
    db.pragma(`user_version = ${String(PROJECTION_VERSION)}`);
  })();
}
