import { MAX_CLOCK_SKEW_SECONDS } from '../src/ledger/clock-guard';
import { identities } from './support/identities';
import type { InMemoryLedger } from './support/in-memory-ledger';
import { POOL, redeemRequest, seededLedger } from './support/fixtures';

const pool = identities.venue(POOL);
const staff = identities.municipalityStaff();
const YEAR_SECONDS = 365 * 86_400;

describe('the proposal time against the endorsing peer’s clock', () => {
  let ledger: InMemoryLedger;
  beforeEach(async () => {
    ledger = await seededLedger();
  });

  it.each([
    ['a year ahead of', -YEAR_SECONDS, /31536000 s ahead of this peer's clock/],
    ['ten minutes behind', 600, /600 s behind this peer's clock/],
    ['just over the limit ahead of', -(MAX_CLOCK_SKEW_SECONDS + 1), /ahead of this peer's clock/],
  ])(
    'when a venue’s own client dates its booking %s the peer’s clock, then it is refused and nothing changes',
    async (_case, peerSkewSeconds, detail) => {
      ledger.setPeerClockSkew(peerSkewSeconds);
      const before = ledger.world.snapshot();

      const booking = ledger.redeem(pool, redeemRequest());

      await expect(booking).rejects.toThrow(/^CLOCK_SKEW: the proposal is dated /);
      await expect(booking).rejects.toThrow(detail);
      expect(ledger.world.snapshot()).toBe(before);
    },
  );

  it('when the municipality’s own client dates blocking a pass a year back, then it is refused too', async () => {
    ledger.setPeerClockSkew(YEAR_SECONDS);

    await expect(
      ledger.submit(staff, 'passes:BlockPass', { passId: 'SP-0001', reason: 'lost' }),
    ).rejects.toThrow(/^CLOCK_SKEW: /);
  });

  it('when a read is dated far from the peer’s clock, then it is refused as well', async () => {
    ledger.setPeerClockSkew(-YEAR_SECONDS);

    await expect(ledger.evaluate(staff, 'passes:GetPass', { passId: 'SP-0001' })).rejects.toThrow(
      /^CLOCK_SKEW: /,
    );
  });

  it.each([
    ['ahead of', -MAX_CLOCK_SKEW_SECONDS],
    ['behind', MAX_CLOCK_SKEW_SECONDS],
  ])(
    'when the proposal is at most the limit %s the peer’s clock, then it books',
    async (_case, peerSkewSeconds) => {
      ledger.setPeerClockSkew(peerSkewSeconds);

      const result = await ledger.redeem(pool, redeemRequest());

      expect(result.redemption.at).toBe(ledger.now());
    },
  );
});
