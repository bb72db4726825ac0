import { createHash } from 'node:crypto';
import { canonicalJson } from '../src/ledger/json';
import { CARD_TRANSIENT_KEY, QR_MAX_LENGTH, type RedeemRequest } from '../src/vocabulary';
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
    const result = await ledger.redeem(pool, redeemRequest({ quantity: 2 }));

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
    await ledger.redeem(pool, redeemRequest({ quantity: 5 }));
    const before = ledger.world.snapshot();

    await expect(ledger.redeem(pool, redeemRequest())).rejects.toThrow(/^INSUFFICIENT_BALANCE: 0 left/);
    expect(ledger.world.snapshot()).toBe(before);
  });

  it('when more entries are asked than remain, then it is refused', async () => {
    await ledger.redeem(pool, redeemRequest({ quantity: 4 }));

    await expect(ledger.redeem(pool, redeemRequest({ quantity: 2 }))).rejects.toThrow(
      /^INSUFFICIENT_BALANCE: 1 left/,
    );
  });

  it('when the same request id comes again with the same content, then the original result returns and nothing is booked', async () => {
    const request = redeemRequest();
    const first = await ledger.redeem(pool, request);
    const eventsAfterFirst = ledger.events.length;

    const again = await ledger.redeem(pool, request);

    expect(again).toEqual({ ...first, replayed: true });
    expect(await remainingSwims(ledger)).toBe(4);
    expect(ledger.events).toHaveLength(eventsAfterFirst);
  });

  it('when the same request id comes with other content, then it is refused as an idempotency mismatch', async () => {
    const request = redeemRequest();
    await ledger.redeem(pool, request);

    await expect(ledger.redeem(pool, { ...request, quantity: 2 })).rejects.toThrow(/^IDEMPOTENCY_MISMATCH: /);
  });

  it('when a booking is remembered under its request id, then the record keeps a digest of the content, not the content', async () => {
    const request = redeemRequest();
    await ledger.redeem(pool, request);

    const key =
      ledger.world.keysWithPrefix(`\u0000request\u0000${POOL}\u0000${request.requestId}\u0000`)[0] ?? '';
    const record = JSON.parse(Buffer.from(ledger.world.get(key) ?? new Uint8Array()).toString('utf8')) as {
      fingerprint: string;
    };

    expect(record.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('when a request remembered with its whole content (before digests) comes again, then it replays, and other content is still refused', async () => {
    const request = redeemRequest();
    const first = await ledger.redeem(pool, request);
    const key =
      ledger.world.keysWithPrefix(`\u0000request\u0000${POOL}\u0000${request.requestId}\u0000`)[0] ?? '';
    const stored = JSON.parse(
      Buffer.from(ledger.world.get(key) ?? new Uint8Array()).toString('utf8'),
    ) as object;
    const card = createHash('sha256')
      .update(request.qr ?? '', 'utf8')
      .digest('hex');
    const content = { card, offerId: request.offerId, operation: 'redeem', quantity: request.quantity };
    const older = { ...stored, fingerprint: canonicalJson(content) };
    ledger.world.commit({
      txId: 'older',
      millis: 0,
      writes: new Map([[key, Buffer.from(JSON.stringify(older))]]),
      privateWrites: new Map(),
    });

    expect(await ledger.redeem(pool, request)).toEqual({ ...first, replayed: true });
    await expect(ledger.redeem(pool, { ...request, quantity: 2 })).rejects.toThrow(/^IDEMPOTENCY_MISMATCH: /);
  });

  it('when two venues use the same request id, then both are booked (ids are per venue)', async () => {
    const museum = identities.venue(MUSEUM);
    await ledger.redeem(pool, redeemRequest({ requestId: 'same' }));

    const result = await ledger.redeem(museum, {
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
    await ledger.redeem(pool, redeemRequest({ passId: 'SP-0001' }));
    const first = ledger.lastKeys;
    await ledger.redeem(pool, redeemRequest({ passId: 'SP-0002' }));
    const second = ledger.lastKeys;

    const firstWrites = new Set(first.written);
    expect(second.written.filter((key) => firstWrites.has(key))).toEqual([]);
    expect(second.read.filter((key) => firstWrites.has(key))).toEqual([]);
    expect(first.read.filter((key) => second.written.includes(key))).toEqual([]);
  });

  it('when a card is booked, then it asks the peer for each of nine keys once and writes five', async () => {
    await ledger.redeem(pool, redeemRequest());
    const readable = (keys: readonly string[]): string[] =>
      keys.map((key) => key.split('\u0000').filter(Boolean)[0] ?? '');

    // Every GetState is a round trip to the peer: none is repeated.
    expect(readable(ledger.lastKeys.gets)).toEqual([
      'scheme',
      'venue',
      'request',
      'config',
      'qrkey',
      'pass',
      'card~block',
      'offer',
      'voucher',
    ]);
    expect(readable(ledger.lastKeys.written).sort()).toEqual([
      'redemption',
      'redemption~pass',
      'redemption~unclaimed',
      'request',
      'voucher',
    ]);
  });

  it('when a budget is redeemed, then the amount is debited and the share reimbursed', async () => {
    const svb = identities.payerAdmin();
    await ledger.submit(svb, 'vouchers:GrantVoucher', {
      requestId: 'grant-18',
      passId: 'SP-0002',
      offerId: SPORTS_BUDGET,
      amount: 15000,
    });

    const result = await ledger.redeem(
      pool,
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
      requestId: 'grant-19',
      passId: 'SP-0002',
      offerId: SPORTS_BUDGET,
      amount: 1000,
    });

    await expect(
      ledger.redeem(pool, redeemRequest({ passId: 'SP-0002', offerId: SPORTS_BUDGET, amountCents: 1001 })),
    ).rejects.toThrow(/^INSUFFICIENT_BALANCE: /);
  });

  it('when a discount is used, then the discount and the share are recorded and the discount comes off the pass’s discount budget', async () => {
    const museum = identities.venue(MUSEUM);

    const result = await ledger.redeem(
      museum,
      redeemRequest({ offerId: MUSEUM_DISCOUNT, amountCents: 1999 }),
    );

    expect(result.remaining).toBe(4000 - 999);
    expect(result.redemption).toMatchObject({
      units: 999,
      amountCents: 1999,
      discountCents: 999,
      reimbursementCents: 499,
    });
  });

  it('when a venue’s own client books a discount above the offer’s ceiling per booking, then it is refused and nothing changes', async () => {
    const museum = identities.venue(MUSEUM);
    const before = ledger.world.snapshot();

    await expect(
      ledger.redeem(museum, redeemRequest({ offerId: MUSEUM_DISCOUNT, amountCents: 100_000_000 })),
    ).rejects.toThrow(/^AMOUNT_ABOVE_CEILING: offer museum-korting takes at most 5000 cents per booking/);
    expect(ledger.world.snapshot()).toBe(before);
  });

  it('when a pass’s discounts would pass the offer’s discount budget for the period, then the booking is refused', async () => {
    const museum = identities.venue(MUSEUM);
    for (let i = 0; i < 3; i += 1) {
      await ledger.redeem(museum, redeemRequest({ offerId: MUSEUM_DISCOUNT, amountCents: 2500 }));
    }

    await expect(
      ledger.redeem(museum, redeemRequest({ offerId: MUSEUM_DISCOUNT, amountCents: 2500 })),
    ).rejects.toThrow(/^INSUFFICIENT_BALANCE: 250 left on offer museum-korting/);
    const other = await ledger.redeem(
      museum,
      redeemRequest({ passId: 'SP-0002', offerId: MUSEUM_DISCOUNT, amountCents: 2500 }),
    );
    expect(other.remaining).toBe(2750);
  });

  it.each([
    ['an entries offer gets amountCents', { amountCents: 100 }, SWIMS],
    ['a budget offer gets a quantity', { quantity: 1 }, SPORTS_BUDGET],
    ['a budget offer gets no amount', {}, SPORTS_BUDGET],
  ])('when %s, then it is refused as invalid', async (_case, amounts, offerId) => {
    await expect(
      ledger.redeem(pool, {
        ...redeemRequest({ passId: 'SP-0002', offerId }),
        ...amounts,
      }),
    ).rejects.toThrow(/^INVALID_ARGUMENT: /);
  });

  it('when the pass is blocked, then it is refused', async () => {
    await ledger.submit(staff, 'passes:BlockPass', { passId: 'SP-0001', reason: 'lost' });

    await expect(ledger.redeem(pool, redeemRequest())).rejects.toThrow(/^PASS_BLOCKED: /);
  });

  it('when the pass was replaced, then the old card is refused', async () => {
    await ledger.submit(staff, 'passes:ReplacePass', { passId: 'SP-0001', newPassId: 'SP-0100' });

    await expect(ledger.redeem(pool, redeemRequest())).rejects.toThrow(/^PASS_BLOCKED: .*replaced/);
  });

  it('when the pass is not valid yet, then it is refused as not active', async () => {
    ledger.setTime('2025-12-31T23:59:59.000Z');

    await expect(ledger.redeem(pool, redeemRequest())).rejects.toThrow(/^PASS_NOT_ACTIVE: /);
  });

  it('when the pass has expired, then it is refused as expired', async () => {
    ledger.setTime('2027-01-01T00:00:00.000Z');

    await expect(ledger.redeem(pool, redeemRequest())).rejects.toThrow(/^PASS_EXPIRED: /);
  });

  it('when the offer is retired, then it is refused', async () => {
    await ledger.submit(staff, 'offers:RetireOffer', { offerId: SWIMS });

    await expect(ledger.redeem(pool, redeemRequest())).rejects.toThrow(/^OFFER_NOT_VALID: /);
  });

  it('when the venue does not take the offer, then it is refused', async () => {
    await expect(ledger.redeem(identities.venue(MUSEUM), redeemRequest())).rejects.toThrow(
      /^VENUE_NOT_ELIGIBLE: /,
    );
  });

  it('when the pass category is not eligible, then it is refused', async () => {
    await expect(
      ledger.redeem(pool, redeemRequest({ offerId: SPORTS_BUDGET, amountCents: 100 })),
    ).rejects.toThrow(/^CATEGORY_NOT_ELIGIBLE: /);
  });

  it('when the venue’s own organisation suspends it, then it is refused', async () => {
    await ledger.submit(identities.venuesAdmin(), 'venues:SuspendVenue', { venueId: POOL, reason: 'audit' });

    await expect(ledger.redeem(pool, redeemRequest())).rejects.toThrow(
      /^VENUE_SUSPENDED: venue zwembad-kardinge is suspended$/,
    );
  });

  it('when the municipality suspends the venue for its passes, then the venue books none of them', async () => {
    await ledger.submit(identities.municipalityAdmin(), 'venues:SuspendVenue', {
      venueId: POOL,
      reason: 'audit',
    });

    await expect(ledger.redeem(pool, redeemRequest())).rejects.toThrow(
      /^VENUE_SUSPENDED: venue zwembad-kardinge is suspended for passes of GemeenteMSP/,
    );
  });

  it('when the venue identity belongs to another organisation than the venue, then it is refused', async () => {
    const impostor = identities.venue(POOL, 'OtherChainMSP');

    await expect(ledger.redeem(impostor, redeemRequest())).rejects.toThrow(/^FORBIDDEN: /);
  });

  it('when the venue is not registered, then it is refused', async () => {
    await expect(ledger.redeem(identities.venue('unknown-venue'), redeemRequest())).rejects.toThrow(
      /^NOT_FOUND: /,
    );
  });

  it.each([
    ['the municipality', identities.municipalityStaff()],
    ['the payer', identities.payer()],
    ['a venues admin without venueId', identities.venuesAdmin()],
    ['a venue role without venueId', identities.custom('VenuesMSP', { role: 'venue' })],
  ])('when %s tries to redeem, then it is forbidden', async (_who, who) => {
    await expect(ledger.redeem(who, redeemRequest())).rejects.toThrow(/^FORBIDDEN: /);
  });

  it('when the pass or offer is unknown, then it is refused as not found', async () => {
    await expect(ledger.redeem(pool, redeemRequest({ passId: 'nope' }))).rejects.toThrow(/^NOT_FOUND: pass/);
    await expect(ledger.redeem(pool, redeemRequest({ offerId: 'nope' }))).rejects.toThrow(
      /^NOT_FOUND: offer/,
    );
  });

  /** A booking's request without its card, and the card that goes in the transient map. */
  function split(overrides: Parameters<typeof redeemRequest>[0] = {}): [RedeemRequest, string] {
    const { qr = '', ...request } = redeemRequest(overrides);
    return [request, qr];
  }
  const [request, card] = split();

  it.each([
    ['not JSON', 'not json', card],
    ['an array', '[]', card],
    ['an unknown field', JSON.stringify({ ...request, venueId: POOL }), card],
    ['a zero quantity', JSON.stringify(split({ quantity: 0 })[0]), card],
    ['a fractional amount', JSON.stringify(split({ amountCents: 1.5 })[0]), card],
    ['a malformed pass id', JSON.stringify({ requestId: 'r-1', passId: 'a b', offerId: SWIMS }), undefined],
    ['both a card and a pass id', JSON.stringify({ ...request, passId: 'SP-0001' }), card],
    ['neither a card nor a pass id', JSON.stringify(request), undefined],
    ['the card as an argument', JSON.stringify({ ...request, qr: card }), undefined],
    ['an empty card', JSON.stringify(request), ''],
    ['a card longer than any card', JSON.stringify(request), 'S'.repeat(QR_MAX_LENGTH + 1)],
  ])('when the request is %s, then it is refused as invalid', async (_case, raw, transientCard) => {
    const transient = transientCard === undefined ? {} : { [CARD_TRANSIENT_KEY]: transientCard };
    await expect(
      ledger.invoke(pool, 'redemptions:Redeem', [raw], { commit: true, transient }),
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
    await ledger.redeem(pool, redeemRequest({ quantity: 5 }));

    ledger.setTime('2027-01-02T10:00:00.000Z');
    const next = await ledger.redeem(pool, redeemRequest());

    expect(next.redemption.periodKey).toBe('2027');
    expect(next.remaining).toBe(4);
  });
});
