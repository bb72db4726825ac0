import type { ClaimRecord, Page, RedemptionRecord } from '@stadspas/chaincode/vocabulary';
import { AppError } from '../src/errors/app-error';
import { decodeBlock } from '../src/read-model/block-transactions';
import { newestBookings, newestClaims, newestFirstListings } from '../src/read-model/newest-first';
import { openReadModel, type ReadModel } from '../src/read-model/read-model';
import { compositeKey, makeBlock } from './support/blocks';
import { makeClient, standardClients } from './support/clients';
import { makeOffer, makeRedemption } from './support/records';

const clients = standardClients();
const POOL = 'zwembad-kardinge';
const SCHEME = ['municipality', 'payer', 'venues'] as const;

/** The nth booking's time: one a day from 1 November. */
const dayOf = (n: number): string => new Date(Date.UTC(2026, 10, 1 + n, 9)).toISOString();

function claimRecord(
  claimId: string,
  venueId: string,
  status: ClaimRecord['status'],
  n: number,
): ClaimRecord {
  return {
    claimId,
    venueId,
    funderMspId: 'GemeenteMSP',
    periodFrom: dayOf(0),
    periodTo: dayOf(n),
    redemptionIds: [],
    totalCents: 450,
    status,
    submittedAt: dayOf(n),
  };
}

/**
 * Seven bookings at the pool (the sixth of SVB's budget), two at the museum, and four claims: what a read model
 * holds once it applied them.
 */
function modelWithHistory(): ReadModel {
  const model = openReadModel({ path: ':memory:' });
  const bookings = [1, 2, 3, 4, 5, 6, 7].map((n) =>
    makeRedemption({
      redemptionId: `pool-${String(n)}`,
      at: dayOf(n),
      ...(n === 6 ? { offerId: 'budget', funderMspId: 'SVBMSP' } : {}),
    }),
  );
  const museum = [1, 2].map((n) =>
    makeRedemption({ redemptionId: `museum-${String(n)}`, venueId: 'groninger-museum', at: dayOf(n) }),
  );
  const claims = [
    claimRecord('pool-1', POOL, 'paid', 2),
    claimRecord('pool-2', POOL, 'approved', 4),
    claimRecord('pool-3', POOL, 'approved', 6),
    claimRecord('museum-1', 'groninger-museum', 'approved', 5),
  ];
  const blocks = [
    makeBlock(0, [{ txId: 'genesis', config: true }]),
    makeBlock(1, [
      {
        txId: 'setup',
        writes: [
          { key: compositeKey('venue', POOL), value: { venueId: POOL, mspId: 'VenuesMSP' } },
          {
            key: compositeKey('venue', 'groninger-museum'),
            value: { venueId: 'groninger-museum', mspId: 'VenuesMSP' },
          },
          { key: compositeKey('offer', 'swim-5'), value: makeOffer({ offerId: 'swim-5' }) },
          {
            key: compositeKey('offer', 'budget'),
            value: makeOffer({ offerId: 'budget', funderMspId: 'SVBMSP' }),
          },
        ],
      },
    ]),
    makeBlock(2, [
      {
        txId: 'history',
        writes: [
          ...[...bookings, ...museum].map((r) => ({
            key: compositeKey('redemption', r.redemptionId),
            value: r,
          })),
          ...claims.map((c) => ({ key: compositeKey('claim', c.claimId), value: c })),
        ],
      },
    ]),
  ];
  for (const block of blocks) {
    model.applyBlock(decodeBlock(block, 'stadspas'));
  }
  return model;
}

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

describe('listings newest first, from the read model', () => {
  const model = modelWithHistory();

  it('when a venue lists its bookings three at a time, then the pages run from the newest to the oldest', () => {
    const pages = pagesOf(
      (bookmark) => newestBookings(model.db, clients.venue.record, false, { pageSize: 3, bookmark }),
      bookingId,
    );

    expect(pages).toEqual([['pool-7', 'pool-6', 'pool-5'], ['pool-4', 'pool-3', 'pool-2'], ['pool-1']]);
  });

  it('when a period is asked, then only its bookings come, newest first', () => {
    const page = newestBookings(model.db, clients.staff.record, true, {
      venueId: POOL,
      from: dayOf(3),
      to: dayOf(6),
    });

    expect(page.items.map(bookingId)).toEqual(['pool-5', 'pool-4', 'pool-3']);
    expect(page.bookmark).toBe('');
  });

  it('when the payer lists the pool or an offer, then it sees the bookings of what it funds only', () => {
    expect(
      newestBookings(model.db, clients.payer.record, false, { venueId: POOL }).items.map(bookingId),
    ).toEqual(['pool-6']);
    expect(
      newestBookings(model.db, clients.payer.record, false, { offerId: 'swim-5' }).items.map(bookingId),
    ).toEqual([]);
  });

  it('when a venue lists another venue, then it sees none of its bookings', () => {
    expect(
      newestBookings(model.db, clients.venue.record, false, { venueId: 'groninger-museum' }).items,
    ).toEqual([]);
  });

  it('when an organisation that funds nothing and runs no venue lists, then it is refused', () => {
    const stranger = makeClient('west-staff', { mspId: 'WesterkwartierMSP' }).record;

    expect(refusalOf(() => newestBookings(model.db, stranger, false, { venueId: POOL }))).toBe('FORBIDDEN');
  });

  it('when a bookmark is not one the listing handed out, then it is refused', () => {
    expect(
      refusalOf(() => newestBookings(model.db, clients.venue.record, false, { bookmark: 'not-a-cursor' })),
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
    const listings = newestFirstListings(behind, { roles: SCHEME, blockHeight: () => Promise.resolve(3n) });
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
