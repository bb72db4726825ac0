import type { ClaimRecord, PassRecord, PassView, RedemptionRecord } from '@stadspas/chaincode/vocabulary';
import type { Books } from '../../src/verify/books';
import { QueryForbiddenError, compareWithPeer, type Query } from '../../src/verify/compare-state';

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
  'claims:GetClaim': claim,
};

describe('comparing the rebuilt books with the peer', () => {
  test('when the peer answers what the replay rebuilt, then nothing differs', async () => {
    const result = await compareWithPeer(books, peerAnswering(agreeing));

    expect(result).toEqual({ compared: 2, withheld: {}, mismatches: [] });
  });

  test("when the books hold bookings, then none is asked for again: the keys' digests compare their bytes", async () => {
    const asked: string[] = [];
    const query: Query = (transaction, request) => {
      asked.push(transaction);
      return peerAnswering(agreeing)(transaction, request);
    };

    await compareWithPeer(books, query);

    expect(asked.sort()).toEqual(['claims:GetClaim', 'passes:GetPass']);
  });

  test("when later answers come first, then the mismatches are still named in the books' order", async () => {
    const passes = Array.from({ length: 20 }, (_, i) => ({ ...pass, passId: `SP-${i}`, category: 'child' }));
    const many: Books = { ...books, passes, vouchers: [] };
    const query: Query = async (_transaction, request) => {
      const { passId } = request as { passId: string };
      await new Promise((resolve) => setTimeout(resolve, 20 - Number(passId.slice(3))));
      return { ...pass, passId, vouchers: [] };
    };

    const result = await compareWithPeer({ ...many, claims: [] }, query);

    expect(result.compared).toBe(20);
    expect(result.mismatches.map((m) => m.record)).toEqual(passes.map((p) => `pass ${p.passId}`));
  });

  test('when a voucher balance differs, then the pass is named', async () => {
    const answers = { ...agreeing, 'passes:GetPass': view([{ ...voucher, used: 2 }]) };

    const result = await compareWithPeer(books, peerAnswering(answers));

    expect(result.mismatches.map((m) => m.record)).toEqual(['pass SP-1']);
    expect(result.mismatches[0]?.message).toMatch(/voucher swim\/2026 granted\/used 2\/1 vs 2\/2/);
  });

  test('when the peer shows a voucher that was never written, then the pass is named', async () => {
    const extra = { ...voucher, offerId: 'museum', granted: 1, used: 0 };
    const answers = { ...agreeing, 'passes:GetPass': view([voucher, extra]) };

    const result = await compareWithPeer(books, peerAnswering(answers));

    expect(result.mismatches[0]?.message).toMatch(/museum\/2026 on the peer was never written/);
  });

  test("when a funder sees the pass without its holder and with only its own offers' vouchers, then what it shows is compared", async () => {
    const municipalityVoucher = { ...voucher, offerId: 'museum', granted: 1, used: 0 };
    const funded = { ...books, vouchers: [voucher, municipalityVoucher] };
    const shown = Object.fromEntries(Object.entries(pass).filter(([field]) => !field.startsWith('holder')));
    const answers = { ...agreeing, 'passes:GetPass': { ...shown, vouchers: [voucher] } };

    expect((await compareWithPeer(funded, peerAnswering(answers))).mismatches).toEqual([]);
    const altered = { ...answers, 'passes:GetPass': { ...shown, category: 'child', vouchers: [voucher] } };
    expect((await compareWithPeer(funded, peerAnswering(altered))).mismatches[0]?.message).toMatch(
      /category/,
    );
  });

  test('when a claim field differs, then the claim is named with the field', async () => {
    const answers = { ...agreeing, 'claims:GetClaim': { ...claim, totalCents: 251 } };

    const result = await compareWithPeer(books, peerAnswering(answers));

    expect(result.mismatches).toEqual([
      { code: 'STATE_MISMATCH', record: 'claim c1', message: 'field totalCents' },
    ]);
  });

  test('when the peer does not know a rebuilt record, then it is named as missing', async () => {
    const answers = { ...agreeing, 'claims:GetClaim': undefined };

    const result = await compareWithPeer(books, peerAnswering(answers));

    expect(result.mismatches).toEqual([
      { code: 'STATE_MISMATCH', record: 'claim c1', message: 'missing on the peer' },
    ]);
  });

  test('when the chaincode refuses a query to this identity, then the record is counted as withheld', async () => {
    const answers = { ...agreeing, 'passes:GetPass': new QueryForbiddenError('passes:GetPass') };

    const result = await compareWithPeer(books, peerAnswering(answers));

    expect(result).toEqual({ compared: 1, withheld: { passes: 1 }, mismatches: [] });
  });

  test('when the peer fails otherwise, then the comparison fails', async () => {
    const answers = { ...agreeing, 'claims:GetClaim': new Error('UNAVAILABLE') };

    await expect(compareWithPeer(books, peerAnswering(answers))).rejects.toThrow('UNAVAILABLE');
  });
});
