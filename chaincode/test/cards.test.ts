import { generateKeyPairSync } from 'node:crypto';
import { CARD_TRANSIENT_KEY, decodeQr, joinQr, qrSignedPart, QR_MAX_LENGTH } from '../src/vocabulary';
import { identities } from './support/identities';
import type { InMemoryLedger } from './support/in-memory-ledger';
import {
  cardOf,
  MUSEUM,
  MUSEUM_DISCOUNT,
  POOL,
  QR_KEY_ID,
  qrKeyRequest,
  redeemRequest,
  seededLedger,
  SPORTS_BUDGET,
  SWIMS,
} from './support/fixtures';

const pool = identities.venue(POOL);
const staff = identities.municipalityStaff();
const admin = identities.municipalityAdmin();
const nextPair = generateKeyPairSync('ed25519');
const nextKey = {
  privateKey: nextPair.privateKey,
  pem: nextPair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
};

describe('redemptions:Redeem with the card', () => {
  let ledger: InMemoryLedger;
  beforeEach(async () => {
    ledger = await seededLedger();
  });

  it('when a venue books with a genuine card, then the booking records that the card was presented', async () => {
    const result = await ledger.redeem(pool, redeemRequest());

    expect(result.redemption).toMatchObject({ passId: 'SP-0001', presented: 'card' });
    expect(ledger.lastEvent()).toMatchObject({ name: 'Redeemed', payload: { presented: 'card' } });
  });

  it('when a venue books with a card, then no written key, value or event holds the card’s code or its signature', async () => {
    const booking = redeemRequest();
    const card = booking.qr ?? '';
    const signature = card.split('.').at(-1) ?? '';

    await ledger.redeem(pool, booking);
    await ledger.redeem(pool, booking);

    const state = ledger.world.keysWithPrefix('').map((key) => {
      return key + Buffer.from(ledger.world.get(key) ?? new Uint8Array()).toString('utf8');
    });
    const written = state.join('\n') + JSON.stringify(ledger.events);
    expect(written).toContain('"presented":"card"');
    expect(signature.length).toBeGreaterThan(40);
    expect(written).not.toContain(signature);
    expect(written).not.toContain(card.split('.')[1]);
  });

  it('when a request id is retried with another card of the same pass, then it is refused as other content', async () => {
    const booking = redeemRequest();
    await ledger.redeem(pool, booking);
    await ledger.submit(
      admin,
      'config:AddQrKey',
      qrKeyRequest({ keyId: 'qr-next', publicKeyPem: nextKey.pem }),
    );

    await expect(
      ledger.redeem(pool, { ...booking, qr: cardOf('SP-0001', 'qr-next', nextKey.privateKey) }),
    ).rejects.toThrow(/^IDEMPOTENCY_MISMATCH: /);
  });

  it('when the card’s signature is forged, then the chaincode refuses it and nothing changes', async () => {
    const forger = generateKeyPairSync('ed25519').privateKey;
    const before = ledger.world.snapshot();

    await expect(
      ledger.redeem(pool, {
        ...redeemRequest(),
        qr: cardOf('SP-0001', QR_KEY_ID, forger),
      }),
    ).rejects.toThrow('INVALID_QR: QR payload signature does not match');
    expect(ledger.world.snapshot()).toBe(before);
  });

  it('when a card’s signature is put on a payload for another pass, then it is refused', async () => {
    const genuine = decodeQr(cardOf('SP-0001'));
    const other = joinQr(qrSignedPart({ passId: 'SP-0002', keyId: QR_KEY_ID }), genuine.signature);

    await expect(ledger.redeem(pool, { ...redeemRequest(), qr: other })).rejects.toThrow(/^INVALID_QR: /);
  });

  it('when the card names a key the ledger does not hold, then it is refused', async () => {
    const stranger = generateKeyPairSync('ed25519').privateKey;

    await expect(
      ledger.redeem(pool, {
        ...redeemRequest(),
        qr: cardOf('SP-0001', 'qr-unknown', stranger),
      }),
    ).rejects.toThrow('INVALID_QR: QR payload is signed by an unknown key');
  });

  it('when the card names a key id that is no identifier, then it is refused as an unknown key', async () => {
    await expect(
      ledger.redeem(pool, { ...redeemRequest(), qr: cardOf('SP-0001', 'a\u0000b') }),
    ).rejects.toThrow('INVALID_QR: QR payload is signed by an unknown key');
  });

  it('when the card’s key was retired before the transaction time, then it is refused', async () => {
    await ledger.submit(admin, 'config:RetireQrKey', {
      keyId: QR_KEY_ID,
      validUntil: '2026-03-01T00:00:00.000Z',
    });

    await expect(ledger.redeem(pool, redeemRequest())).rejects.toThrow(
      /^INVALID_QR: QR payload is signed by key qr-test-1, which is not valid at 2026-03-02T09:00:00.000Z/,
    );
  });

  it('when the card’s key becomes valid only after the transaction time, then it is refused', async () => {
    await ledger.submit(admin, 'config:AddQrKey', {
      ...qrKeyRequest({ keyId: 'qr-next', validFrom: '2026-06-01T00:00:00.000Z' }),
    });

    await expect(
      ledger.redeem(pool, { ...redeemRequest(), qr: cardOf('SP-0001', 'qr-next') }),
    ).rejects.toThrow(/^INVALID_QR: .*not valid at/);
  });

  it('when a card was accepted and the request is retried after its key was retired, then the booking replays', async () => {
    const request = redeemRequest();
    const first = await ledger.redeem(pool, request);
    await ledger.submit(admin, 'config:RetireQrKey', { keyId: QR_KEY_ID, validUntil: ledger.now() });

    const again = await ledger.redeem(pool, request);

    expect(again).toEqual({ ...first, replayed: true });
  });

  it('when a venue books by pass number without the permission, then it is forbidden and nothing changes', async () => {
    const before = ledger.world.snapshot();

    await expect(
      ledger.redeem(pool, {
        requestId: 'by-number',
        passId: 'SP-0001',
        offerId: SWIMS,
      }),
    ).rejects.toThrow(
      "FORBIDDEN: venue zwembad-kardinge books with the card's QR code: no municipality allowed it to book pass SP-0001 by number",
    );
    expect(ledger.world.snapshot()).toBe(before);
  });

  it('when a venue with the permission books by pass number, then it is booked and recorded as by number', async () => {
    await ledger.submit(admin, 'venues:GrantBookByNumber', { venueId: POOL, reason: 'phone bookings' });

    const result = await ledger.redeem(pool, {
      requestId: 'by-number',
      passId: 'SP-0001',
      offerId: SWIMS,
    });

    expect(result.redemption).toMatchObject({ passId: 'SP-0001', presented: 'number' });
    expect(ledger.lastEvent()).toMatchObject({ name: 'Redeemed', payload: { presented: 'number' } });
  });

  it('when a venue by number is reversed, then the reversal says how the pass was presented too', async () => {
    await ledger.submit(admin, 'venues:GrantBookByNumber', { venueId: POOL, reason: 'phone bookings' });
    const booked = await ledger.redeem(pool, {
      requestId: 'by-number',
      passId: 'SP-0001',
      offerId: SWIMS,
    });

    const reversal = await ledger.submit(pool, 'redemptions:Reverse', {
      requestId: 'undo',
      redemptionId: booked.redemption.redemptionId,
    });

    expect(reversal.redemption).toMatchObject({ type: 'reversal', presented: 'number' });
  });

  it('when another venue holds the permission, then this venue still may not book by number', async () => {
    await ledger.submit(admin, 'venues:GrantBookByNumber', { venueId: MUSEUM, reason: 'desk bookings' });

    await expect(
      ledger.redeem(pool, {
        requestId: 'by-number',
        passId: 'SP-0001',
        offerId: SWIMS,
      }),
    ).rejects.toThrow(/^FORBIDDEN: /);
  });
});

/** The SVB grants the child's pass SP-0002 a sports budget (default: the current period). */
async function grantChildBudget(ledger: InMemoryLedger, amount: number, periodKey?: string): Promise<void> {
  await ledger.submit(identities.payerAdmin(), 'vouchers:GrantVoucher', {
    requestId: `grant-${String(amount)}-${periodKey ?? 'now'}`,
    passId: 'SP-0002',
    offerId: SPORTS_BUDGET,
    amount,
    ...(periodKey === undefined ? {} : { periodKey }),
  });
}

describe('redemptions:Scan', () => {
  let ledger: InMemoryLedger;
  beforeEach(async () => {
    ledger = await seededLedger();
  });

  it('when a venue scans a card, then it sees the pass status and only the vouchers it may book there now', async () => {
    await grantChildBudget(ledger, 5000);
    await grantChildBudget(ledger, 100, '2025');

    const atPool = await ledger.scan(pool, cardOf('SP-0002'));
    const atMuseum = await ledger.scan(identities.venue(MUSEUM), cardOf('SP-0002'));

    expect(atPool).toMatchObject({ passId: 'SP-0002', status: 'active', category: 'child' });
    expect(atPool.vouchers.map((v) => [v.offerId, v.periodKey, v.remaining])).toEqual([
      [SPORTS_BUDGET, '2026', 5000],
      [SWIMS, '2026', 5],
    ]);
    expect(atMuseum.vouchers.map((v) => [v.offerId, v.periodKey, v.remaining])).toEqual([
      [MUSEUM_DISCOUNT, '2026', 4000],
    ]);
  });

  it('when the municipality scans a card, then it sees every voucher', async () => {
    await ledger.submit(staff, 'offers:RetireOffer', { offerId: SWIMS });
    await grantChildBudget(ledger, 100, '2025');

    const scan = await ledger.scan(staff, cardOf('SP-0002'));

    expect(scan.vouchers.map((v) => [v.offerId, v.periodKey])).toEqual([
      [SPORTS_BUDGET, '2025'],
      [MUSEUM_DISCOUNT, '2026'],
    ]);
  });

  it('when the municipality’s gateway reads a card for its holder page, as its reader, then it sees every voucher and may do nothing else', async () => {
    const reader = identities.municipalityReader();

    const scan = await ledger.scan(reader, cardOf('SP-0002'));

    expect(scan).toMatchObject({ passId: 'SP-0002', status: 'active' });
    await expect(ledger.evaluate(reader, 'passes:GetPass', { passId: 'SP-0002' })).rejects.toThrow(
      /^FORBIDDEN: /,
    );
    await expect(
      ledger.evaluate(reader, 'redemptions:ListRedemptionsByPass', { passId: 'SP-0002' }),
    ).rejects.toThrow(/^FORBIDDEN: /);
    await expect(
      ledger.submit(reader, 'passes:BlockPass', { passId: 'SP-0002', reason: 'lost' }),
    ).rejects.toThrow(/^FORBIDDEN: /);
    await expect(
      ledger.scan(identities.custom('VenuesMSP', { role: 'reader' }), cardOf('SP-0002')),
    ).rejects.toThrow(/^FORBIDDEN: /);
  });

  it('when the pass is blocked, then the scan shows it rather than failing', async () => {
    await ledger.submit(staff, 'passes:BlockPass', { passId: 'SP-0001', reason: 'lost' });

    const scan = await ledger.scan(pool, cardOf('SP-0001'));

    expect(scan.status).toBe('blocked');
  });

  it('when the card is forged, then the scan is refused', async () => {
    const forger = generateKeyPairSync('ed25519').privateKey;

    await expect(ledger.scan(pool, cardOf('SP-0001', QR_KEY_ID, forger))).rejects.toThrow(/^INVALID_QR: /);
  });

  it.each([
    ['the payer', identities.payer()],
    ['a venue of another organisation', identities.venue(POOL, 'OtherChainMSP')],
    ['a venues admin', identities.venuesAdmin()],
  ])('when %s scans a card, then it is forbidden', async (_who, who) => {
    await expect(ledger.scan(who, cardOf('SP-0001'))).rejects.toThrow(/^FORBIDDEN: /);
  });

  it.each([
    ['no card', {}],
    ['an empty card', { [CARD_TRANSIENT_KEY]: '' }],
    ['a card longer than any card', { [CARD_TRANSIENT_KEY]: 'S'.repeat(QR_MAX_LENGTH + 1) }],
  ])('when the scan presents %s, then it is refused as invalid', async (_case, transient) => {
    await expect(ledger.evaluate(pool, 'redemptions:Scan', undefined, transient)).rejects.toThrow(
      /^INVALID_ARGUMENT: /,
    );
  });
});
