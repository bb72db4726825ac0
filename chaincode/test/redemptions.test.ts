import { identities } from './support/identities';
import type { InMemoryLedger } from './support/in-memory-ledger';
import {
  cardOf,
  entriesOffer,
  termsOf,
  MUSEUM,
  MUSEUM_DISCOUNT,
  POOL,
  redeemRequest,
  seededLedger,
  SPORTS_BUDGET,
  SWIMS,
} from './support/fixtures';

const pool = identities.venue(POOL);
const staff = identities.municipalityStaff();

async function remainingSwims(ledger: InMemoryLedger, passId = 'SP-0001'): Promise<number | undefined> {
  const pass = await ledger.evaluate(staff, 'passes:GetPass', { passId });
  return pass.vouchers.find((voucher) => voucher.offerId === SWIMS)?.remaining;
}

describe('redemptions:Redeem', () => {
  let ledger: InMemoryLedger;
  beforeEach(async () => {
    ledger = await seededLedger();
  });

  it('when a venue redeems a rule voucher, then the use is booked with its reimbursement and the balance drops', async () => {
    const result = await ledger.submit(pool, 'redemptions:Redeem', redeemRequest({ quantity: 2 }));

    expect(result.replayed).toBe(false);
    expect(result.remaining).toBe(3);
    expect(result.redemption).toMatchObject({
      type: 'redemption',
      passId: 'SP-0001',
      offerId: SWIMS,
      venueId: POOL,
      funderMspId: 'GemeenteMSP',
      periodKey: '2026',
      quantity: 2,
      units: 2,
      reimbursementCents: 900,
      at: ledger.now(),
    });
    expect(await remainingSwims(ledger)).toBe(3);
    expect(ledger.lastEvent()).toMatchObject({ name: 'Redeemed', payload: { passId: 'SP-0001', units: 2 } });
  });

  it('when the balance is used up, then the next redemption is refused (no double spend) and nothing changes', async () => {
    await ledger.submit(pool, 'redemptions:Redeem', redeemRequest({ quantity: 5 }));
    const before = ledger.world.snapshot();

    await expect(ledger.submit(pool, 'redemptions:Redeem', redeemRequest())).rejects.toThrow(
      /^INSUFFICIENT_BALANCE: 0 left/,
    );
    expect(ledger.world.snapshot()).toBe(before);
  });

  it('when more entries are asked than remain, then it is refused', async () => {
    await ledger.submit(pool, 'redemptions:Redeem', redeemRequest({ quantity: 4 }));

    await expect(ledger.submit(pool, 'redemptions:Redeem', redeemRequest({ quantity: 2 }))).rejects.toThrow(
      /^INSUFFICIENT_BALANCE: 1 left/,
    );
  });

  it('when the same request id comes again with the same content, then the original result returns and nothing is booked', async () => {
    const request = redeemRequest();
    const first = await ledger.submit(pool, 'redemptions:Redeem', request);
    const eventsAfterFirst = ledger.events.length;

    const again = await ledger.submit(pool, 'redemptions:Redeem', request);

    expect(again).toEqual({ ...first, replayed: true });
    expect(await remainingSwims(ledger)).toBe(4);
    expect(ledger.events).toHaveLength(eventsAfterFirst);
  });

  it('when the same request id comes with other content, then it is refused as an idempotency mismatch', async () => {
    const request = redeemRequest();
    await ledger.submit(pool, 'redemptions:Redeem', request);

    await expect(ledger.submit(pool, 'redemptions:Redeem', { ...request, quantity: 2 })).rejects.toThrow(
      /^IDEMPOTENCY_MISMATCH: /,
    );
  });

  it('when two venues use the same request id, then both are booked (ids are per venue)', async () => {
    const museum = identities.venue(MUSEUM);
    await ledger.submit(pool, 'redemptions:Redeem', redeemRequest({ requestId: 'same' }));

    const result = await ledger.submit(museum, 'redemptions:Redeem', {
      requestId: 'same',
      qr: cardOf('SP-0001'),
      offerId: MUSEUM_DISCOUNT,
      amountCents: 1500,
    });

    expect(result.replayed).toBe(false);
  });

  it('when two passes are redeemed, then their transactions read and write no common key', async () => {
    await ledger.submit(identities.municipalityAdmin(), 'config:SetConfig', {
      passYearStart: '01-01',
      reversalWindowSeconds: 600,
    });
    await ledger.submit(pool, 'redemptions:Redeem', redeemRequest({ passId: 'SP-0001' }));
    const first = ledger.lastKeys;
    await ledger.submit(pool, 'redemptions:Redeem', redeemRequest({ passId: 'SP-0002' }));
    const second = ledger.lastKeys;

    const firstWrites = new Set(first.written);
    expect(second.written.filter((key) => firstWrites.has(key))).toEqual([]);
    expect(second.read.filter((key) => firstWrites.has(key))).toEqual([]);
    expect(first.read.filter((key) => second.written.includes(key))).toEqual([]);
  });

  it('when a budget is redeemed, then the amount is debited and the share reimbursed', async () => {
    const svb = identities.payerAdmin();
    await ledger.submit(svb, 'vouchers:GrantVoucher', {
      passId: 'SP-0002',
      offerId: SPORTS_BUDGET,
      amount: 15000,
    });

    const result = await ledger.submit(
      pool,
      'redemptions:Redeem',
      redeemRequest({ passId: 'SP-0002', offerId: SPORTS_BUDGET, amountCents: 4000 }),
    );

    expect(result.remaining).toBe(11000);
    expect(result.redemption).toMatchObject({
      units: 4000,
      amountCents: 4000,
      reimbursementCents: 4000,
      funderMspId: 'SVBMSP',
    });
  });

  it('when a budget is asked for more than is left, then it is refused', async () => {
    await ledger.submit(identities.payerAdmin(), 'vouchers:GrantVoucher', {
      passId: 'SP-0002',
      offerId: SPORTS_BUDGET,
      amount: 1000,
    });

    await expect(
      ledger.submit(
        pool,
        'redemptions:Redeem',
        redeemRequest({ passId: 'SP-0002', offerId: SPORTS_BUDGET, amountCents: 1001 }),
      ),
    ).rejects.toThrow(/^INSUFFICIENT_BALANCE: /);
  });

  it('when a discount is used, then the discount and the share are recorded and no balance is needed', async () => {
    const museum = identities.venue(MUSEUM);

    const result = await ledger.submit(
      museum,
      'redemptions:Redeem',
      redeemRequest({ offerId: MUSEUM_DISCOUNT, amountCents: 1999 }),
    );

    expect(result.remaining).toBeUndefined();
    expect(result.redemption).toMatchObject({
      units: 0,
      amountCents: 1999,
      discountCents: 999,
      reimbursementCents: 499,
    });
  });

  it.each([
    ['an entries offer gets amountCents', { amountCents: 100 }, SWIMS],
    ['a budget offer gets a quantity', { quantity: 1 }, SPORTS_BUDGET],
    ['a budget offer gets no amount', {}, SPORTS_BUDGET],
  ])('when %s, then it is refused as invalid', async (_case, amounts, offerId) => {
    await expect(
      ledger.submit(pool, 'redemptions:Redeem', {
        ...redeemRequest({ passId: 'SP-0002', offerId }),
        ...amounts,
      }),
    ).rejects.toThrow(/^INVALID_ARGUMENT: /);
  });

  it('when the pass is blocked, then it is refused', async () => {
    await ledger.submit(staff, 'passes:BlockPass', { passId: 'SP-0001', reason: 'lost' });

    await expect(ledger.submit(pool, 'redemptions:Redeem', redeemRequest())).rejects.toThrow(
      /^PASS_BLOCKED: /,
    );
  });

  it('when the pass was replaced, then the old card is refused', async () => {
    await ledger.submit(staff, 'passes:ReplacePass', { passId: 'SP-0001', newPassId: 'SP-0100' });

    await expect(ledger.submit(pool, 'redemptions:Redeem', redeemRequest())).rejects.toThrow(
      /^PASS_BLOCKED: .*replaced/,
    );
  });

  it('when the pass is not valid yet, then it is refused as not active', async () => {
    ledger.setTime('2025-12-31T23:59:59.000Z');

    await expect(ledger.submit(pool, 'redemptions:Redeem', redeemRequest())).rejects.toThrow(
      /^PASS_NOT_ACTIVE: /,
    );
  });

  it('when the pass has expired, then it is refused as expired', async () => {
    ledger.setTime('2027-01-01T00:00:00.000Z');

    await expect(ledger.submit(pool, 'redemptions:Redeem', redeemRequest())).rejects.toThrow(
      /^PASS_EXPIRED: /,
    );
  });

  it('when the offer is retired, then it is refused', async () => {
    await ledger.submit(staff, 'offers:RetireOffer', { offerId: SWIMS });

    await expect(ledger.submit(pool, 'redemptions:Redeem', redeemRequest())).rejects.toThrow(
      /^OFFER_NOT_VALID: /,
    );
  });

  it('when the venue does not take the offer, then it is refused', async () => {
    await expect(
      ledger.submit(identities.venue(MUSEUM), 'redemptions:Redeem', redeemRequest()),
    ).rejects.toThrow(/^VENUE_NOT_ELIGIBLE: /);
  });

  it('when the pass category is not eligible, then it is refused', async () => {
    await expect(
      ledger.submit(pool, 'redemptions:Redeem', redeemRequest({ offerId: SPORTS_BUDGET, amountCents: 100 })),
    ).rejects.toThrow(/^CATEGORY_NOT_ELIGIBLE: /);
  });

  it('when the venue is suspended, then it is refused', async () => {
    await ledger.submit(staff, 'venues:SuspendVenue', { venueId: POOL, reason: 'audit' });

    await expect(ledger.submit(pool, 'redemptions:Redeem', redeemRequest())).rejects.toThrow(
      /^VENUE_SUSPENDED: /,
    );
  });

  it('when the venue identity belongs to another organisation than the venue, then it is refused', async () => {
    const impostor = identities.venue(POOL, 'OtherChainMSP');

    await expect(ledger.submit(impostor, 'redemptions:Redeem', redeemRequest())).rejects.toThrow(
      /^FORBIDDEN: /,
    );
  });

  it('when the venue is not registered, then it is refused', async () => {
    await expect(
      ledger.submit(identities.venue('unknown-venue'), 'redemptions:Redeem', redeemRequest()),
    ).rejects.toThrow(/^NOT_FOUND: /);
  });

  it.each([
    ['the municipality', identities.municipalityStaff()],
    ['the payer', identities.payer()],
    ['a venues admin without venueId', identities.venuesAdmin()],
    ['a venue role without venueId', identities.custom('VenuesMSP', { role: 'venue' })],
  ])('when %s tries to redeem, then it is forbidden', async (_who, who) => {
    await expect(ledger.submit(who, 'redemptions:Redeem', redeemRequest())).rejects.toThrow(/^FORBIDDEN: /);
  });

  it('when the pass or offer is unknown, then it is refused as not found', async () => {
    await expect(
      ledger.submit(pool, 'redemptions:Redeem', redeemRequest({ passId: 'nope' })),
    ).rejects.toThrow(/^NOT_FOUND: pass/);
    await expect(
      ledger.submit(pool, 'redemptions:Redeem', redeemRequest({ offerId: 'nope' })),
    ).rejects.toThrow(/^NOT_FOUND: offer/);
  });

  it.each([
    ['not JSON', 'not json'],
    ['an array', '[]'],
    ['an unknown field', JSON.stringify({ ...redeemRequest(), venueId: POOL })],
    ['a zero quantity', JSON.stringify(redeemRequest({ quantity: 0 }))],
    ['a fractional amount', JSON.stringify(redeemRequest({ amountCents: 1.5 }))],
    ['a malformed pass id', JSON.stringify({ requestId: 'r-1', passId: 'a b', offerId: SWIMS })],
    ['both a card and a pass id', JSON.stringify({ ...redeemRequest(), passId: 'SP-0001' })],
    ['neither a card nor a pass id', JSON.stringify({ requestId: 'r-2', offerId: SWIMS })],
    ['an empty card', JSON.stringify({ ...redeemRequest(), qr: '' })],
    ['a card that is not text', JSON.stringify({ ...redeemRequest(), qr: 42 })],
  ])('when the request is %s, then it is refused as invalid', async (_case, raw) => {
    await expect(
      ledger.invoke(pool, 'redemptions:Redeem', [raw], { commit: true, transient: {} }),
    ).rejects.toThrow(/^INVALID_ARGUMENT: /);
  });

  it('when a new pass year starts, then the rule voucher is full again', async () => {
    await ledger.submit(staff, 'passes:RenewPass', {
      passId: 'SP-0001',
      validUntil: '2028-01-01T00:00:00.000Z',
    });
    await ledger.submit(
      staff,
      'offers:UpdateOffer',
      termsOf(entriesOffer({ validUntil: '2028-01-01T00:00:00.000Z' })),
    );
    await ledger.submit(pool, 'redemptions:Redeem', redeemRequest({ quantity: 5 }));

    ledger.setTime('2027-01-02T10:00:00.000Z');
    const next = await ledger.submit(pool, 'redemptions:Redeem', redeemRequest());

    expect(next.redemption.periodKey).toBe('2027');
    expect(next.remaining).toBe(4);
  });
});
