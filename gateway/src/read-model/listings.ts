import {
  IDENTITY_ROLES,
  type ClaimRecord,
  type ClaimStatus,
  type Page,
  type Reader,
  type RedemptionRecord,
  type SchemeRole,
} from '@stadspas/chaincode/vocabulary';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from 'better-sqlite3';
import type { ClientIdentity } from '../auth/client-identity';
import { AppError } from '../errors/app-error';
import { readerOf } from '../auth/reader-of';
import { scopeCondition } from '../reports/usage-report';
import type { ReadModelListings } from '../services/service-deps';
import type { ReadModel } from './read-model';

/** Where the next page starts: past the row with this time and id, in the listing's order. */
interface Cursor {
  readonly at: string;
  readonly id: string;
}

/** The cursor of the page after the one ending at this row. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');
}

/** The cursor a page handed out, or undefined for one that is not (then the listing starts at its first row). */
export function decodeCursor(cursor: string | undefined): Cursor | undefined {
  if (cursor === undefined || cursor === '') {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { at: value[0], id: value[1] };
    }
  } catch {
    // not a cursor of ours
  }
  return undefined;
}

/**
 * The cursor of a listing's bookmark: none for the first page.
 * @throws {AppError} INVALID_ARGUMENT for a bookmark this listing did not hand out.
 */
function cursorOf(bookmark: string | undefined): Cursor | undefined {
  const cursor = decodeCursor(bookmark);
  if (cursor === undefined && bookmark !== undefined && bookmark !== '') {
    throw new AppError('INVALID_ARGUMENT', 'bookmark: not one this listing handed out');
  }
  return cursor;
}

/** One page of rows in the listing's order (`LIMIT` one more than the page, to know whether another follows). */
function pageOf<T>(rows: readonly { record: string; at: string; id: string }[], pageSize: number): Page<T> {
  const items = rows.slice(0, pageSize);
  const last = items.at(-1);
  return {
    items: items.map((row) => JSON.parse(row.record) as T),
    bookmark: rows.length > pageSize && last !== undefined ? encodeCursor(last) : '',
    fetchedCount: items.length,
  };
}

/** A query's named parameters without those left out (SQLite binds no undefined). */
function definedOnly(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
}

/** Which rows of a listing, and the page asked for. */
interface Paging {
  readonly pageSize?: number | undefined;
  readonly bookmark?: string | undefined;
}

/** Filters of a booking listing: one of pass, offer and venue, a period, and the order. */
export interface BookingsFilter extends Paging {
  readonly passId?: string | undefined;
  readonly offerId?: string | undefined;
  readonly venueId?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  /** `oldest` (the default): in booking order; `newest`: newest first. */
  readonly order?: 'oldest' | 'newest' | undefined;
}

const DEFAULT_PAGE = 50;

const forbidden = (message: string): never => {
  throw new AppError('FORBIDDEN', message);
};

/** Whether the client's organisation funds an offer. */
function fundsAnOffer(db: Database, client: ClientIdentity): boolean {
  return db.prepare('SELECT 1 FROM offers WHERE funder_msp_id = ? LIMIT 1').get(client.mspId) !== undefined;
}

/** @throws {AppError} FORBIDDEN for a venue, and for an organisation that is no municipality and funds no offer. */
function requirePassLister(db: Database, client: ClientIdentity, reader: Reader): void {
  if (client.venueId !== undefined || (!reader.municipality && !fundsAnOffer(db, client))) {
    forbidden('only the municipality and the funders of offers list redemptions by pass');
  }
}

/** @throws {AppError} NOT_FOUND for an unknown offer; FORBIDDEN unless the municipality or the offer's funder. */
function requireOfferLister(db: Database, client: ClientIdentity, reader: Reader, offerId: string): void {
  const offer = db.prepare('SELECT funder_msp_id AS funder FROM offers WHERE offer_id = ?').get(offerId) as
    { funder: string } | undefined;
  if (offer === undefined) {
    throw new AppError('NOT_FOUND', `offer ${offerId} does not exist`);
  }
  if (!reader.municipality && offer.funder !== client.mspId) {
    forbidden(`only the municipality and the funder of offer ${offerId} list its redemptions`);
  }
}

/**
 * @throws {AppError} FORBIDDEN for a venue listing another venue, and for anyone but the venue's organisation's
 * admin, a municipality and a funder.
 */
function requireVenueLister(db: Database, client: ClientIdentity, reader: Reader, venueId: string): void {
  const venue = db.prepare('SELECT msp_id AS mspId FROM venues WHERE venue_id = ?').get(venueId) as
    { mspId: string } | undefined;
  const organisation = venue?.mspId === client.mspId;
  const allowed =
    client.venueId !== undefined
      ? client.venueId === venueId && organisation
      : (client.role === 'admin' && organisation) || reader.municipality || fundsAnOffer(db, client);
  if (!allowed) {
    forbidden('a venue may read only its own redemptions and claims');
  }
}

/**
 * Which column a listing selects on, once the client may list it at all, as the chaincode's listings let it: a
 * pass's bookings the municipality and the funders of offers; a venue's the venue itself, its organisation's
 * admin, the municipality and the funders; an offer's its funder and the municipality.
 * @throws {AppError} FORBIDDEN for anyone else; NOT_FOUND for an unknown offer; INVALID_ARGUMENT without a pass,
 * offer or venue.
 */
function listedBy(
  db: Database,
  client: ClientIdentity,
  reader: Reader,
  filter: BookingsFilter,
): readonly [column: string, value: string] {
  if (filter.passId !== undefined) {
    requirePassLister(db, client, reader);
    return ['pass_id', filter.passId];
  }
  if (filter.offerId !== undefined) {
    requireOfferLister(db, client, reader, filter.offerId);
    return ['offer_id', filter.offerId];
  }
  const venueId = filter.venueId ?? client.venueId;
  if (venueId === undefined) {
    throw new AppError('INVALID_ARGUMENT', 'query: give passId, offerId or venueId');
  }
  requireVenueLister(db, client, reader, venueId);
  return ['venue_id', venueId];
}

/**
 * A pass's, an offer's or a venue's bookings and reversals from the read model, in booking order or newest first,
 * a page at a time: a page costs its rows, however long the history (an index per listing on the time). Who may
 * list what is the chaincode's rule for its listings; the rows are those its read rule gives the client.
 * @param municipality whether the gateway's organisation is a municipality
 * @throws {AppError} FORBIDDEN, NOT_FOUND or INVALID_ARGUMENT (see listedBy); INVALID_ARGUMENT for a bookmark this
 * listing did not hand out.
 */
export function listBookings(
  db: Database,
  client: ClientIdentity,
  municipality: boolean,
  filter: BookingsFilter,
): Page<RedemptionRecord> {
  const reader = readerOf(client, municipality);
  const [column, value] = listedBy(db, client, reader, filter);
  const scope = scopeCondition(reader);
  const newest = filter.order === 'newest';
  const cursor = cursorOf(filter.bookmark);
  const pageSize = filter.pageSize ?? DEFAULT_PAGE;
  const [beyond, direction] = newest ? ['<', 'DESC'] : ['>', 'ASC'];
  const rows = db
    .prepare(
      `SELECT r.record, r.at, r.redemption_id AS id
       FROM redemptions r LEFT JOIN venues v ON v.venue_id = r.venue_id
       WHERE r.${column} = @value
         ${filter.from === undefined ? '' : 'AND r.at >= @from'}
         ${filter.to === undefined ? '' : 'AND r.at < @to'}
         ${cursor === undefined ? '' : `AND (r.at ${beyond} @at OR (r.at = @at AND r.redemption_id ${beyond} @id))`}
         AND ${scope.sql}
       ORDER BY r.at ${direction}, r.redemption_id ${direction}
       LIMIT @limit`,
    )
    .all(
      definedOnly({
        value,
        from: filter.from,
        to: filter.to,
        ...cursor,
        ...scope.params,
        limit: pageSize + 1,
      }),
    ) as { record: string; at: string; id: string }[];
  return pageOf(rows, pageSize);
}

/** Filters of a claim listing newest first. */
export interface ClaimsFilter extends Paging {
  readonly venueId?: string | undefined;
  readonly status?: ClaimStatus | undefined;
}

/**
 * Claims from the read model, newest submitted first, a page at a time; as the chaincode's listing lets them: a
 * venue its own, a municipality's and a payer's identities every claim.
 * @param roles the scheme roles of the gateway's organisation
 * @throws {AppError} FORBIDDEN for a venue asking for another venue's, or anyone else.
 */
export function newestClaims(
  db: Database,
  client: ClientIdentity,
  roles: readonly SchemeRole[],
  filter: ClaimsFilter,
): Page<ClaimRecord> {
  const readsAll = (['municipality', 'payer'] as const).some(
    (role) => roles.includes(role) && IDENTITY_ROLES[role].includes(client.role),
  );
  const venueId = filter.venueId ?? client.venueId;
  if (client.venueId !== undefined ? venueId !== client.venueId : !readsAll) {
    throw new AppError('FORBIDDEN', 'a venue lists its own claims; the municipality and the payer list all');
  }
  const cursor = cursorOf(filter.bookmark);
  const pageSize = filter.pageSize ?? DEFAULT_PAGE;
  const rows = db
    .prepare(
      `SELECT record, submitted_at AS at, claim_id AS id FROM claims
       WHERE 1 = 1
         ${venueId === undefined ? '' : 'AND venue_id = @venueId'}
         ${filter.status === undefined ? '' : 'AND status = @status'}
         ${cursor === undefined ? '' : 'AND (submitted_at < @at OR (submitted_at = @at AND claim_id < @id))'}
       ORDER BY submitted_at DESC, claim_id DESC
       LIMIT @limit`,
    )
    .all(definedOnly({ venueId, status: filter.status, ...cursor, limit: pageSize + 1 })) as {
    record: string;
    at: string;
    id: string;
  }[];
  return pageOf(rows, pageSize);
}

/** How long a listing waits for the read model to apply the blocks the peer has, at most. */
const CATCH_UP_MS = 3_000;

/**
 * The read model's listings. Each waits until the read model has applied every block the peer had
 * when it was asked (3 s at most), so a client sees what it booked just before.
 * @param options the scheme roles of the gateway's organisation, and the peer's block height
 */
export function readModelListings(
  readModel: ReadModel,
  options: { readonly roles: readonly SchemeRole[]; readonly blockHeight: () => Promise<bigint> },
): ReadModelListings {
  const caughtUp = async (): Promise<void> => {
    const height = await options.blockHeight();
    const until = Date.now() + CATCH_UP_MS;
    while (readModel.nextBlock() < height && Date.now() < until) {
      await sleep(10);
    }
  };
  return {
    bookings: async (client, filter) => {
      await caughtUp();
      return listBookings(readModel.db, client, options.roles.includes('municipality'), filter);
    },
    claims: async (client, filter) => {
      await caughtUp();
      return newestClaims(readModel.db, client, options.roles, filter);
    },
  };
}
