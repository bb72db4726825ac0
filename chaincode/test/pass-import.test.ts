import type { ImportPassItem } from '../src/vocabulary';
import { identities } from './support/identities';
import { REGION, type InMemoryLedger } from './support/in-memory-ledger';
import {
  holderTransient,
  passRequest,
  recordingHolders,
  redeemRequest,
  seededLedger,
  SPORTS_BUDGET,
  SWIMS,
} from './support/fixtures';

const admin = identities.municipalityAdmin();

/** A pass as another system hands it over: 3 of its 5 swims used this year. */
function carriedOver(overrides: Partial<ImportPassItem> = {}): ImportPassItem {
  return {
    ...passRequest({ passId: 'OLD-1' }),
    status: 'active',
    issuedAt: '2025-01-02T09:00:00.000Z',
    openingBalances: [{ offerId: SWIMS, periodKey: '2026', granted: 0, used: 3 }],
    ...overrides,
  };
}

async function withHolders(ledger: InMemoryLedger, ...passIds: string[]): Promise<void> {
  await ledger.submit(
    admin,
    'passes:RecordHolders',
    undefined,
    recordingHolders(passIds.map((id) => holderTransient(id))),
  );
}

describe('passes:ImportPasses', () => {
  let ledger: InMemoryLedger;
  beforeEach(async () => {
    ledger = await seededLedger(REGION);
  });

  it('when a pass comes over with its opening balances, then it is issued as imported and books on from what is left', async () => {
    await withHolders(ledger, 'OLD-1');

    const result = await ledger.submit(admin, 'passes:ImportPasses', { passes: [carriedOver()] });

    expect(result).toEqual({ imported: 1, passIds: ['OLD-1'], openingBalances: 1 });
    expect(ledger.lastEvent()).toMatchObject({
      name: 'PassesImported',
      payload: { passIds: ['OLD-1'], municipalityMspId: 'GemeenteMSP', openingBalances: 1 },
    });
    const pass = await ledger.evaluate(admin, 'passes:GetPass', { passId: 'OLD-1' });
    expect(pass).toMatchObject({
      issuedAt: '2025-01-02T09:00:00.000Z',
      importedAt: ledger.now(),
      status: 'active',
    });
    expect(pass).toHaveProperty('holderHash', expect.stringMatching(/^[0-9a-f]{64}$/));
    expect(pass.vouchers.find((v) => v.offerId === SWIMS)).toMatchObject({ used: 3, remaining: 2 });
    const pool = identities.venue('zwembad-kardinge');
    await expect(ledger.redeem(pool, redeemRequest({ passId: 'OLD-1', quantity: 3 }))).rejects.toThrow(
      /^INSUFFICIENT_BALANCE: /,
    );
    await ledger.redeem(pool, redeemRequest({ passId: 'OLD-1', quantity: 2 }));
  });

  it('when a pass here was never booked, then the import replaces its balances and drops those it does not carry', async () => {
    await ledger.submit(identities.payerAdmin(), 'vouchers:GrantVoucher', {
      requestId: 'grant-1',
      passId: 'SP-0002',
      offerId: SPORTS_BUDGET,
      amount: 5000,
    });

    await ledger.submit(admin, 'passes:ImportPasses', {
      passes: [
        carriedOver({ ...passRequest({ passId: 'SP-0002', category: 'child' }), issuedAt: undefined }),
      ],
    });

    const vouchers = await ledger.evaluate(admin, 'vouchers:ListVouchers', { passId: 'SP-0002' });
    expect(vouchers.filter((v) => v.granted > 0 || v.used > 0)).toEqual([
      expect.objectContaining({ offerId: SWIMS, used: 3 }),
    ]);
  });

  it('when a pass has a booking, then its import is refused and nothing of the batch is written', async () => {
    await ledger.redeem(identities.venue('zwembad-kardinge'), redeemRequest({ passId: 'SP-0001' }));
    await withHolders(ledger, 'OLD-1');

    await expect(
      ledger.submit(admin, 'passes:ImportPasses', {
        passes: [carriedOver(), carriedOver({ ...passRequest({ passId: 'SP-0001' }) })],
      }),
    ).rejects.toThrow(/^ALREADY_BOOKED: pass SP-0001 has bookings/);
    await expect(ledger.evaluate(admin, 'passes:GetPass', { passId: 'OLD-1' })).rejects.toThrow(
      /^NOT_FOUND: /,
    );
  });

  it('when a new pass comes without a recorded holder, then it is refused unless its holder was erased before the move', async () => {
    await expect(ledger.submit(admin, 'passes:ImportPasses', { passes: [carriedOver()] })).rejects.toThrow(
      /^NOT_FOUND: no holder recorded for pass OLD-1/,
    );

    await ledger.submit(admin, 'passes:ImportPasses', { passes: [carriedOver({ holderErased: true })] });

    expect(await ledger.evaluate(admin, 'passes:GetPass', { passId: 'OLD-1' })).toHaveProperty(
      'holderHash',
      '',
    );
  });

  it.each([
    [
      'an unknown offer',
      { offerId: 'gone', periodKey: '2026', granted: 0, used: 1 },
      /^NOT_FOUND: offer gone/,
    ],
    [
      'a period of another pass year',
      { offerId: SWIMS, periodKey: '2026-08', granted: 0, used: 1 },
      /^INVALID_ARGUMENT: /,
    ],
    ['a negative use', { offerId: SWIMS, periodKey: '2026', granted: 0, used: -1 }, /^INVALID_ARGUMENT: /],
  ])('when a balance names %s, then the import is refused', async (_case, balance, refusal) => {
    await withHolders(ledger, 'OLD-1');

    await expect(
      ledger.submit(admin, 'passes:ImportPasses', { passes: [carriedOver({ openingBalances: [balance] })] }),
    ).rejects.toThrow(refusal);
  });

  it.each([
    ['staff', identities.municipalityStaff()],
    ['the payer', identities.payerAdmin()],
    ['a cashier', identities.venue('zwembad-kardinge')],
  ])('when %s imports, then it is refused', async (_who, who) => {
    await expect(
      ledger.submit(who, 'passes:ImportPasses', { passes: [carriedOver({ holderErased: true })] }),
    ).rejects.toThrow(/^FORBIDDEN: /);
  });

  it('when a replaced pass is imported over, then it is refused; its never-booked replacement keeps what it replaced', async () => {
    await ledger.submit(admin, 'passes:ReplacePass', { passId: 'SP-0002', newPassId: 'SP-0003' });

    await expect(
      ledger.submit(admin, 'passes:ImportPasses', {
        passes: [carriedOver({ ...passRequest({ passId: 'SP-0002', category: 'child' }) })],
      }),
    ).rejects.toThrow(/^INVALID_STATE_TRANSITION: pass SP-0002 was replaced by SP-0003/);
    await ledger.submit(admin, 'passes:ImportPasses', {
      passes: [carriedOver({ ...passRequest({ passId: 'SP-0003', category: 'child' }) })],
    });
    expect(await ledger.evaluate(admin, 'passes:GetPass', { passId: 'SP-0003' })).toMatchObject({
      replaces: 'SP-0002',
      importedAt: ledger.now(),
    });
  });

  it('when another municipality imports over a pass of this one, then it is refused', async () => {
    await expect(
      ledger.submit(identities.regionAdmin(), 'passes:ImportPasses', {
        passes: [
          carriedOver({ ...passRequest({ passId: 'SP-0002', category: 'child' }), holderErased: true }),
        ],
      }),
    ).rejects.toThrow(/^FORBIDDEN: pass SP-0002 belongs to GemeenteMSP/);
  });
});
