import { toBytes } from '../src/ledger/json';
import type { RedemptionRecord, SubmitClaimRequest, VenueRecord } from '../src/vocabulary';
import { createCompositeKey } from './support/composite-keys';
import { identities } from './support/identities';
import { POOL, redeemRequest, seededLedger } from './support/fixtures';
import type { InMemoryLedger } from './support/in-memory-ledger';

const pool = identities.venue(POOL);

/** A claim of the municipality's lines of March, up to now. */
function marchClaim(ledger: InMemoryLedger, claimId = 'claim-2026-03'): SubmitClaimRequest {
  ledger.advanceSeconds(1);
  return {
    claimId,
    funderMspId: 'GemeenteMSP',
    periodFrom: '2026-03-01T00:00:00.000Z',
    periodTo: ledger.now(),
  };
}

/**
 * Writes `count` bookings of the pool into the world state as the chaincode keeps them, booked in February one
 * minute apart: claimed already (`claimed`), or not yet, with their claim lines when the venue keeps the index.
 */
function addHistory(
  ledger: InMemoryLedger,
  template: RedemptionRecord,
  count: number,
  options: { claimed: boolean; claimLines: boolean },
): void {
  const writes = new Map<string, Uint8Array | null>();
  const marker = toBytes({});
  for (let i = 0; i < count; i++) {
    const at = new Date(Date.parse('2026-02-01T08:00:00.000Z') + i * 60_000).toISOString();
    const id = `history-${String(i).padStart(6, '0')}`;
    const booking: RedemptionRecord = {
      ...template,
      redemptionId: id,
      requestId: id,
      at,
      ...(options.claimed ? { claimId: 'claim-2026-02' } : {}),
    };
    writes.set(createCompositeKey('redemption', [id]), toBytes(booking));
    writes.set(createCompositeKey('redemption~pass', [booking.passId, at, id]), marker);
    writes.set(createCompositeKey('redemption~venue', [POOL, at, id]), marker);
    writes.set(createCompositeKey('redemption~offer', [booking.offerId, at, id]), marker);
    if (options.claimLines && !options.claimed) {
      writes.set(
        createCompositeKey('redemption~unclaimed', [POOL, booking.funderMspId, at.slice(0, 10), at, id]),
        marker,
      );
    }
  }
  ledger.world.commit({ txId: 'history', millis: Date.now(), writes, privateWrites: new Map() });
}

/** A venue as registered before the claim index existed. */
function forgetClaimIndex(ledger: InMemoryLedger): void {
  const key = createCompositeKey('venue', [POOL]);
  const venue = JSON.parse(
    Buffer.from(ledger.world.get(key) ?? new Uint8Array()).toString('utf8'),
  ) as VenueRecord;
  delete venue.claimLinesIndexed;
  ledger.world.commit({
    txId: 'older-venue',
    millis: Date.now(),
    writes: new Map([[key, toBytes(venue)]]),
    privateWrites: new Map(),
  });
}

/** A pool with `earlier` claimed bookings in February, two bookings in March, and what claiming March read. */
async function claimAfterHistory(
  earlier: number,
): Promise<{ ledger: InMemoryLedger; read: number; scanned: number; claimed: number }> {
  const ledger = await seededLedger();
  const first = await ledger.redeem(pool, redeemRequest());
  addHistory(ledger, first.redemption, earlier, { claimed: true, claimLines: true });
  ledger.advanceSeconds(60);
  await ledger.redeem(pool, redeemRequest({ passId: 'SP-0002' }));
  const claim = await ledger.submit(pool, 'claims:SubmitClaim', marchClaim(ledger));
  const { read, scanned } = ledger.lastKeys;
  return { ledger, read: read.length, scanned, claimed: claim.redemptionIds.length };
}

describe('a claim whose cost is what it claims', () => {
  it('when the venue booked 100 or 20,000 times before, then claiming March reads the same keys and entries', async () => {
    const few = await claimAfterHistory(100);
    const many = await claimAfterHistory(20_000);

    expect(many.claimed).toBe(2);
    expect(few.claimed).toBe(2);
    expect(many.read).toBe(few.read);
    expect(many.scanned).toBe(few.scanned);
    expect(many.scanned).toBe(2);
  });

  it('when the venue books after the period, then the claim read no key and no range that booking writes', async () => {
    const ledger = await seededLedger();
    const first = await ledger.redeem(pool, redeemRequest());
    addHistory(ledger, first.redemption, 50, { claimed: false, claimLines: true });
    await ledger.submit(pool, 'claims:SubmitClaim', {
      ...marchClaim(ledger, 'claim-2026-02'),
      periodFrom: '2026-02-01T00:00:00.000Z',
      periodTo: '2026-03-01T00:00:00.000Z',
    });
    const claimRead = ledger.lastKeys.read;
    await ledger.redeem(pool, redeemRequest({ requestId: 'after-the-period' }));
    const bookingWrote = ledger.lastKeys.written;

    const overlapping = bookingWrote.filter((key) =>
      claimRead.some((read) => (read.endsWith('*') ? key.startsWith(read.slice(0, -1)) : key === read)),
    );
    expect(overlapping).toEqual([]);
    expect(bookingWrote.length).toBeGreaterThan(0);
  });

  it('when a booking is claimed or reversed unclaimed, then its claim line is gone; a paid one reversed gets one', async () => {
    const ledger = await seededLedger();
    const claimed = await ledger.redeem(pool, redeemRequest());
    const reversed = await ledger.redeem(pool, redeemRequest({ passId: 'SP-0002' }));
    const lines = (): number => ledger.world.keysWithPrefix('\u0000redemption~unclaimed\u0000').length;
    expect(lines()).toBe(2);

    await ledger.submit(pool, 'redemptions:Reverse', {
      requestId: 'rev-unclaimed',
      redemptionId: reversed.redemption.redemptionId,
    });
    expect(lines()).toBe(1);
    await ledger.submit(pool, 'claims:SubmitClaim', marchClaim(ledger));
    expect(lines()).toBe(0);
    await ledger.submit(identities.municipalityStaff(), 'claims:ApproveClaim', { claimId: 'claim-2026-03' });
    await ledger.submit(identities.payer(), 'claims:RecordPayment', {
      claimId: 'claim-2026-03',
      paymentReference: 'SVB-1',
      paidOn: '2026-03-02',
    });
    await ledger.submit(pool, 'redemptions:Reverse', {
      requestId: 'rev-paid',
      redemptionId: claimed.redemption.redemptionId,
    });
    expect(lines()).toBe(1);
  });

  it('when the period has not ended, then the claim is refused', async () => {
    const ledger = await seededLedger();
    await ledger.redeem(pool, redeemRequest());

    await expect(
      ledger.submit(pool, 'claims:SubmitClaim', {
        ...marchClaim(ledger),
        periodTo: '2026-04-01T00:00:00.000Z',
      }),
    ).rejects.toThrow(/^INVALID_ARGUMENT: a claim covers a period that has ended/);
  });

  it('when the period spans more than 366 days, then the claim is refused', async () => {
    const ledger = await seededLedger();
    await ledger.redeem(pool, redeemRequest());

    await expect(
      ledger.submit(pool, 'claims:SubmitClaim', {
        ...marchClaim(ledger),
        periodFrom: '2025-01-01T00:00:00.000Z',
      }),
    ).rejects.toThrow(/^INVALID_ARGUMENT: a claim covers at most 366 days/);
  });

  describe('a venue registered before the claim index', () => {
    async function olderVenue(): Promise<InMemoryLedger> {
      const ledger = await seededLedger();
      const first = await ledger.redeem(pool, redeemRequest());
      forgetClaimIndex(ledger);
      // Its March booking from before the index, as bookings were kept then: in the venue's booking index, with
      // no claim line.
      const { at, redemptionId } = first.redemption;
      ledger.world.commit({
        txId: 'as-before-the-index',
        millis: Date.now(),
        writes: new Map<string, Uint8Array | null>([
          ...ledger.world
            .keysWithPrefix('\u0000redemption~unclaimed\u0000')
            .map((key): [string, null] => [key, null]),
          [createCompositeKey('redemption~venue', [POOL, at, redemptionId]), toBytes({})],
        ]),
        privateWrites: new Map(),
      });
      addHistory(ledger, first.redemption, 300, { claimed: false, claimLines: false });
      return ledger;
    }

    it('when it claims, then its whole history is read and every unclaimed line is claimed', async () => {
      const ledger = await olderVenue();
      await ledger.redeem(pool, redeemRequest({ passId: 'SP-0002' }));

      const claim = await ledger.submit(pool, 'claims:SubmitClaim', {
        ...marchClaim(ledger),
        periodFrom: '2026-02-01T00:00:00.000Z',
      });

      expect(claim.redemptionIds).toHaveLength(302);
      expect(ledger.lastKeys.scanned).toBe(302);
      expect(ledger.world.keysWithPrefix('\u0000redemption~unclaimed\u0000')).toEqual([]);
    });

    it('when its organisation indexes its lines once, then claims read the period’s days only', async () => {
      const ledger = await olderVenue();
      const venue = await ledger.submit(identities.venuesAdmin(), 'claims:IndexClaimLines', {
        venueId: POOL,
      });
      expect(venue.claimLinesIndexed).toBe(true);
      expect(ledger.world.keysWithPrefix('\u0000redemption~unclaimed\u0000')).toHaveLength(301);

      const february = await ledger.submit(pool, 'claims:SubmitClaim', {
        ...marchClaim(ledger, 'claim-2026-02'),
        periodFrom: '2026-02-01T00:00:00.000Z',
        periodTo: '2026-02-02T00:00:00.000Z',
      });
      expect(february.redemptionIds).toHaveLength(300);
      expect(ledger.lastKeys.scanned).toBe(300);
      const march = await ledger.submit(pool, 'claims:SubmitClaim', marchClaim(ledger));
      expect(march.redemptionIds).toHaveLength(1);
      expect(ledger.lastKeys.scanned).toBe(1);
    });

    it('when anyone but an admin of its organisation indexes its lines, then it is forbidden', async () => {
      const ledger = await olderVenue();

      for (const who of [pool, identities.municipalityAdmin(), identities.payerAdmin()]) {
        await expect(ledger.submit(who, 'claims:IndexClaimLines', { venueId: POOL })).rejects.toThrow(
          /^FORBIDDEN: /,
        );
      }
    });
  });
});
