import { identities } from './support/identities';
import type { InMemoryLedger } from './support/in-memory-ledger';
import { MUSEUM, MUSEUM_DISCOUNT, POOL, redeemRequest, seededLedger, SWIMS } from './support/fixtures';

const pool = identities.venue(POOL);
const staff = identities.municipalityStaff();

describe('redemptions:Reverse', () => {
  let ledger: InMemoryLedger;
  let redemptionId: string;
  beforeEach(async () => {
    ledger = await seededLedger();
    await ledger.submit(identities.municipalityAdmin(), 'config:SetConfig', {
      passYearStart: '01-01',
      reversalWindowSeconds: 900,
    });
    redemptionId = (await ledger.redeem(pool, redeemRequest({ quantity: 2 }))).redemption.redemptionId;
  });

  it('when the venue reverses its redemption in the window, then a reversal record restores the balance', async () => {
    ledger.advanceSeconds(900);

    const result = await ledger.submit(pool, 'redemptions:Reverse', { requestId: 'rev-1', redemptionId });

    expect(result.remaining).toBe(5);
    expect(result.redemption).toMatchObject({
      type: 'reversal',
      reversesId: redemptionId,
      units: 2,
      requestId: 'rev-1',
    });
    expect(result.redemption.redemptionId).not.toBe(redemptionId);
    const original = await ledger.evaluate(staff, 'redemptions:GetRedemption', { redemptionId });
    expect(original.reversedBy).toBe(result.redemption.redemptionId);
    expect(ledger.lastEvent()).toMatchObject({
      name: 'RedemptionReversed',
      payload: { reversesId: redemptionId },
    });
  });

  it('when the window has passed, then the reversal is refused', async () => {
    ledger.advanceSeconds(901);

    await expect(
      ledger.submit(pool, 'redemptions:Reverse', { requestId: 'rev-1', redemptionId }),
    ).rejects.toThrow(/^REVERSAL_WINDOW_CLOSED: /);
  });

  it('when a redemption is reversed twice, then the second is refused', async () => {
    await ledger.submit(pool, 'redemptions:Reverse', { requestId: 'rev-1', redemptionId });

    await expect(
      ledger.submit(pool, 'redemptions:Reverse', { requestId: 'rev-2', redemptionId }),
    ).rejects.toThrow(/^ALREADY_REVERSED: /);
  });

  it('when the reversal is retried with its request id, then the original reversal returns', async () => {
    const first = await ledger.submit(pool, 'redemptions:Reverse', { requestId: 'rev-1', redemptionId });

    const again = await ledger.submit(pool, 'redemptions:Reverse', { requestId: 'rev-1', redemptionId });

    expect(again).toEqual({ ...first, replayed: true });
  });

  it('when a reversal request id was used for a redemption, then it is an idempotency mismatch', async () => {
    await ledger.redeem(pool, redeemRequest({ requestId: 'used' }));

    await expect(
      ledger.submit(pool, 'redemptions:Reverse', { requestId: 'used', redemptionId }),
    ).rejects.toThrow(/^IDEMPOTENCY_MISMATCH: /);
  });

  it('when another venue tries to reverse it, then it is forbidden', async () => {
    await expect(
      ledger.submit(identities.venue(MUSEUM), 'redemptions:Reverse', { requestId: 'rev-1', redemptionId }),
    ).rejects.toThrow(/^FORBIDDEN: /);
  });

  it('when a reversal is reversed, then it is refused', async () => {
    const reversal = await ledger.submit(pool, 'redemptions:Reverse', { requestId: 'rev-1', redemptionId });

    await expect(
      ledger.submit(pool, 'redemptions:Reverse', {
        requestId: 'rev-2',
        redemptionId: reversal.redemption.redemptionId,
      }),
    ).rejects.toThrow(/^INVALID_STATE_TRANSITION: /);
  });

  it('when the redemption is unknown, then it is not found', async () => {
    await expect(
      ledger.submit(pool, 'redemptions:Reverse', { requestId: 'rev-1', redemptionId: 'nope' }),
    ).rejects.toThrow(/^NOT_FOUND: /);
  });

  it('when the redemption is claimed, then it can no longer be reversed', async () => {
    ledger.advanceSeconds(1);
    await ledger.submit(pool, 'claims:SubmitClaim', {
      claimId: 'claim-1',
      funderMspId: 'GemeenteMSP',
      periodFrom: '2026-03-01T00:00:00.000Z',
      periodTo: ledger.now(),
    });

    await expect(
      ledger.submit(pool, 'redemptions:Reverse', { requestId: 'rev-1', redemptionId }),
    ).rejects.toThrow(/^ALREADY_CLAIMED: /);
  });

  it('when the pass was replaced after the redemption, then the balance is restored on the new card', async () => {
    await ledger.submit(staff, 'passes:ReplacePass', { passId: 'SP-0001', newPassId: 'SP-0100' });

    const result = await ledger.submit(pool, 'redemptions:Reverse', { requestId: 'rev-1', redemptionId });

    expect(result.remaining).toBe(5);
    const newPass = await ledger.evaluate(staff, 'passes:GetPass', { passId: 'SP-0100' });
    expect(newPass.vouchers.find((voucher) => voucher.offerId === SWIMS)?.remaining).toBe(5);
  });

  it('when a discount use is reversed, then its discount goes back to the pass’s discount budget', async () => {
    const museum = identities.venue(MUSEUM);
    const use = await ledger.redeem(museum, redeemRequest({ offerId: MUSEUM_DISCOUNT, amountCents: 800 }));

    const result = await ledger.submit(museum, 'redemptions:Reverse', {
      requestId: 'rev-m',
      redemptionId: use.redemption.redemptionId,
    });

    expect(result.remaining).toBe(4000);
    expect(result.redemption).toMatchObject({ type: 'reversal', units: 400 });
  });
});
