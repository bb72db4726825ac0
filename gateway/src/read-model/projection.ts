import type { Database, Statement } from 'better-sqlite3';
import {
  amountPerPeriod,
  isRecordKey,
  KeyType,
  parseCompositeKey,
  type CardBlockRecord,
  type ClaimRecord,
  type ConfigRecord,
  type DiscountNormRecord,
  type DeviceRecord,
  type OfferRecord,
  type PassRecord,
  type RedemptionRecord,
  type VenueRecord,
  type VoucherRecord,
} from '@stadspas/chaincode/vocabulary';
import type { KeyWrite } from './block-transactions';

/** The calendar month (UTC) of a recorded time, `YYYY-MM`. */
export function monthOf(at: string): string {
  return at.slice(0, 7);
}

const statements = new WeakMap<Database, Map<string, Statement>>();

/**
 * The statement for a piece of SQL on a database, compiled on its first use there and kept: every block applies
 * the same few statements, and compiling one costs more than running it.
 */
export function prepared(db: Database, sql: string): Statement {
  const known = statements.get(db) ?? new Map<string, Statement>();
  statements.set(db, known);
  const statement = known.get(sql) ?? db.prepare(sql);
  known.set(sql, statement);
  return statement;
}

/** The JSON text a write stores. */
function textOf(write: KeyWrite): string {
  return Buffer.from(write.value).toString('utf8');
}

/** The JSON record a write stores; its type is the key type's record. */
function recordOf(write: KeyWrite): unknown {
  return JSON.parse(textOf(write));
}

/** Per record type: how a write of it changes the read model (`undefined`: a delete). */
type Projector = (db: Database, id: string, write: KeyWrite) => void;

function upsertOrDelete(
  table: string,
  idColumn: string,
  row: (write: KeyWrite) => Record<string, unknown>,
): Projector {
  return (db, id, write) => {
    if (write.isDelete) {
      prepared(db, `DELETE FROM ${table} WHERE ${idColumn} = ?`).run(id);
      return;
    }
    const values = row(write);
    const columns = Object.keys(values);
    prepared(
      db,
      `INSERT OR REPLACE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
    ).run(values);
  };
}

const projectors: Readonly<Record<string, Projector>> = {
  [KeyType.redemption]: upsertOrDelete('redemptions', 'redemption_id', (write) => {
    const r = recordOf(write) as RedemptionRecord;
    return {
      redemption_id: r.redemptionId,
      type: r.type,
      pass_id: r.passId,
      venue_id: r.venueId,
      offer_id: r.offerId,
      funder_msp_id: r.funderMspId,
      municipality_msp_id: r.municipalityMspId ?? null,
      venue_msp_id: r.venueMspId ?? null,
      month: monthOf(r.at),
      at: r.at,
      units: r.units,
      amount_cents: r.amountCents ?? 0,
      reimbursement_cents: r.reimbursementCents,
      claim_id: r.claimId ?? null,
      offline_at: r.offlineAt ?? null,
      overdrawn_units: r.overdrawnUnits ?? null,
      discount_cents: r.discountCents ?? 0,
      reversed_by: r.reversedBy ?? null,
      record: textOf(write),
    };
  }),
  [KeyType.claim]: upsertOrDelete('claims', 'claim_id', (write) => {
    const c = recordOf(write) as ClaimRecord;
    return {
      claim_id: c.claimId,
      venue_id: c.venueId,
      funder_msp_id: c.funderMspId,
      status: c.status,
      submitted_at: c.submittedAt,
      record: textOf(write),
    };
  }),
  [KeyType.offer]: upsertOrDelete('offers', 'offer_id', (write) => {
    const o = recordOf(write) as OfferRecord;
    return {
      offer_id: o.offerId,
      funder_msp_id: o.funderMspId,
      name: o.name,
      kind: o.kind,
      amount_per_period: amountPerPeriod(o),
      grant_by_rule: o.grantByRule ? 1 : 0,
      eligible_categories: JSON.stringify(o.eligibleCategories),
      pass_issuers: JSON.stringify(o.passIssuers),
      valid_from: o.validFrom,
      valid_until: o.validUntil,
    };
  }),
  [KeyType.venue]: upsertOrDelete('venues', 'venue_id', (write) => {
    const v = recordOf(write) as VenueRecord;
    return { venue_id: v.venueId, msp_id: v.mspId };
  }),
  [KeyType.pass]: upsertOrDelete('passes', 'pass_id', (write) => {
    const p = recordOf(write) as PassRecord;
    return {
      pass_id: p.passId,
      // Passes issued before the field was kept have none.
      municipality_msp_id: p.municipalityMspId || null,
      status: p.status,
      category: p.category,
      valid_from: p.validFrom,
      valid_until: p.validUntil,
    };
  }),
  [KeyType.voucher]: (db, _id, write) => {
    if (write.isDelete) {
      const [passId, offerId, periodKey] = parseCompositeKey(write.key)?.attributes ?? [];
      prepared(db, 'DELETE FROM vouchers WHERE pass_id = ? AND offer_id = ? AND period_key = ?').run(
        passId,
        offerId,
        periodKey,
      );
      return;
    }
    const v = recordOf(write) as VoucherRecord;
    prepared(
      db,
      `INSERT OR REPLACE INTO vouchers (pass_id, offer_id, period_key, granted, used)
       VALUES (@passId, @offerId, @periodKey, @granted, @used)`,
    ).run({ passId: v.passId, offerId: v.offerId, periodKey: v.periodKey, granted: v.granted, used: v.used });
  },
  [KeyType.config]: (db, _id, write) => {
    const c = recordOf(write) as ConfigRecord;
    prepared(db, 'INSERT OR REPLACE INTO settings (id, pass_year_start) VALUES (1, ?)').run(c.passYearStart);
  },
  [KeyType.discountNorm]: upsertOrDelete('discount_norms', 'municipality_msp_id', (write) => {
    const n = recordOf(write) as DiscountNormRecord;
    return { municipality_msp_id: n.municipalityMspId, discount_percent: n.discountPercent };
  }),
  [KeyType.device]: (db, _id, write) => {
    const d = recordOf(write) as DeviceRecord;
    prepared(
      db,
      `INSERT OR REPLACE INTO devices (pass_id, device_id, public_key, linked)
       VALUES (@passId, @deviceId, @publicKey, @linked)`,
    ).run({
      passId: d.passId,
      deviceId: d.deviceId,
      publicKey: d.publicKey,
      linked: d.unlinkedAt === undefined ? 1 : 0,
    });
  },
  [KeyType.cardBlock]: upsertOrDelete('card_blocks', 'pass_id', (write) => {
    const b = recordOf(write) as CardBlockRecord;
    return { pass_id: b.passId, blocked_at: b.blockedAt };
  }),
};

/**
 * Applies one transaction's writes to the read model: each write of a redemption, claim, offer, venue, pass,
 * voucher, linked phone, lost-card record, the settings or a discount norm replaces (or deletes) its row; index
 * keys and other records are not projected.
 * @throws SyntaxError when a projected record is not JSON.
 */
export function projectWrites(db: Database, writes: readonly KeyWrite[]): void {
  for (const write of writes) {
    const key = parseCompositeKey(write.key);
    const id = key?.attributes[0];
    if (key !== undefined && id !== undefined && isRecordKey(key)) {
      projectors[key.type]?.(db, id, write);
    }
  }
}
