import { identities } from './support/identities';
import type { InMemoryLedger } from './support/in-memory-ledger';
import { MUSEUM_DISCOUNT, POOL, redeemRequest, seededLedger, SPORTS_BUDGET, SWIMS } from './support/fixtures';

const staff = identities.municipalityStaff();
const svb = identities.payerAdmin();

describe('vouchers', () => {
  let ledger: InMemoryLedger;
  beforeEach(async () => {
    ledger = await seededLedger();
  });

  it('when the funder grants a child a budget, then the voucher shows it as remaining', async () => {
    const view = await ledger.submit(svb, 'vouchers:GrantVoucher', {
      requestId: 'grant-2',
      passId: 'SP-0002',
      offerId: SPORTS_BUDGET,
      amount: 15000,
    });

    expect(view).toMatchObject({
      granted: 15000,
      byRule: 0,
      used: 0,
      remaining: 15000,
      unit: 'cents',
      periodKey: '2026',
    });
    expect(ledger.lastEvent()).toMatchObject({
      name: 'VoucherGranted',
      payload: { amount: 15000, remaining: 15000 },
    });
  });

  it('when a funder’s own client sends the same grant twice under one request id, then it grants once', async () => {
    const grant = { requestId: 'grant-once', passId: 'SP-0002', offerId: SPORTS_BUDGET, amount: 15000 };

    const first = await ledger.submit(svb, 'vouchers:GrantVoucher', grant);
    const eventsAfterFirst = ledger.events.length;
    const again = await ledger.submit(svb, 'vouchers:GrantVoucher', grant);

    expect(again).toEqual(first);
    expect(ledger.events).toHaveLength(eventsAfterFirst);
    const list = await ledger.evaluate(staff, 'vouchers:ListVouchers', { passId: 'SP-0002' });
    expect(list.find((voucher) => voucher.offerId === SPORTS_BUDGET)?.remaining).toBe(15000);
  });

  it('when a request id is used again for another grant, then it is refused and nothing is granted', async () => {
    await ledger.submit(svb, 'vouchers:GrantVoucher', {
      requestId: 'grant-twice',
      passId: 'SP-0002',
      offerId: SPORTS_BUDGET,
      amount: 100,
    });
    const before = ledger.world.snapshot();

    await expect(
      ledger.submit(svb, 'vouchers:GrantVoucher', {
        requestId: 'grant-twice',
        passId: 'SP-0002',
        offerId: SPORTS_BUDGET,
        amount: 200,
      }),
    ).rejects.toThrow(/^IDEMPOTENCY_MISMATCH: /);
    expect(ledger.world.snapshot()).toBe(before);
  });

  it('when two organisations grant under the same request id, then each grant counts', async () => {
    await ledger.submit(svb, 'vouchers:GrantVoucher', {
      requestId: 'shared-id',
      passId: 'SP-0002',
      offerId: SPORTS_BUDGET,
      amount: 100,
    });
    const view = await ledger.submit(staff, 'vouchers:GrantVoucher', {
      requestId: 'shared-id',
      passId: 'SP-0002',
      offerId: SPORTS_BUDGET,
      amount: 100,
    });

    expect(view.granted).toBe(200);
  });

  it('when the municipality grants extra entries on top of the rule, then both add up', async () => {
    const view = await ledger.submit(staff, 'vouchers:GrantVoucher', {
      requestId: 'grant-3',
      passId: 'SP-0001',
      offerId: SWIMS,
      amount: 2,
    });

    expect(view).toMatchObject({ byRule: 5, granted: 2, remaining: 7 });
  });

  it('when a grant names a period, then it lands in that period', async () => {
    const view = await ledger.submit(staff, 'vouchers:GrantVoucher', {
      requestId: 'grant-4',
      passId: 'SP-0001',
      offerId: SWIMS,
      amount: 1,
      periodKey: '2027',
    });

    expect(view.periodKey).toBe('2027');
    const list = await ledger.evaluate(staff, 'vouchers:ListVouchers', { passId: 'SP-0001' });
    expect(
      list
        .filter((voucher) => voucher.offerId === SWIMS)
        .map((voucher) => voucher.periodKey)
        .sort(),
    ).toEqual(['2026', '2027']);
  });

  it('when the period key does not fit the pass year, then it is refused', async () => {
    await expect(
      ledger.submit(staff, 'vouchers:GrantVoucher', {
        requestId: 'grant-5',
        passId: 'SP-0001',
        offerId: SWIMS,
        amount: 1,
        periodKey: '2026-08',
      }),
    ).rejects.toThrow(/^INVALID_ARGUMENT: periodKey must look like 2026/);
  });

  it('when someone other than the municipality or the funder grants, then it is forbidden', async () => {
    await expect(
      ledger.submit(svb, 'vouchers:GrantVoucher', {
        requestId: 'grant-6',
        passId: 'SP-0001',
        offerId: SWIMS,
        amount: 1,
      }),
    ).rejects.toThrow(/^FORBIDDEN: /);
    await expect(
      ledger.submit(identities.venue(POOL), 'vouchers:GrantVoucher', {
        requestId: 'grant-7',
        passId: 'SP-0001',
        offerId: SWIMS,
        amount: 1,
      }),
    ).rejects.toThrow(/^FORBIDDEN: /);
  });

  it('when an identity of the funder carries no role, then it may not grant', async () => {
    const roleless = identities.custom('SVBMSP', {});

    await expect(
      ledger.submit(roleless, 'vouchers:GrantVoucher', {
        requestId: 'grant-8',
        passId: 'SP-0002',
        offerId: SPORTS_BUDGET,
        amount: 100,
      }),
    ).rejects.toThrow(/^FORBIDDEN: /);
  });

  it('when the category is not eligible, then the grant is refused', async () => {
    await expect(
      ledger.submit(svb, 'vouchers:GrantVoucher', {
        requestId: 'grant-9',
        passId: 'SP-0001',
        offerId: SPORTS_BUDGET,
        amount: 100,
      }),
    ).rejects.toThrow(/^CATEGORY_NOT_ELIGIBLE: /);
  });

  it('when the offer is a discount or retired, then nothing can be granted', async () => {
    await expect(
      ledger.submit(staff, 'vouchers:GrantVoucher', {
        requestId: 'grant-10',
        passId: 'SP-0001',
        offerId: MUSEUM_DISCOUNT,
        amount: 1,
      }),
    ).rejects.toThrow(/^OFFER_NOT_VALID: /);
    await ledger.submit(staff, 'offers:RetireOffer', { offerId: SWIMS });
    await expect(
      ledger.submit(staff, 'vouchers:GrantVoucher', {
        requestId: 'grant-11',
        passId: 'SP-0001',
        offerId: SWIMS,
        amount: 1,
      }),
    ).rejects.toThrow(/^OFFER_NOT_VALID: /);
  });

  it('when the pass is blocked or replaced, then the grant is refused', async () => {
    await ledger.submit(staff, 'passes:BlockPass', { passId: 'SP-0001', reason: 'lost' });
    await expect(
      ledger.submit(staff, 'vouchers:GrantVoucher', {
        requestId: 'grant-12',
        passId: 'SP-0001',
        offerId: SWIMS,
        amount: 1,
      }),
    ).rejects.toThrow(/^PASS_BLOCKED: /);
    await ledger.submit(staff, 'passes:ReplacePass', { passId: 'SP-0002', newPassId: 'SP-0200' });
    await expect(
      ledger.submit(staff, 'vouchers:GrantVoucher', {
        requestId: 'grant-13',
        passId: 'SP-0002',
        offerId: SWIMS,
        amount: 1,
      }),
    ).rejects.toThrow(/^PASS_NOT_ACTIVE: /);
  });

  it('when the amount is zero, then it is refused', async () => {
    await expect(
      ledger.submit(staff, 'vouchers:GrantVoucher', {
        requestId: 'grant-14',
        passId: 'SP-0001',
        offerId: SWIMS,
        amount: 0,
      }),
    ).rejects.toThrow(/^INVALID_ARGUMENT: /);
  });

  it('when vouchers are listed after use, then the remaining balance is granted minus used', async () => {
    await ledger.redeem(identities.venue(POOL), redeemRequest({ quantity: 2 }));

    const list = await ledger.evaluate(staff, 'vouchers:ListVouchers', { passId: 'SP-0001' });

    expect(list).toEqual([
      expect.objectContaining({ offerId: SWIMS, byRule: 5, used: 2, remaining: 3 }),
      expect.objectContaining({ offerId: MUSEUM_DISCOUNT, byRule: 4000, used: 0, remaining: 4000 }),
    ]);
  });

  it('when a venue lists a pass’s vouchers by its number, then it is forbidden', async () => {
    await expect(
      ledger.evaluate(identities.venue(POOL), 'vouchers:ListVouchers', { passId: 'SP-0001' }),
    ).rejects.toThrow(/^FORBIDDEN: a venue sees a pass only by scanning its card/);
  });

  it('when the offer is retired, then its rule voucher is no longer listed', async () => {
    await ledger.submit(staff, 'offers:RetireOffer', { offerId: SWIMS });

    const list = await ledger.evaluate(staff, 'vouchers:ListVouchers', { passId: 'SP-0001' });

    expect(list.map((voucher) => voucher.offerId)).toEqual([MUSEUM_DISCOUNT]);
  });

  it('when the pass year starts on 1 August, then period keys carry the month', async () => {
    await ledger.submit(identities.municipalityAdmin(), 'config:SetConfig', {
      passYearStart: '08-01',
      reversalWindowSeconds: 600,
    });

    const march = await ledger.submit(staff, 'vouchers:GrantVoucher', {
      requestId: 'grant-15',
      passId: 'SP-0001',
      offerId: SWIMS,
      amount: 1,
    });
    ledger.setTime('2026-08-01T00:00:00.000Z');
    const august = await ledger.submit(staff, 'vouchers:GrantVoucher', {
      requestId: 'grant-16',
      passId: 'SP-0001',
      offerId: SWIMS,
      amount: 1,
    });

    expect(march.periodKey).toBe('2025-08');
    expect(august.periodKey).toBe('2026-08');
  });
});
