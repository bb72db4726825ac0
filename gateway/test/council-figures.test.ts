import type { PassRecord, RedemptionRecord, VoucherRecord } from '@stadspas/chaincode/vocabulary';
import { councilCsv, councilFiguresOfState } from '../src/reports/council-figures';
import { compositeKey } from './support/blocks';
import { makeOffer, makeRedemption } from './support/records';

const GEMEENTE = 'GemeenteMSP';
const year = { validFrom: '2026-01-01T00:00:00.000Z', validUntil: '2027-01-01T00:00:00.000Z' };

function pass(passId: string, overrides: Partial<PassRecord> = {}): PassRecord {
  return {
    passId,
    holderRef: `holder-${passId}`,
    category: 'adult',
    ...year,
    municipalityMspId: GEMEENTE,
    holderHash: 'a'.repeat(64),
    status: 'active',
    issuedAt: year.validFrom,
    updatedAt: year.validFrom,
    ...overrides,
  };
}

/** A world state of records, keyed as the chaincode keys them. */
class State extends Map<string, Uint8Array> {
  put(type: string, attributes: string[], value: object): this {
    return this.set(compositeKey(type, ...attributes), Buffer.from(JSON.stringify(value)));
  }

  passes(...records: PassRecord[]): this {
    records.forEach((p) => this.put('pass', [p.passId], p));
    return this;
  }

  bookings(...records: Partial<RedemptionRecord>[]): this {
    records.forEach((r, i) => {
      const id = r.redemptionId ?? `r${String(i)}`;
      this.put('redemption', [id], makeRedemption({ municipalityMspId: GEMEENTE, ...r, redemptionId: id }));
    });
    return this;
  }

  voucher(v: VoucherRecord): this {
    return this.put('voucher', [v.passId, v.offerId, v.periodKey], v);
  }
}

describe('council figures', () => {
  it('when passes are used in some months, then reach counts per category and month the active passes used, not reversed ones or another municipality’s', () => {
    const state = new State()
      .passes(
        pass('a1'),
        pass('a2'),
        pass('a3'),
        pass('old', { validUntil: '2026-11-01T00:00:00.000Z' }),
        pass('c1', { category: 'child' }),
        pass('w1', { municipalityMspId: 'WesterkwartierMSP' }),
      )
      .bookings(
        { passId: 'a1', at: '2026-11-03T10:00:00.000Z' },
        { passId: 'a1', at: '2026-11-04T10:00:00.000Z' },
        { passId: 'a2', at: '2026-11-05T10:00:00.000Z', reversedBy: 'rev' },
        {
          redemptionId: 'rev',
          passId: 'a2',
          type: 'reversal',
          reversesId: 'x',
          at: '2026-11-05T10:01:00.000Z',
        },
        { passId: 'c1', at: '2027-01-02T10:00:00.000Z' },
        { passId: 'w1', municipalityMspId: 'WesterkwartierMSP', at: '2026-10-01T10:00:00.000Z' },
      );

    const { reach } = councilFiguresOfState(state, GEMEENTE);

    expect(reach).toEqual([
      { month: '2026-11', category: 'adult', activePasses: 3, passesUsed: 1, reachPercent: 33.3 },
      { month: '2026-11', category: 'child', activePasses: 1, passesUsed: 0, reachPercent: 0 },
      { month: '2026-12', category: 'adult', activePasses: 3, passesUsed: 0, reachPercent: 0 },
      { month: '2026-12', category: 'child', activePasses: 1, passesUsed: 0, reachPercent: 0 },
    ]);
    expect(councilFiguresOfState(state, 'WesterkwartierMSP').reach).toEqual([
      { month: '2026-10', category: 'adult', activePasses: 1, passesUsed: 1, reachPercent: 100 },
    ]);
  });

  it('when budgets are given by rule and by hand, then the unspent money is summed by the day it lapses', () => {
    const budget = makeOffer({
      offerId: 'sport',
      kind: 'budget',
      entriesPerPeriod: undefined,
      budgetCentsPerPeriod: 15000,
      eligibleCategories: ['child'],
      ...year,
    });
    const state = new State()
      .put('offer', ['sport'], budget)
      .put('config', ['current'], { passYearStart: '01-01', reversalWindowSeconds: 600, initialised: true })
      .passes(
        pass('c1', { category: 'child' }),
        pass('c2', { category: 'child', validUntil: '2026-07-01T00:00:00.000Z' }),
        pass('a1'),
        pass('gone', { category: 'child', status: 'replaced' }),
      )
      .voucher({ passId: 'c1', offerId: 'sport', periodKey: '2026', granted: 1000, used: 2500 })
      .voucher({ passId: 'a1', offerId: 'sport', periodKey: '2026', granted: 5000, used: 6000 })
      .voucher({ passId: 'gone', offerId: 'sport', periodKey: '2026', granted: 0, used: 100 });

    const figures = councilFiguresOfState(state, GEMEENTE);

    expect(figures['unspent-budget']).toEqual([
      {
        lapsesOn: '2026-07-01',
        offerId: 'sport',
        vouchers: 1,
        entitledCents: 15000,
        usedCents: 0,
        unspentCents: 15000,
      },
      {
        lapsesOn: '2027-01-01',
        offerId: 'sport',
        vouchers: 2,
        entitledCents: 16000 + 5000,
        usedCents: 2500 + 6000,
        unspentCents: 13500,
      },
    ]);
  });

  it('when discount offers were booked, then each shows the discount it gave against the norm, or none without one', () => {
    const discount = makeOffer({ offerId: 'museum', name: 'Museum half price', kind: 'discount' });
    const bookings = [
      { offerId: 'museum', amountCents: 2000, discountCents: 1000 },
      { offerId: 'museum', amountCents: 1000, discountCents: 200, reversedBy: 'rev' },
      {
        redemptionId: 'rev',
        offerId: 'museum',
        type: 'reversal' as const,
        amountCents: 1000,
        discountCents: 200,
      },
      { offerId: 'museum', amountCents: 1000, discountCents: 300 },
    ];
    const state = new State().put('offer', ['museum'], discount).bookings(...bookings);

    const before = councilFiguresOfState(state, GEMEENTE)['discount-norm'];
    state.put('config~discountnorm', [GEMEENTE], { municipalityMspId: GEMEENTE, discountPercent: 50 });
    const after = councilFiguresOfState(state, GEMEENTE)['discount-norm'];

    const given = {
      offerId: 'museum',
      offerName: 'Museum half price',
      bookings: 2,
      fullPriceCents: 3000,
      discountCents: 1300,
      discountPercent: 43.3,
    };
    expect(before).toEqual([{ ...given, normPercent: null, differencePercent: null }]);
    expect(after).toEqual([{ ...given, normPercent: 50, differencePercent: -6.7 }]);
    expect(councilCsv('discount-norm', before)).toBe(
      'offerId,offerName,bookings,fullPriceCents,discountCents,discountPercent,normPercent,differencePercent\r\n' +
        'museum,Museum half price,2,3000,1300,43.3,,\r\n',
    );
  });
});
