import { identities } from './support/identities';
import type { InMemoryLedger } from './support/in-memory-ledger';
import {
  budgetOffer,
  MUSEUM_DISCOUNT,
  POOL,
  redeemRequest,
  seededLedger,
  SPORTS_BUDGET,
  SWIMS,
} from './support/fixtures';

const staff = identities.municipalityStaff();
const svb = identities.payer();
const svbAdmin = identities.payerAdmin();
const pool = identities.venue(POOL);
const CHILD = 'SP-0002';
const ADULT = 'SP-0001';

/** Fields of a pass that a venue never sees on a scan, so a funder must not see them either. */
const HIDDEN_FIELDS = ['holderHash', 'holderRef', 'personalData', 'blockedReason', 'replaces', 'replacedBy'];

describe('a funder reads what it funds', () => {
  let ledger: InMemoryLedger;
  let swimId: string;
  let budgetId: string;
  beforeEach(async () => {
    ledger = await seededLedger();
    await ledger.submit(svbAdmin, 'vouchers:GrantVoucher', {
      requestId: 'grant-22',
      passId: CHILD,
      offerId: SPORTS_BUDGET,
      amount: 15000,
    });
    const swim = await ledger.redeem(pool, redeemRequest({ passId: CHILD }));
    const budget = await ledger.redeem(
      pool,
      redeemRequest({ passId: CHILD, offerId: SPORTS_BUDGET, amountCents: 2500 }),
    );
    swimId = swim.redemption.redemptionId;
    budgetId = budget.redemption.redemptionId;
  });

  it('when the SVB reads a pass it funds a voucher on, then it sees only that voucher and no holder data', async () => {
    const view = await ledger.evaluate(svb, 'passes:GetPass', { passId: CHILD });

    expect(view).toEqual({
      passId: CHILD,
      status: 'active',
      category: 'child',
      validFrom: '2026-01-01T00:00:00.000Z',
      validUntil: '2027-01-01T00:00:00.000Z',
      vouchers: [expect.objectContaining({ offerId: SPORTS_BUDGET, used: 2500, remaining: 12500 })],
    });
    for (const field of HIDDEN_FIELDS) {
      expect(view).not.toHaveProperty(field);
    }
  });

  it('when the SVB creates an offer granted by rule to every pass, then it still reads no pass it granted nothing and saw no use on', async () => {
    await ledger.submit(
      svbAdmin,
      'offers:CreateOffer',
      budgetOffer({ offerId: 'svb-for-all', grantByRule: true, eligibleCategories: ['adult', 'child'] }),
    );

    await expect(ledger.evaluate(svb, 'passes:GetPass', { passId: ADULT })).rejects.toThrow(/^FORBIDDEN: /);
    await expect(ledger.evaluate(svb, 'vouchers:ListVouchers', { passId: ADULT })).rejects.toThrow(
      /^FORBIDDEN: /,
    );
    const child = await ledger.evaluate(svb, 'passes:GetPass', { passId: CHILD });
    expect(child.vouchers.map((voucher) => voucher.offerId)).toEqual([SPORTS_BUDGET]);
  });

  it('when the municipality reads the same pass, then it still sees the whole pass and every voucher', async () => {
    const view = await ledger.evaluate(staff, 'passes:GetPass', { passId: CHILD });

    expect(view).toHaveProperty('holderHash');
    expect(view.vouchers.map((voucher) => voucher.offerId).sort()).toEqual([
      MUSEUM_DISCOUNT,
      SPORTS_BUDGET,
      SWIMS,
    ]);
  });

  it('when the SVB lists a pass’s vouchers, then only those of its offers come back', async () => {
    const vouchers = await ledger.evaluate(svb, 'vouchers:ListVouchers', { passId: CHILD });

    expect(vouchers.map((voucher) => voucher.offerId)).toEqual([SPORTS_BUDGET]);
  });

  it.each([['passes:GetPass'], ['vouchers:ListVouchers']] as const)(
    'when the SVB reads %s of a pass with only municipality-funded vouchers, then it is forbidden',
    async (name) => {
      await expect(ledger.evaluate(svb, name, { passId: ADULT })).rejects.toThrow(
        `FORBIDDEN: pass ${ADULT} carries no voucher of an offer SVBMSP funds`,
      );
    },
  );

  it('when the SVB reads an unknown pass, then it is not found', async () => {
    await expect(ledger.evaluate(svb, 'passes:GetPass', { passId: 'SP-9999' })).rejects.toThrow(
      /^NOT_FOUND: /,
    );
  });

  it.each([['passes:GetHolder'], ['passes:GetPassHistory']] as const)(
    'when the SVB reads %s, then it is forbidden (personal data and the holder hash)',
    async (name) => {
      await expect(ledger.evaluate(svb, name, { passId: CHILD })).rejects.toThrow(/^FORBIDDEN: /);
    },
  );

  it('when an organisation funds no offer, then its identities may not read passes or vouchers', async () => {
    const fresh = await seededLedger();
    const noFunding = identities.venuesAdmin();

    await expect(fresh.evaluate(noFunding, 'passes:GetPass', { passId: CHILD })).rejects.toThrow(
      'FORBIDDEN: only the municipality that issued a pass and the funders of offers read passes by number',
    );
    await expect(fresh.evaluate(noFunding, 'vouchers:ListVouchers', { passId: CHILD })).rejects.toThrow(
      /^FORBIDDEN: /,
    );
  });

  it('when a venue reads a pass by number, then it is still forbidden with the card rule', async () => {
    await expect(ledger.evaluate(pool, 'passes:GetPass', { passId: CHILD })).rejects.toThrow(
      'FORBIDDEN: a venue sees a pass only by scanning its card',
    );
    await expect(ledger.evaluate(pool, 'vouchers:ListVouchers', { passId: CHILD })).rejects.toThrow(
      'FORBIDDEN: a venue sees a pass only by scanning its card',
    );
  });

  it('when the SVB lists a pass’s redemptions, then only those of its offers come back', async () => {
    const page = await ledger.evaluate(svb, 'redemptions:ListRedemptionsByPass', { passId: CHILD });
    const all = await ledger.evaluate(staff, 'redemptions:ListRedemptionsByPass', { passId: CHILD });

    expect(page.items.map((item) => item.redemptionId)).toEqual([budgetId]);
    expect(all.items.map((item) => item.redemptionId)).toEqual([swimId, budgetId]);
  });

  it('when the SVB reads one redemption, then it may read its own offer’s and not the municipality’s', async () => {
    const own = await ledger.evaluate(svb, 'redemptions:GetRedemption', { redemptionId: budgetId });

    expect(own.offerId).toBe(SPORTS_BUDGET);
    await expect(ledger.evaluate(svb, 'redemptions:GetRedemption', { redemptionId: swimId })).rejects.toThrow(
      /^FORBIDDEN: a venue reads only its own redemptions, a municipality those of its passes, a funder those of the offers it funds/,
    );
  });

  it('when the SVB funds a second offer, then it reads its vouchers the same way', async () => {
    await ledger.submit(
      svbAdmin,
      'offers:CreateOffer',
      budgetOffer({ offerId: 'cultuurbudget', name: 'Cultuurbudget', eligibleCategories: ['adult'] }),
    );
    await ledger.submit(svb, 'vouchers:GrantVoucher', {
      requestId: 'grant-23',
      passId: ADULT,
      offerId: 'cultuurbudget',
      amount: 5000,
    });

    const view = await ledger.evaluate(svb, 'passes:GetPass', { passId: ADULT });

    expect(view.vouchers.map((voucher) => voucher.offerId)).toEqual(['cultuurbudget']);
  });
});
