import { callerOf, isMunicipality, isPayer } from '../access/caller';
import { fail } from '../errors';
import type { TxContext } from '../ledger/context';
import { KeyType, keys } from '../ledger/keys';
import { readRecord, scanPage } from '../ledger/store';
import type {
  ListRedemptionsByPassRequest,
  ListRedemptionsByVenueRequest,
  Page,
  RedemptionIdRequest,
  RedemptionRecord,
} from '../vocabulary';
import { requireVenueReader } from './venue-caller';

/**
 * Reads a booking without access checks (for domain use).
 *
 * @throws {ChaincodeError} NOT_FOUND when unknown.
 */
export async function getRedemptionRecord(ctx: TxContext, redemptionId: string): Promise<RedemptionRecord> {
  const record = await readRecord<RedemptionRecord>(ctx, keys.redemption(redemptionId));
  return record ?? fail('NOT_FOUND', `redemption ${redemptionId} does not exist`);
}

/**
 * Reads a booking: for the municipality, the payer and its own venue.
 *
 * @throws {ChaincodeError} NOT_FOUND; FORBIDDEN for anyone else.
 */
export async function getRedemption(ctx: TxContext, request: RedemptionIdRequest): Promise<RedemptionRecord> {
  const record = await getRedemptionRecord(ctx, request.redemptionId);
  await requireVenueReader(ctx, record.venueId);
  return record;
}

/**
 * One page of a pass's bookings in booking order. Municipality and payer only (they span venues).
 *
 * @throws {ChaincodeError} FORBIDDEN for anyone else.
 */
export async function listRedemptionsByPass(
  ctx: TxContext,
  request: ListRedemptionsByPassRequest,
): Promise<Page<RedemptionRecord>> {
  const caller = callerOf(ctx);
  if (!isMunicipality(caller) && !isPayer(caller)) {
    fail('FORBIDDEN', 'only the municipality and the payer list redemptions by pass');
  }
  return bookingsPage(ctx, KeyType.redemptionByPass, request.passId, request);
}

/**
 * One page of a venue's bookings in booking order, optionally only those booked in [from, to).
 * A venue lists only its own; municipality and payer any. The time filter applies within the page,
 * so a page may hold fewer items than pageSize while the bookmark is not yet empty.
 *
 * @throws {ChaincodeError} FORBIDDEN for another venue or another organisation.
 */
export async function listRedemptionsByVenue(
  ctx: TxContext,
  request: ListRedemptionsByVenueRequest,
): Promise<Page<RedemptionRecord>> {
  await requireVenueReader(ctx, request.venueId);
  const page = await bookingsPage(ctx, KeyType.redemptionByVenue, request.venueId, request);
  const inPeriod = (at: string): boolean =>
    (request.from === undefined || at >= request.from) && (request.to === undefined || at < request.to);
  return { ...page, items: page.items.filter((item) => inPeriod(item.at)) };
}

async function bookingsPage(
  ctx: TxContext,
  index: typeof KeyType.redemptionByPass | typeof KeyType.redemptionByVenue,
  owner: string,
  request: { pageSize?: number; bookmark?: string },
): Promise<Page<RedemptionRecord>> {
  const page = await scanPage<undefined>(ctx, index, [owner], request.pageSize ?? 50, request.bookmark ?? '');
  const items: RedemptionRecord[] = [];
  for (const entry of page.entries) {
    const redemptionId = entry.attributes[2] ?? '';
    items.push(await getRedemptionRecord(ctx, redemptionId));
  }
  return { items, bookmark: page.bookmark, fetchedCount: page.fetchedCount };
}
