import type { Database } from 'better-sqlite3';
import type { ReportScope } from './report-scope';
import { scopeCondition } from './usage-report';

/** A linked phone, as a counter checks its app's codes without a connection. */
export interface OfflineDevice {
  readonly passId: string;
  readonly deviceId: string;
  readonly publicKey: string;
}

/** Why a counter without a connection refuses a pass. */
export type OfflineRefusal = 'blocked' | 'replaced' | 'expired' | 'not-yet-valid' | 'card-lost';

/** A pass a counter refuses while offline, and why. */
export interface RefusedPass {
  readonly passId: string;
  readonly reason: OfflineRefusal;
}

/** The phones linked now, from the read model. */
export function linkedDevices(db: Database): OfflineDevice[] {
  return db
    .prepare(
      'SELECT pass_id AS passId, device_id AS deviceId, public_key AS publicKey FROM devices WHERE linked = 1 ORDER BY pass_id, device_id',
    )
    .all() as OfflineDevice[];
}

/**
 * The passes a counter must refuse at a moment: blocked, replaced, outside their validity, or whose printed card
 * its holder reported lost (the app still books those). Its size is that of the refused passes, not of all.
 */
export function refusedPasses(db: Database, at: string): RefusedPass[] {
  return db
    .prepare(
      `SELECT pass_id AS passId,
         CASE WHEN status = 'blocked' THEN 'blocked'
              WHEN status = 'replaced' THEN 'replaced'
              WHEN valid_until <= @at THEN 'expired'
              ELSE 'not-yet-valid' END AS reason
       FROM passes
       WHERE status <> 'active' OR valid_until <= @at OR valid_from > @at
       UNION ALL
       SELECT pass_id AS passId, 'card-lost' AS reason FROM card_blocks
       ORDER BY passId`,
    )
    .all({ at }) as RefusedPass[];
}

/** One booking an offline counter made beyond the balance: booked in full and flagged. */
export interface OverdrawnBooking {
  readonly redemptionId: string;
  readonly passId: string;
  readonly venueId: string;
  readonly offerId: string;
  readonly offlineAt: string;
  readonly at: string;
  readonly units: number;
  readonly overdrawnUnits: number;
  readonly reimbursementCents: number;
}

/** The report's columns, in order (also the CSV header). */
export const overdrawnColumns = [
  'redemptionId',
  'passId',
  'venueId',
  'offerId',
  'offlineAt',
  'at',
  'units',
  'overdrawnUnits',
  'reimbursementCents',
] as const satisfies readonly (keyof OverdrawnBooking)[];

/** The overdrawn bookings a scope may read (the chaincode's read rule), newest settled first. */
export function overdrawnBookings(db: Database, scope: ReportScope): OverdrawnBooking[] {
  const condition = scopeCondition(scope);
  return db
    .prepare(
      `SELECT r.redemption_id AS redemptionId, r.pass_id AS passId, r.venue_id AS venueId, r.offer_id AS offerId,
         r.offline_at AS offlineAt, r.at AS at, r.units AS units, r.overdrawn_units AS overdrawnUnits,
         r.reimbursement_cents AS reimbursementCents
       FROM redemptions r
       LEFT JOIN venues v ON v.venue_id = r.venue_id
       WHERE r.overdrawn_units > 0 AND ${condition.sql}
       ORDER BY r.at DESC, r.redemption_id DESC`,
    )
    .all(condition.params) as OverdrawnBooking[];
}
