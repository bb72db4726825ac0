import { identities } from './support/identities';
import { REGION, type InMemoryLedger } from './support/in-memory-ledger';
import { MUSEUM, MUSEUM_DISCOUNT, POOL, redeemRequest, seededLedger } from './support/fixtures';

const pool = identities.venue(POOL);
const museum = identities.venue(MUSEUM);
const staff = identities.municipalityStaff();

describe('redemption queries', () => {
  let ledger: InMemoryLedger;
  let ids: string[];
  beforeEach(async () => {
    ledger = await seededLedger();
    ids = [];
    for (const day of ['2026-03-02', '2026-03-03', '2026-03-04']) {
      ledger.setTime(`${day}T10:00:00.000Z`);
      ids.push((await ledger.redeem(pool, redeemRequest())).redemption.redemptionId);
    }
    await ledger.redeem(museum, redeemRequest({ offerId: MUSEUM_DISCOUNT, amountCents: 500 }));
  });

  it('when a pass is listed page by page, then all its bookings come in time order', async () => {
    const first = await ledger.evaluate(staff, 'redemptions:ListRedemptionsByPass', {
      passId: 'SP-0001',
      pageSize: 3,
    });
    const second = await ledger.evaluate(staff, 'redemptions:ListRedemptionsByPass', {
      passId: 'SP-0001',
      pageSize: 3,
      bookmark: first.bookmark,
    });

    expect(first.items.map((item) => item.redemptionId)).toEqual(ids);
    expect(first.fetchedCount).toBe(3);
    expect(second.items.map((item) => item.venueId)).toEqual([MUSEUM]);
    expect(second.bookmark).toBe('');
  });

  it('when a pass has no bookings, then its list is an empty last page', async () => {
    const page = await ledger.evaluate(staff, 'redemptions:ListRedemptionsByPass', { passId: 'NOPE-1' });

    expect(page).toEqual({ items: [], bookmark: '', fetchedCount: 0 });
  });

  it('when the bookmark is not a key of the listing, then it is refused', async () => {
    const otherPass = await ledger.evaluate(staff, 'redemptions:ListRedemptionsByPass', {
      passId: 'SP-0001',
      pageSize: 1,
    });

    for (const bookmark of ['xyz', otherPass.bookmark]) {
      await expect(
        ledger.evaluate(staff, 'redemptions:ListRedemptionsByPass', { passId: 'SP-0002', bookmark }),
      ).rejects.toThrow(/^INVALID_ARGUMENT: bookmark/);
    }
  });

  it('when a venue lists by pass, then it is forbidden', async () => {
    await expect(
      ledger.evaluate(pool, 'redemptions:ListRedemptionsByPass', { passId: 'SP-0001' }),
    ).rejects.toThrow(/^FORBIDDEN: /);
  });

  it('when an identity of another organisation claims the venue id, then it may not read its bookings', async () => {
    const impostor = identities.venue(POOL, 'OtherChainMSP');

    await expect(
      ledger.evaluate(impostor, 'redemptions:GetRedemption', { redemptionId: ids[0] ?? '' }),
    ).rejects.toThrow(/^FORBIDDEN: /);
  });

  it.each([
    ['a page size of zero', { passId: 'SP-0001', pageSize: 0 }],
    ['a page size over 200', { passId: 'SP-0001', pageSize: 201 }],
    ['a bookmark that is not a string', { passId: 'SP-0001', bookmark: 5 as never }],
  ])('when the listing has %s, then it is refused', async (_case, request) => {
    await expect(ledger.evaluate(staff, 'redemptions:ListRedemptionsByPass', request)).rejects.toThrow(
      /^INVALID_ARGUMENT: /,
    );
  });

  it('when a booking is read, then its venue, the municipality and its funder may; another venue may not', async () => {
    const redemptionId = ids[0] ?? '';

    for (const reader of [pool, staff, identities.municipalityAdmin()]) {
      expect(
        (await ledger.evaluate(reader, 'redemptions:GetRedemption', { redemptionId })).redemptionId,
      ).toBe(redemptionId);
    }
    await expect(ledger.evaluate(museum, 'redemptions:GetRedemption', { redemptionId })).rejects.toThrow(
      /^FORBIDDEN: /,
    );
    await expect(
      ledger.evaluate(staff, 'redemptions:GetRedemption', { redemptionId: 'nope' }),
    ).rejects.toThrow(/^NOT_FOUND: /);
  });
});

describe('redemption queries under the one read rule', () => {
  it('when another municipality and the venues admin list a pass’s bookings, then the first sees none of Groningen’s passes and the second is refused', async () => {
    const ledger = await seededLedger(REGION);
    await ledger.redeem(pool, redeemRequest());
    await ledger.redeem(pool, redeemRequest({ quantity: 2 }));

    const west = await ledger.evaluate(identities.regionStaff(), 'redemptions:ListRedemptionsByPass', {
      passId: 'SP-0001',
    });
    const groningen = await ledger.evaluate(staff, 'redemptions:ListRedemptionsByPass', {
      passId: 'SP-0001',
    });

    expect(west.items).toEqual([]);
    expect(groningen.items).toHaveLength(2);
    await expect(
      ledger.evaluate(identities.venuesAdmin(), 'redemptions:ListRedemptionsByPass', { passId: 'SP-0001' }),
    ).rejects.toThrow(/^FORBIDDEN: /);
  });
});
