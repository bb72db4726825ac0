import {
  CARD_TRANSIENT_KEY,
  LINK_CODE_TRANSIENT_KEY,
  linkCodeDigest,
  type RedeemResponse,
} from '../src/vocabulary';
import { Phone } from './support/phones';
import { identities } from './support/identities';
import type { InMemoryLedger } from './support/in-memory-ledger';
import {
  cardOf,
  entriesOffer,
  MUSEUM,
  POOL,
  redeemRequest,
  seededLedger,
  SWIMS,
  termsOf,
} from './support/fixtures';

const admin = identities.municipalityAdmin();
const staff = identities.municipalityStaff();
const pool = identities.venue(POOL);
const museum = identities.venue(MUSEUM);
const HOUR = 3600;

/** A booking the counter made offline at `offlineAt`, with the card as it was shown then. */
function offline(
  offlineAt: string,
  overrides: Parameters<typeof redeemRequest>[0] = {},
): ReturnType<typeof redeemRequest> & { offlineAt: string } {
  return { ...redeemRequest(overrides), offlineAt };
}

describe('bookings made at an offline counter, settled later', () => {
  let ledger: InMemoryLedger;
  beforeEach(async () => {
    ledger = await seededLedger();
    await ledger.submit(admin, 'config:SetConfig', {
      passYearStart: '01-01',
      reversalWindowSeconds: HOUR,
      offlineBookingsPerDay: 2,
      offlineWindowSeconds: 24 * HOUR,
    });
    await ledger.submit(
      staff,
      'offers:UpdateOffer',
      termsOf(entriesOffer({ eligibleVenueIds: [POOL, MUSEUM] })),
    );
  });

  it('when a queued booking is settled, then it records when it was made at the counter beside when it was settled, and a retry books nothing', async () => {
    const madeAt = ledger.now();
    const booking = offline(madeAt);
    ledger.advanceSeconds(2 * HOUR);

    const first = await ledger.redeem(pool, booking);
    const retry = await ledger.redeem(pool, booking);

    expect(first.redemption).toMatchObject({ offlineAt: madeAt, at: ledger.now(), presented: 'card' });
    expect(first.redemption.overdrawnUnits).toBeUndefined();
    expect(retry).toMatchObject({
      replayed: true,
      redemption: { redemptionId: first.redemption.redemptionId },
    });
    expect(ledger.lastEvent()).toMatchObject({ name: 'Redeemed', payload: { offlineAt: madeAt } });
  });

  it('when an online booking’s answer was lost and the counter settles it as made offline under the same request id, then it is the same booking', async () => {
    const booking = redeemRequest();
    const online = await ledger.redeem(pool, booking);
    ledger.advanceSeconds(60);

    const settled = await ledger.redeem(pool, { ...booking, offlineAt: online.redemption.at });

    expect(settled).toMatchObject({
      replayed: true,
      redemption: { redemptionId: online.redemption.redemptionId },
    });
    expect(settled.redemption.offlineAt).toBeUndefined();
  });

  it('when two offline venues together take more than the balance, then both are booked in full and the second is flagged overdrawn', async () => {
    await ledger.redeem(pool, redeemRequest({ quantity: 4 }));
    const madeAt = ledger.now();
    ledger.advanceSeconds(HOUR);

    const atPool = await ledger.redeem(pool, offline(madeAt));
    const atMuseum = await ledger.redeem(museum, offline(madeAt, { quantity: 2 }));

    expect(atPool.redemption.overdrawnUnits).toBeUndefined();
    expect(atMuseum).toMatchObject({
      remaining: 0,
      redemption: { units: 2, overdrawnUnits: 2, reimbursementCents: 900 },
    });
    const voucher = (await ledger.scan(staff, cardOf('SP-0001'))).vouchers.find((v) => v.offerId === SWIMS);
    expect(voucher).toMatchObject({ used: 7, remaining: 0 });
  });

  it('when a booking online is over the balance, then it is still refused', async () => {
    await ledger.redeem(pool, redeemRequest({ quantity: 5 }));

    await expect(ledger.redeem(pool, redeemRequest())).rejects.toThrow(/^INSUFFICIENT_BALANCE/);
  });

  it('when a venue settles more offline bookings of a pass on one day than the scheme allows, then the next is refused; another venue has its own allowance', async () => {
    const madeAt = ledger.now();
    ledger.advanceSeconds(60);
    await ledger.redeem(pool, offline(madeAt));
    await ledger.redeem(pool, offline(madeAt));

    await expect(ledger.redeem(pool, offline(madeAt))).rejects.toThrow(
      /^DAILY_LIMIT_REACHED: venue zwembad-kardinge booked pass SP-0001 offline 2 times/,
    );
    await expect(ledger.redeem(museum, offline(madeAt))).resolves.toMatchObject({ replayed: false });
  });

  it('when a booking says it was made later than it is settled, or longer ago than the window, then it is refused', async () => {
    const old = ledger.now();
    ledger.advanceSeconds(25 * HOUR);
    const future = new Date(Date.parse(ledger.now()) + 60_000).toISOString();

    await expect(ledger.redeem(pool, offline(future))).rejects.toThrow(/^INVALID_ARGUMENT: offlineAt/);
    await expect(ledger.redeem(pool, offline(old))).rejects.toThrow(/^OFFLINE_WINDOW_CLOSED/);
  });

  it('when the app’s code shown at the offline counter is settled an hour later, then it books; a code already old at the counter is refused', async () => {
    const phone = new Phone();
    await ledger.submit(staff, 'devices:IssueLinkLetter', {
      passId: 'SP-0001',
      codeDigest: linkCodeDigest('L'),
    });
    await ledger.submit(
      identities.municipalityReader(),
      'devices:LinkDevice',
      { publicKey: phone.publicKey },
      { [CARD_TRANSIENT_KEY]: cardOf('SP-0001'), [LINK_CODE_TRANSIENT_KEY]: 'L' },
    );
    const madeAt = ledger.now();
    const shown = phone.code('SP-0001', madeAt);
    const screenshot = phone.code('SP-0001', new Date(Date.parse(madeAt) - 2 * 60_000).toISOString());
    ledger.advanceSeconds(HOUR);

    const settled = await ledger.redeem(pool, { ...offline(madeAt), qr: shown });

    expect(settled.redemption).toMatchObject({ presented: 'app', offlineAt: madeAt });
    await expect(ledger.redeem(pool, { ...offline(madeAt), qr: screenshot })).rejects.toThrow(
      /^INVALID_QR: the code expired/,
    );
  });

  it('when the scheme takes no offline bookings, then one is refused', async () => {
    const plain = await seededLedger();

    await expect(plain.redeem(pool, offline(plain.now()))).rejects.toThrow(
      /^FORBIDDEN: the scheme takes no offline bookings/,
    );
  });

  it('when an offline booking presents a card, then the card is judged at the time it was made, and the pass’s validity too', async () => {
    ledger.setTime('2026-12-31T23:30:00.000Z');
    const madeAt = ledger.now();
    ledger.setTime('2027-01-01T01:00:00.000Z');

    const settled: RedeemResponse = await ledger.redeem(pool, offline(madeAt));

    expect(settled.redemption).toMatchObject({ periodKey: '2026', offlineAt: madeAt });
    await expect(ledger.redeem(pool, redeemRequest())).rejects.toThrow(/^(PASS_EXPIRED|OFFER_NOT_VALID)/);
  });
});
