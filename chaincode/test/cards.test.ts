import { generateKeyPairSync } from 'node:crypto';
import { joinQr, qrSignedPart, decodeQr } from '../src/vocabulary';
import { identities } from './support/identities';
import type { InMemoryLedger } from './support/in-memory-ledger';
import {
  cardOf,
  MUSEUM,
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

describe('redemptions:Redeem with the card', () => {
  let ledger: InMemoryLedger;
  beforeEach(async () => {
    ledger = await seededLedger();
  });

  it('when a venue books with a genuine card, then the booking records that the card was presented', async () => {
    const result = await ledger.submit(pool, 'redemptions:Redeem', redeemRequest());

    expect(result.redemption).toMatchObject({ passId: 'SP-0001', presented: 'card' });
    expect(ledger.lastEvent()).toMatchObject({ name: 'Redeemed', payload: { presented: 'card' } });
  });

  it('when the card’s signature is forged, then the chaincode refuses it and nothing changes', async () => {
    const forger = generateKeyPairSync('ed25519').privateKey;
    const before = ledger.world.snapshot();

    await expect(
      ledger.submit(pool, 'redemptions:Redeem', {
        ...redeemRequest(),
        qr: cardOf('SP-0001', QR_KEY_ID, forger),
      }),
    ).rejects.toThrow('INVALID_QR: QR payload signature does not match');
    expect(ledger.world.snapshot()).toBe(before);
  });

  it('when a card’s signature is put on a payload for another pass, then it is refused', async () => {
    const genuine = decodeQr(cardOf('SP-0001'));
    const other = joinQr(qrSignedPart({ passId: 'SP-0002', keyId: QR_KEY_ID }), genuine.signature);

    await expect(
      ledger.submit(pool, 'redemptions:Redeem', { ...redeemRequest(), qr: other }),
    ).rejects.toThrow(/^INVALID_QR: /);
  });

  it('when the card names a key the ledger does not hold, then it is refused', async () => {
    const stranger = generateKeyPairSync('ed25519').privateKey;

    await expect(
      ledger.submit(pool, 'redemptions:Redeem', {
        ...redeemRequest(),
        qr: cardOf('SP-0001', 'qr-unknown', stranger),
      }),
    ).rejects.toThrow('INVALID_QR: QR payload is signed by an unknown key');
  });

  it('when the card names a key id that is no identifier, then it is refused as an unknown key', async () => {
    await expect(
      ledger.submit(pool, 'redemptions:Redeem', { ...redeemRequest(), qr: cardOf('SP-0001', 'a\u0000b') }),
    ).rejects.toThrow('INVALID_QR: QR payload is signed by an unknown key');
  });

  it('when the card’s key was retired before the transaction time, then it is refused', async () => {
    await ledger.submit(admin, 'config:RetireQrKey', {
      keyId: QR_KEY_ID,
      validUntil: '2026-03-01T00:00:00.000Z',
    });

    await expect(ledger.submit(pool, 'redemptions:Redeem', redeemRequest())).rejects.toThrow(
      /^INVALID_QR: QR payload is signed by key qr-test-1, which is not valid at 2026-03-02T09:00:00.000Z/,
    );
  });

  it('when the card’s key becomes valid only after the transaction time, then it is refused', async () => {
    await ledger.submit(admin, 'config:AddQrKey', {
      ...qrKeyRequest({ keyId: 'qr-next', validFrom: '2026-06-01T00:00:00.000Z' }),
    });

    await expect(
      ledger.submit(pool, 'redemptions:Redeem', { ...redeemRequest(), qr: cardOf('SP-0001', 'qr-next') }),
    ).rejects.toThrow(/^INVALID_QR: .*not valid at/);
  });

  it('when a card was accepted and the request is retried after its key was retired, then the booking replays', async () => {
    const request = redeemRequest();
    const first = await ledger.submit(pool, 'redemptions:Redeem', request);
    await ledger.submit(admin, 'config:RetireQrKey', { keyId: QR_KEY_ID, validUntil: ledger.now() });

    const again = await ledger.submit(pool, 'redemptions:Redeem', request);

    expect(again).toEqual({ ...first, replayed: true });
  });

  it('when a venue books by pass number without the permission, then it is forbidden and nothing changes', async () => {
    const before = ledger.world.snapshot();

    await expect(
      ledger.submit(pool, 'redemptions:Redeem', {
        requestId: 'by-number',
        passId: 'SP-0001',
        offerId: SWIMS,
      }),
    ).rejects.toThrow("FORBIDDEN: venue zwembad-kardinge books with the card's QR code, not by pass number");
    expect(ledger.world.snapshot()).toBe(before);
  });

  it('when a venue with the permission books by pass number, then it is booked and recorded as by number', async () => {
    await ledger.submit(admin, 'venues:GrantBookByNumber', { venueId: POOL, reason: 'phone bookings' });

    const result = await ledger.submit(pool, 'redemptions:Redeem', {
      requestId: 'by-number',
      passId: 'SP-0001',
      offerId: SWIMS,
    });

    expect(result.redemption).toMatchObject({ passId: 'SP-0001', presented: 'number' });
    expect(ledger.lastEvent()).toMatchObject({ name: 'Redeemed', payload: { presented: 'number' } });
  });

  it('when a venue by number is reversed, then the reversal says how the pass was presented too', async () => {
    await ledger.submit(admin, 'venues:GrantBookByNumber', { venueId: POOL, reason: 'phone bookings' });
    const booked = await ledger.submit(pool, 'redemptions:Redeem', {
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
      ledger.submit(pool, 'redemptions:Redeem', {
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

    const atPool = await ledger.evaluate(pool, 'redemptions:Scan', { qr: cardOf('SP-0002') });
    const atMuseum = await ledger.evaluate(identities.venue(MUSEUM), 'redemptions:Scan', {
      qr: cardOf('SP-0002'),
    });

    expect(atPool).toMatchObject({ passId: 'SP-0002', status: 'active', category: 'child' });
    expect(atPool.vouchers.map((v) => [v.offerId, v.periodKey, v.remaining])).toEqual([
      [SPORTS_BUDGET, '2026', 5000],
      [SWIMS, '2026', 5],
    ]);
    expect(atMuseum.vouchers).toEqual([]);
  });

  it('when the municipality scans a card, then it sees every voucher', async () => {
    await ledger.submit(staff, 'offers:RetireOffer', { offerId: SWIMS });
    await grantChildBudget(ledger, 100, '2025');

    const scan = await ledger.evaluate(staff, 'redemptions:Scan', { qr: cardOf('SP-0002') });

    expect(scan.vouchers.map((v) => v.periodKey)).toEqual(['2025']);
  });

  it('when the pass is blocked, then the scan shows it rather than failing', async () => {
    await ledger.submit(staff, 'passes:BlockPass', { passId: 'SP-0001', reason: 'lost' });

    const scan = await ledger.evaluate(pool, 'redemptions:Scan', { qr: cardOf('SP-0001') });

    expect(scan.status).toBe('blocked');
  });

  it('when the card is forged, then the scan is refused', async () => {
    const forger = generateKeyPairSync('ed25519').privateKey;

    await expect(
      ledger.evaluate(pool, 'redemptions:Scan', { qr: cardOf('SP-0001', QR_KEY_ID, forger) }),
    ).rejects.toThrow(/^INVALID_QR: /);
  });

  it.each([
    ['the payer', identities.payer()],
    ['a venue of another organisation', identities.venue(POOL, 'OtherChainMSP')],
    ['a venues admin', identities.venuesAdmin()],
  ])('when %s scans a card, then it is forbidden', async (_who, who) => {
    await expect(ledger.evaluate(who, 'redemptions:Scan', { qr: cardOf('SP-0001') })).rejects.toThrow(
      /^FORBIDDEN: /,
    );
  });

  it.each([
    ['no qr', '{}'],
    ['an unknown field', JSON.stringify({ qr: 'SP1.a.b', passId: 'SP-0001' })],
  ])('when the scan request has %s, then it is refused as invalid', async (_case, raw) => {
    await expect(
      ledger.invoke(pool, 'redemptions:Scan', [raw], { commit: false, transient: {} }),
    ).rejects.toThrow(/^INVALID_ARGUMENT: /);
  });
});
