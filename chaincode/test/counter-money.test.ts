import { identities } from './support/identities';
import type { InMemoryLedger } from './support/in-memory-ledger';
import {
  budgetOffer,
  discountOffer,
  MUSEUM,
  POOL,
  redeemRequest,
  seededLedger,
  termsOf,
} from './support/fixtures';

const pool = identities.venue(POOL);
const museum = identities.venue(MUSEUM);
const svb = identities.payerAdmin();
const staff = identities.municipalityStaff();
const TOP_UP = 'sportbudget-rest';
const TIERED = 'museum-2-gratis';

describe('the counter’s money cases', () => {
  let ledger: InMemoryLedger;
  beforeEach(async () => {
    ledger = await seededLedger();
    await ledger.submit(
      svb,
      'offers:CreateOffer',
      budgetOffer({ offerId: TOP_UP, name: 'Sportbudget, rest aan de kassa', remainderAtCounter: true }),
    );
    await ledger.submit(svb, 'vouchers:GrantVoucher', {
      requestId: 'grant-rest',
      passId: 'SP-0002',
      offerId: TOP_UP,
      amount: 1000,
    });
    // "2 free, then 50%": a ticket of at most EUR 50, at most EUR 40 of discount per pass a year.
    await ledger.submit(
      staff,
      'offers:CreateOffer',
      discountOffer({ offerId: TIERED, discountTiers: [{ bookings: 2, discountPercent: 100 }] }),
    );
  });

  describe('a budget booking above what is left', () => {
    it('when the offer lets the holder pay the rest at the counter, then the remainder is booked and the rest recorded as paid there', async () => {
      const result = await ledger.redeem(
        pool,
        redeemRequest({ passId: 'SP-0002', offerId: TOP_UP, amountCents: 2500 }),
      );

      expect(result.remaining).toBe(0);
      expect(result.redemption).toMatchObject({
        units: 1000,
        amountCents: 1000,
        paidAtCounterCents: 1500,
        reimbursementCents: 1000,
      });
    });

    it('when nothing is left, then it is refused as before', async () => {
      await ledger.redeem(pool, redeemRequest({ passId: 'SP-0002', offerId: TOP_UP, amountCents: 1000 }));

      await expect(
        ledger.redeem(pool, redeemRequest({ passId: 'SP-0002', offerId: TOP_UP, amountCents: 1 })),
      ).rejects.toThrow(/^INSUFFICIENT_BALANCE: 0 left/);
    });

    it('when the amount fits, then nothing is paid at the counter', async () => {
      const result = await ledger.redeem(
        pool,
        redeemRequest({ passId: 'SP-0002', offerId: TOP_UP, amountCents: 400 }),
      );

      expect(result.redemption.paidAtCounterCents).toBeUndefined();
      expect(result.remaining).toBe(600);
    });

    it('when the booking paid partly at the counter is reversed, then the budget gets back what it gave', async () => {
      const booked = await ledger.redeem(
        pool,
        redeemRequest({ passId: 'SP-0002', offerId: TOP_UP, amountCents: 2500 }),
      );

      const reversed = await ledger.submit(pool, 'redemptions:Reverse', {
        requestId: 'rev-rest',
        redemptionId: booked.redemption.redemptionId,
      });

      expect(reversed.remaining).toBe(1000);
    });

    it('when an offer of another kind asks the holder to pay the rest at the counter, then it is refused', async () => {
      await expect(
        ledger.submit(
          staff,
          'offers:CreateOffer',
          discountOffer({ offerId: 'korting-rest', remainderAtCounter: true }),
        ),
      ).rejects.toThrow(/^INVALID_ARGUMENT: .*only budget offers do/);
    });
  });

  describe('a tiered discount', () => {
    async function ticket(amountCents: number, passId = 'SP-0001'): ReturnType<InMemoryLedger['redeem']> {
      return ledger.redeem(museum, redeemRequest({ passId, offerId: TIERED, amountCents }));
    }

    it('when a pass books “2 free, then 50%”, then its first two tickets are free and the next half price', async () => {
      const discounts = [];
      for (let i = 0; i < 3; i += 1) {
        discounts.push((await ticket(1000)).redemption.discountCents);
      }

      expect(discounts).toEqual([1000, 1000, 500]);
      expect((await ticket(1000, 'SP-0002')).redemption.discountCents).toBe(1000);
    });

    it('when a free ticket is reversed, then the next booking is free again', async () => {
      const first = await ticket(1000);
      await ticket(1000);
      await ledger.submit(museum, 'redemptions:Reverse', {
        requestId: 'rev-tier',
        redemptionId: first.redemption.redemptionId,
      });

      expect((await ticket(1000)).redemption.discountCents).toBe(1000);
      expect((await ticket(1000)).redemption.discountCents).toBe(500);
    });

    it('when a ticket whose discount rounds down to nothing is reversed, then its tier is given back too', async () => {
      await ledger.submit(
        staff,
        'offers:CreateOffer',
        discountOffer({ offerId: 'museum-1-procent', discountTiers: [{ bookings: 1, discountPercent: 1 }] }),
      );
      const small = await ledger.redeem(
        museum,
        redeemRequest({ offerId: 'museum-1-procent', amountCents: 50 }),
      );
      expect(small.redemption.discountCents).toBe(0);

      await ledger.submit(museum, 'redemptions:Reverse', {
        requestId: 'rev-small',
        redemptionId: small.redemption.redemptionId,
      });

      const next = await ledger.redeem(
        museum,
        redeemRequest({ offerId: 'museum-1-procent', amountCents: 1000 }),
      );
      expect(next.redemption.discountCents).toBe(10);
    });

    it('when a tier’s ticket is above the ceiling per booking, then it is refused and the tier stays', async () => {
      await expect(ticket(5001)).rejects.toThrow(/^AMOUNT_ABOVE_CEILING: /);

      expect((await ticket(1000)).redemption.discountCents).toBe(1000);
    });

    it('when the free tickets would pass the discount budget, then the booking is refused', async () => {
      await ticket(2000);
      await ticket(2000);

      await expect(ticket(2000)).rejects.toThrow(/^INSUFFICIENT_BALANCE: 0 left on offer museum-2-gratis/);
    });

    it('when tiers are given to an offer that is not a discount, then it is refused', async () => {
      const budget = budgetOffer({
        offerId: 'budget-tiers',
        discountTiers: [{ bookings: 1, discountPercent: 100 }],
      });

      await expect(ledger.submit(svb, 'offers:CreateOffer', budget)).rejects.toThrow(
        /^INVALID_ARGUMENT: .*only discount offers do/,
      );
      await expect(
        ledger.submit(svb, 'offers:UpdateOffer', { ...termsOf(budgetOffer()), remainderAtCounter: true }),
      ).resolves.toMatchObject({ remainderAtCounter: true });
    });
  });
});
