import { fail } from '../errors';
import type { TxContext } from '../ledger/context';
import { KeyType, keys } from '../ledger/keys';
import { readRecord, scanPage } from '../ledger/store';
import type {
  ListRedemptionsByOfferRequest,
  ListRedemptionsByPassRequest,
  ListRedemptionsByVenueRequest,
  Page,
  RedemptionIdRequest,
  RedemptionRecord,
} from '../vocabulary';
import {
  passBookingsFilter,
  requireBookingReader,
  offerBookingsFilter,
  venueBookingsFilter,
} from './booking-readers';
import { getOffer } from './offers';

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
  const page = await bookingsPage(ctx, KeyType.redemptionByPass, request.passId, request);
  return { ...page, items: page.items.filter(visible) };
}

/**
 * One page of a venue's bookings in booking order, optionally only those booked in [from, to).
 * A venue and its organisation's admin list all of them; a municipality those of its passes and of the offers
 * it funds; a funder those of the offers it funds. The filters apply
 * within the page, so a page may hold fewer items than pageSize while the bookmark is not yet empty.
 *
 * @throws {ChaincodeError} FORBIDDEN for another venue or an organisation that funds no offer.
 */
export async function listRedemptionsByVenue(
  ctx: TxContext,
  request: ListRedemptionsByVenueRequest,
): Promise<Page<RedemptionRecord>> {
  const visible = await venueBookingsFilter(ctx, request.venueId);
  const page = await bookingsPage(ctx, KeyType.redemptionByVenue, request.venueId, request);
  const inPeriod = (at: string): boolean =>
    (request.from === undefined || at >= request.from) && (request.to === undefined || at < request.to);
  return { ...page, items: page.items.filter((item) => inPeriod(item.at) && visible(item)) };
}

/**
 * One page of an offer's bookings in booking order: all of them for the offer's funder, those of its own passes
 * for another municipality.
 *
 * @throws {ChaincodeError} NOT_FOUND for an unknown offer; FORBIDDEN for anyone else.
 */
export async function listRedemptionsByOffer(
  ctx: TxContext,
  request: ListRedemptionsByOfferRequest,
): Promise<Page<RedemptionRecord>> {
  const visible = await offerBookingsFilter(ctx, await getOffer(ctx, request.offerId));
  const page = await bookingsPage(ctx, KeyType.redemptionByOffer, request.offerId, request);
  return { ...page, items: page.items.filter(visible) };
}

type BookingIndex =
  typeof KeyType.redemptionByPass | typeof KeyType.redemptionByVenue | typeof KeyType.redemptionByOffer;

async function bookingsPage(
  ctx: TxContext,
  index: BookingIndex,
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
