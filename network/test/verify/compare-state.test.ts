import type { ClaimRecord, PassRecord, PassView, RedemptionRecord } from '@stadspas/chaincode/vocabulary';
import type { Books } from '../../src/verify/books';
import {
  QueryForbiddenError,
  compareWithPeer,
  suspectsOf,
  type Query,
  type Suspects,
} from '../../src/verify/compare-state';

const pass = {
  passId: 'SP-1',
  category: 'adult',
  validFrom: '2026-01-01T00:00:00.000Z',
  validUntil: '2026-12-31T23:59:59.999Z',
  holderRef: 'h-1',
  holderHash: 'ab',
  status: 'active',
  issuedAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
} as PassRecord;
const voucher = { passId: 'SP-1', offerId: 'swim', periodKey: '2026', granted: 2, used: 1 };
const redemption = { redemptionId: 'tx1', venueId: 'pool', reimbursementCents: 250 } as RedemptionRecord;
const claim = { claimId: 'c1', venueId: 'pool', totalCents: 250, status: 'paid' } as ClaimRecord;
const books: Books = { passes: [pass], vouchers: [voucher], redemptions: [redemption], claims: [claim] };

function view(vouchers: object[]): PassView {
  return { ...pass, status: 'expired', vouchers } as PassView;
}

function peerAnswering(answers: Record<string, unknown>): Query {
  return (transaction) => {
    const answer = answers[transaction];
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  };
}

const agreeing = {
  'passes:GetPass': view([{ ...voucher, byRule: 5, remaining: 6 }]),
  'redemptions:GetRedemption': redemption,
  'claims:GetClaim': claim,
};
/** The pass and the booking, as when the key digests found their keys held otherwise. */
const suspected: Suspects = { passes: new Set(['SP-1']), redemptions: new Set(['tx1']) };

describe('comparing the rebuilt books with the peer', () => {
  test('when the peer answers what the replay rebuilt, then nothing differs', async () => {
    const result = await compareWithPeer(books, peerAnswering(agreeing), suspected);

    expect(result).toEqual({ compared: 3, withheld: {}, mismatches: [] });
  });

  test("when no key differed, then only the claims are asked for: the keys' digests compared the rest byte for byte", async () => {
    const asked: string[] = [];
    const query: Query = (transaction, request) => {
      asked.push(transaction);
      return peerAnswering(agreeing)(transaction, request);
    };

    const result = await compareWithPeer(books, query);

    expect(asked).toEqual(['claims:GetClaim']);
    expect(result).toEqual({ compared: 1, withheld: {}, mismatches: [] });
  });

  test('when keys differ, then their passes (by the pass or a voucher key) and bookings are named; other keys name none', () => {
    const suspects = suspectsOf([
      '\u0000pass\u0000SP-1\u0000',
      '\u0000voucher\u0000SP-2\u0000swim\u00002026\u0000',
      '\u0000redemption\u0000tx9\u0000',
      '\u0000redemption~pass\u0000SP-3\u00002026-01-01T00:00:00.000Z\u0000tx8\u0000',
      '\u0000venue\u0000pool\u0000',
    ]);

    expect(suspects).toEqual({ passes: new Set(['SP-1', 'SP-2']), redemptions: new Set(['tx9']) });
  });

  test("when later answers come first, then the mismatches are still named in the books' order", async () => {
    const passes = Array.from({ length: 20 }, (_, i) => ({ ...pass, passId: `SP-${i}`, category: 'child' }));
    const many: Books = { ...books, passes, vouchers: [] };
    const query: Query = async (_transaction, request) => {
      const { passId } = request as { passId: string };
      await new Promise((resolve) => setTimeout(resolve, 20 - Number(passId.slice(3))));
      return { ...pass, passId, vouchers: [] };
    };

    const all = { passes: new Set(passes.map((p) => p.passId)), redemptions: new Set<string>() };
    const result = await compareWithPeer({ ...many, claims: [] }, query, all);

    expect(result.compared).toBe(20);
    expect(result.mismatches.map((m) => m.record)).toEqual(passes.map((p) => `pass ${p.passId}`));
  });

  test('when a voucher balance differs, then the pass is named', async () => {
    const answers = { ...agreeing, 'passes:GetPass': view([{ ...voucher, used: 2 }]) };

    const result = await compareWithPeer(books, peerAnswering(answers), suspected);

    expect(result.mismatches.map((m) => m.record)).toEqual(['pass SP-1']);
    expect(result.mismatches[0]?.message).toMatch(/voucher swim\/2026 granted\/used 2\/1 vs 2\/2/);
  });

  test('when the peer shows a voucher that was never written, then the pass is named', async () => {
    const extra = { ...voucher, offerId: 'museum', granted: 1, used: 0 };
    const answers = { ...agreeing, 'passes:GetPass': view([voucher, extra]) };

    const result = await compareWithPeer(books, peerAnswering(answers), suspected);

    expect(result.mismatches[0]?.message).toMatch(/museum\/2026 on the peer was never written/);
  });

  test("when a funder sees the pass without its holder and with only its own offers' vouchers, then what it shows is compared", async () => {
    const municipalityVoucher = { ...voucher, offerId: 'museum', granted: 1, used: 0 };
    const funded = { ...books, vouchers: [voucher, municipalityVoucher] };
    const shown = Object.fromEntries(Object.entries(pass).filter(([field]) => !field.startsWith('holder')));
    const answers = { ...agreeing, 'passes:GetPass': { ...shown, vouchers: [voucher] } };

    expect((await compareWithPeer(funded, peerAnswering(answers), suspected)).mismatches).toEqual([]);
    const altered = { ...answers, 'passes:GetPass': { ...shown, category: 'child', vouchers: [voucher] } };
    expect((await compareWithPeer(funded, peerAnswering(altered), suspected)).mismatches[0]?.message).toMatch(
      /category/,
    );
  });

  test('when a claim field differs, then the claim is named with the field', async () => {
    const answers = { ...agreeing, 'claims:GetClaim': { ...claim, totalCents: 251 } };

    const result = await compareWithPeer(books, peerAnswering(answers), suspected);

    expect(result.mismatches).toEqual([
      { code: 'STATE_MISMATCH', record: 'claim c1', message: 'field totalCents' },
    ]);
  });

  test('when the peer does not know a rebuilt record, then it is named as missing', async () => {
    const answers = { ...agreeing, 'claims:GetClaim': undefined };

    const result = await compareWithPeer(books, peerAnswering(answers), suspected);

    expect(result.mismatches).toEqual([
      { code: 'STATE_MISMATCH', record: 'claim c1', message: 'missing on the peer' },
    ]);
  });

  test('when a suspect booking differs, then it is named with its field', async () => {
    const answers = { ...agreeing, 'redemptions:GetRedemption': { ...redemption, reimbursementCents: 1 } };

    const result = await compareWithPeer(books, peerAnswering(answers), suspected);

    expect(result.mismatches).toEqual([
      { code: 'STATE_MISMATCH', record: 'redemption tx1', message: 'field reimbursementCents' },
    ]);
  });

  test('when the chaincode refuses a query to this identity, then the record is counted as withheld', async () => {
    const answers = { ...agreeing, 'passes:GetPass': new QueryForbiddenError('passes:GetPass') };

    const result = await compareWithPeer(books, peerAnswering(answers), suspected);

    expect(result).toEqual({ compared: 2, withheld: { passes: 1 }, mismatches: [] });
  });

  test('when the peer fails otherwise, then the comparison fails', async () => {
    const answers = { ...agreeing, 'claims:GetClaim': new Error('UNAVAILABLE') };

    await expect(compareWithPeer(books, peerAnswering(answers), suspected)).rejects.toThrow('UNAVAILABLE');
  });
});
