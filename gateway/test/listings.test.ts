import type { ClaimRecord, Page, RedemptionRecord } from '@stadspas/chaincode/vocabulary';
import { AppError } from '../src/errors/app-error';
import { decodeBlock } from '../src/read-model/block-transactions';
import { listBookings, newestClaims, readModelListings } from '../src/read-model/listings';
import { openReadModel } from '../src/read-model/read-model';
import { compositeKey, makeBlock } from './support/blocks';
import { makeClient, standardClients } from './support/clients';
import { dayOf, POOL, readModelWithHistory } from './support/read-models';
import { makeRedemption } from './support/records';

const clients = standardClients();
const SCHEME = ['municipality', 'payer', 'venues'] as const;

/** Every page of a listing, following its bookmarks, as the ids of each page. */
function pagesOf<T>(list: (bookmark: string) => Page<T>, idOf: (item: T) => string): string[][] {
  const pages: string[][] = [];
  let bookmark = '';
  do {
    const page = list(bookmark);
    pages.push(page.items.map(idOf));
    bookmark = page.bookmark;
  } while (bookmark !== '');
  return pages;
}

/** The code of the error a call throws, if any. */
function refusalOf(call: () => unknown): string | undefined {
  try {
    call();
  } catch (err) {
    return err instanceof AppError ? err.code : String(err);
  }
  return undefined;
}

const bookingId = (r: RedemptionRecord): string => r.redemptionId;
const claimId = (c: ClaimRecord): string => c.claimId;

describe('listings from the read model', () => {
  const model = readModelWithHistory();

  it('when a venue lists its bookings three at a time, then the pages run from the newest to the oldest', () => {
    const pages = pagesOf(
      (bookmark) =>
        listBookings(model.db, clients.venue.record, false, { pageSize: 3, bookmark, order: 'newest' }),
      bookingId,
    );

    expect(pages).toEqual([['pool-7', 'pool-6', 'pool-5'], ['pool-4', 'pool-3', 'pool-2'], ['pool-1']]);
  });

  it('when the municipality lists the pool in booking order, then the pages run from the oldest to the newest', () => {
    const pages = pagesOf(
      (bookmark) =>
        listBookings(model.db, clients.staff.record, true, { venueId: POOL, pageSize: 4, bookmark }),
      bookingId,
    );

    expect(pages).toEqual([
      ['pool-1', 'pool-2', 'pool-3', 'pool-4'],
      ['pool-5', 'pool-6', 'pool-7'],
    ]);
  });

  it('when a period is asked, then only its bookings come, newest first', () => {
    const page = listBookings(model.db, clients.staff.record, true, {
      venueId: POOL,
      from: dayOf(3),
      to: dayOf(6),
      order: 'newest',
    });

    expect(page.items.map(bookingId)).toEqual(['pool-5', 'pool-4', 'pool-3']);
    expect(page.bookmark).toBe('');
  });

  it('when the payer lists the pool or the offer it funds, then it sees the bookings of what it funds only', () => {
    expect(
      listBookings(model.db, clients.payer.record, false, { venueId: POOL }).items.map(bookingId),
    ).toEqual(['pool-6']);
    expect(
      listBookings(model.db, clients.payer.record, false, { offerId: 'budget' }).items.map(bookingId),
    ).toEqual(['pool-6']);
  });

  it('when the payer lists an offer it does not fund, or a venue lists an offer, then it is refused; the municipality may', () => {
    expect(refusalOf(() => listBookings(model.db, clients.payer.record, false, { offerId: 'swim-5' }))).toBe(
      'FORBIDDEN',
    );
    expect(refusalOf(() => listBookings(model.db, clients.venue.record, false, { offerId: 'budget' }))).toBe(
      'FORBIDDEN',
    );
    expect(listBookings(model.db, clients.staff.record, true, { offerId: 'swim-5' }).items).toHaveLength(8);
  });

  it('when an unknown offer is listed, then it is not found', () => {
    expect(refusalOf(() => listBookings(model.db, clients.staff.record, true, { offerId: 'nope' }))).toBe(
      'NOT_FOUND',
    );
  });

  it('when a venue lists another venue, then it is refused; the municipality may', () => {
    expect(
      refusalOf(() => listBookings(model.db, clients.venue.record, false, { venueId: 'groninger-museum' })),
    ).toBe('FORBIDDEN');
    expect(
      listBookings(model.db, clients.staff.record, true, { venueId: 'groninger-museum' }).items,
    ).toHaveLength(2);
  });

  it('when another municipality and the venues’ admin list the pool, then the first sees none of Groningen’s passes and the second all', () => {
    const west = makeClient('west-staff', { mspId: 'WesterkwartierMSP' }).record;
    const venuesAdmin = makeClient('venues-admin', { role: 'admin', mspId: 'VenuesMSP' }).record;

    expect(listBookings(model.db, west, true, { venueId: POOL }).items).toEqual([]);
    expect(listBookings(model.db, venuesAdmin, false, { venueId: POOL }).items).toHaveLength(7);
  });

  it('when a venue or the venues’ admin lists a pass, then it is refused; the payer sees what it funds', () => {
    const venuesAdmin = makeClient('venues-admin', { role: 'admin', mspId: 'VenuesMSP' }).record;

    expect(refusalOf(() => listBookings(model.db, clients.venue.record, false, { passId: 'SP-0001' }))).toBe(
      'FORBIDDEN',
    );
    expect(refusalOf(() => listBookings(model.db, venuesAdmin, false, { passId: 'SP-0001' }))).toBe(
      'FORBIDDEN',
    );
    expect(
      listBookings(model.db, clients.payer.record, false, { passId: 'SP-0001', order: 'newest' }).items.map(
        bookingId,
      ),
    ).toEqual(['pool-6']);
  });

  it('when an organisation that funds nothing and runs no venue lists, then it is refused', () => {
    const stranger = makeClient('west-staff', { mspId: 'WesterkwartierMSP' }).record;

    expect(refusalOf(() => listBookings(model.db, stranger, false, { venueId: POOL }))).toBe('FORBIDDEN');
    expect(refusalOf(() => listBookings(model.db, stranger, false, { passId: 'SP-0001' }))).toBe('FORBIDDEN');
  });

  it('when a bookmark is not one the listing handed out, then it is refused', () => {
    expect(
      refusalOf(() => listBookings(model.db, clients.venue.record, false, { bookmark: 'not-a-cursor' })),
    ).toBe('INVALID_ARGUMENT');
  });

  it('when the payer lists approved claims two at a time, then the newest submitted come first, to the oldest', () => {
    const pages = pagesOf(
      (bookmark) =>
        newestClaims(model.db, clients.payer.record, SCHEME, { status: 'approved', pageSize: 2, bookmark }),
      claimId,
    );

    expect(pages).toEqual([['pool-3', 'museum-1'], ['pool-2']]);
  });

  it('when a venue lists claims, then it gets its own; another venue’s, or a venues admin’s list, is refused', () => {
    expect(newestClaims(model.db, clients.venue.record, SCHEME, {}).items.map(claimId)).toEqual([
      'pool-3',
      'pool-2',
      'pool-1',
    ]);
    expect(
      refusalOf(() => newestClaims(model.db, clients.venue.record, SCHEME, { venueId: 'groninger-museum' })),
    ).toBe('FORBIDDEN');
    const venuesAdmin = makeClient('venues-admin', { role: 'admin', mspId: 'VenuesMSP' }).record;
    expect(refusalOf(() => newestClaims(model.db, venuesAdmin, ['venues'], {}))).toBe('FORBIDDEN');
  });

  it('when the read model is behind the peer, then a listing waits until it has the peer’s blocks', async () => {
    const behind = openReadModel({ path: ':memory:' });
    const listings = readModelListings(behind, { roles: SCHEME, blockHeight: () => Promise.resolve(3n) });
    const blocks = [
      makeBlock(0, [{ txId: 'genesis', config: true }]),
      makeBlock(1, [
        {
          txId: 'v',
          writes: [{ key: compositeKey('venue', POOL), value: { venueId: POOL, mspId: 'VenuesMSP' } }],
        },
      ]),
      makeBlock(2, [
        {
          txId: 'r',
          writes: [
            { key: compositeKey('redemption', 'late'), value: makeRedemption({ redemptionId: 'late' }) },
          ],
        },
      ]),
    ];
    setTimeout(() => {
      for (const block of blocks) {
        behind.applyBlock(decodeBlock(block, 'stadspas'));
      }
    }, 50);

    const page = await listings.bookings(clients.venue.record, {});

    expect(page.items.map(bookingId)).toEqual(['late']);
  });
});
