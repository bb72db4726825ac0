import { fail } from '../errors';
import type { TxContext } from '../ledger/context';
import { KeyType, keys } from '../ledger/keys';
import { readRecord, scanPage } from '../ledger/store';
import type {
  ListRedemptionsByPassRequest,
  Page,
  RedemptionIdRequest,
  RedemptionRecord,
} from '../vocabulary';
import { passBookingsFilter, requireBookingReader } from './booking-readers';

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
 * Reads a booking: for the municipality, its funder and its own venue.
 *
 * @throws {ChaincodeError} NOT_FOUND; FORBIDDEN for anyone else.
 */
export async function getRedemption(ctx: TxContext, request: RedemptionIdRequest): Promise<RedemptionRecord> {
  const record = await getRedemptionRecord(ctx, request.redemptionId);
  await requireBookingReader(ctx, record);
  return record;
}

/**
 * One page of a pass's bookings in booking order: for its municipality all of them, for a funder (another
 * municipality too) those of the offers it funds. The funder filter applies within the page, so a page may hold
 * fewer items than pageSize while the bookmark is not yet empty.
 *
 * @throws {ChaincodeError} FORBIDDEN for venues and for organisations that fund no offer.
 */
export async function listRedemptionsByPass(
  ctx: TxContext,
  request: ListRedemptionsByPassRequest,
): Promise<Page<RedemptionRecord>> {
  const visible = await passBookingsFilter(ctx);
  const page = await bookingsPage(ctx, request.passId, request);
  return { ...page, items: page.items.filter(visible) };
}

async function bookingsPage(
  ctx: TxContext,
  owner: string,
  request: { pageSize?: number; bookmark?: string },
): Promise<Page<RedemptionRecord>> {
  const page = await scanPage<undefined>(
    ctx,
    KeyType.redemptionByPass,
    [owner],
    request.pageSize ?? 50,
    request.bookmark ?? '',
  );
  const items: RedemptionRecord[] = [];
  for (const entry of page.entries) {
    const redemptionId = entry.attributes[2] ?? '';
    items.push(await getRedemptionRecord(ctx, redemptionId));
  }
  return { items, bookmark: page.bookmark, fetchedCount: page.fetchedCount };
}
