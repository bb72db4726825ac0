import { identities } from './support/identities';
import type { InMemoryLedger } from './support/in-memory-ledger';
import {
  MUSEUM,
  MUSEUM_DISCOUNT,
  POOL,
  redeemRequest,
  seededLedger,
  SPORTS_BUDGET,
} from './support/fixtures';
import type { RecordPaymentRequest, SubmitClaimRequest } from '../src/vocabulary';

const pool = identities.venue(POOL);
const staff = identities.municipalityStaff();
const svb = identities.payer();

function paymentRequest(overrides: Partial<RecordPaymentRequest> = {}): RecordPaymentRequest {
  return {
    claimId: 'claim-2026-03',
    paymentReference: 'SVB-2026-000123',
    paidOn: '2026-04-15',
    ...overrides,
  };
}

let ledger: InMemoryLedger;

/** A claim of March so far: its period ends now, a second after the bookings made until then. */
function claimRequest(overrides: Partial<SubmitClaimRequest> = {}): SubmitClaimRequest {
  ledger.advanceSeconds(1);
  return {
    claimId: 'claim-2026-03',
    funderMspId: 'GemeenteMSP',
    periodFrom: '2026-03-01T00:00:00.000Z',
    periodTo: ledger.now(),
    ...overrides,
  };
}

describe('claims', () => {
  beforeEach(async () => {
    ledger = await seededLedger();
    await ledger.redeem(pool, redeemRequest({ quantity: 2 }));
    ledger.advanceSeconds(60);
    await ledger.redeem(pool, redeemRequest({ passId: 'SP-0002' }));
  });

  it('when a venue submits, approves and gets paid, then the claim walks submitted, approved, paid', async () => {
    const submitted = await ledger.submit(pool, 'claims:SubmitClaim', claimRequest());
    expect(submitted).toMatchObject({ status: 'submitted', venueId: POOL, totalCents: 1350 });
    expect(submitted.redemptionIds).toHaveLength(2);

    const approved = await ledger.submit(staff, 'claims:ApproveClaim', { claimId: submitted.claimId });
    expect(approved.status).toBe('approved');

    const paid = await ledger.submit(svb, 'claims:RecordPayment', paymentRequest());
    expect(paid).toMatchObject({ status: 'paid', paymentReference: 'SVB-2026-000123', paidOn: '2026-04-15' });
    expect(ledger.lastEvent()).toMatchObject({
      name: 'ClaimPaid',
      payload: { totalCents: 1350, redemptionCount: 2 },
    });
  });

  it('when the redemptions are claimed already, then a second claim is refused', async () => {
    await ledger.submit(pool, 'claims:SubmitClaim', claimRequest());

    await expect(
      ledger.submit(pool, 'claims:SubmitClaim', claimRequest({ claimId: 'again' })),
    ).rejects.toThrow(/^ALREADY_CLAIMED: /);
  });

  it('when new redemptions follow a claim, then the next claim takes only those', async () => {
    await ledger.submit(pool, 'claims:SubmitClaim', claimRequest());
    await ledger.redeem(pool, redeemRequest());

    const next = await ledger.submit(pool, 'claims:SubmitClaim', claimRequest({ claimId: 'claim-2' }));

    expect(next.redemptionIds).toHaveLength(1);
    expect(next.totalCents).toBe(450);
  });

  it('when nothing was redeemed in the period, then the empty claim is refused', async () => {
    await expect(
      ledger.submit(
        pool,
        'claims:SubmitClaim',
        claimRequest({ periodFrom: '2026-01-01T00:00:00.000Z', periodTo: '2026-02-01T00:00:00.000Z' }),
      ),
    ).rejects.toThrow(/^NOT_FOUND: no unclaimed redemptions/);
  });

  it('when redemptions were reversed or belong to another funder, then they are left out', async () => {
    const budgetUse = async (): Promise<void> => {
      await ledger.submit(identities.payerAdmin(), 'vouchers:GrantVoucher', {
        requestId: 'grant-20',
        passId: 'SP-0002',
        offerId: SPORTS_BUDGET,
        amount: 5000,
      });
      await ledger.redeem(
        pool,
        redeemRequest({ passId: 'SP-0002', offerId: SPORTS_BUDGET, amountCents: 2500 }),
      );
    };
    await budgetUse();
    const reversed = await ledger.redeem(pool, redeemRequest());
    await ledger.submit(pool, 'redemptions:Reverse', {
      requestId: 'rev',
      redemptionId: reversed.redemption.redemptionId,
    });

    const municipal = await ledger.submit(pool, 'claims:SubmitClaim', claimRequest());
    const svbClaim = await ledger.submit(
      pool,
      'claims:SubmitClaim',
      claimRequest({ claimId: 'svb', funderMspId: 'SVBMSP' }),
    );

    expect(municipal.redemptionIds).toHaveLength(2);
    expect(svbClaim.totalCents).toBe(2500);
  });

  it('when the claim id exists, then it is refused', async () => {
    await ledger.submit(pool, 'claims:SubmitClaim', claimRequest());

    await expect(ledger.submit(pool, 'claims:SubmitClaim', claimRequest())).rejects.toThrow(
      /^ALREADY_EXISTS: /,
    );
  });

  it('when the period ends before it starts, then it is refused', async () => {
    await expect(
      ledger.submit(pool, 'claims:SubmitClaim', claimRequest({ periodTo: '2026-03-01T00:00:00.000Z' })),
    ).rejects.toThrow(/^INVALID_ARGUMENT: /);
  });

  it('when a non-venue submits a claim, then it is forbidden', async () => {
    await expect(ledger.submit(staff, 'claims:SubmitClaim', claimRequest())).rejects.toThrow(/^FORBIDDEN: /);
  });

  it('when someone other than the funder approves or rejects, then it is forbidden', async () => {
    await ledger.submit(pool, 'claims:SubmitClaim', claimRequest());

    await expect(ledger.submit(svb, 'claims:ApproveClaim', { claimId: 'claim-2026-03' })).rejects.toThrow(
      /^FORBIDDEN: /,
    );
    await expect(
      ledger.submit(pool, 'claims:RejectClaim', { claimId: 'claim-2026-03', reason: 'x' }),
    ).rejects.toThrow(/^FORBIDDEN: /);
  });

  it('when the SVB funds the claim, then only the SVB approves it', async () => {
    await ledger.submit(identities.payerAdmin(), 'vouchers:GrantVoucher', {
      requestId: 'grant-21',
      passId: 'SP-0002',
      offerId: SPORTS_BUDGET,
      amount: 900,
    });
    await ledger.redeem(pool, redeemRequest({ passId: 'SP-0002', offerId: SPORTS_BUDGET, amountCents: 900 }));
    await ledger.submit(pool, 'claims:SubmitClaim', claimRequest({ claimId: 'svb', funderMspId: 'SVBMSP' }));

    await expect(ledger.submit(staff, 'claims:ApproveClaim', { claimId: 'svb' })).rejects.toThrow(
      /^FORBIDDEN: /,
    );
    expect((await ledger.submit(svb, 'claims:ApproveClaim', { claimId: 'svb' })).status).toBe('approved');
  });

  it('when a claim is rejected, then it records the reason and refuses approval and payment', async () => {
    await ledger.submit(pool, 'claims:SubmitClaim', claimRequest());

    const rejected = await ledger.submit(staff, 'claims:RejectClaim', {
      claimId: 'claim-2026-03',
      reason: 'double',
    });

    expect(rejected).toMatchObject({ status: 'rejected', rejectReason: 'double' });
    await expect(ledger.submit(staff, 'claims:ApproveClaim', { claimId: 'claim-2026-03' })).rejects.toThrow(
      /^INVALID_STATE_TRANSITION: /,
    );
    await expect(ledger.submit(svb, 'claims:RecordPayment', paymentRequest())).rejects.toThrow(
      /^INVALID_STATE_TRANSITION: /,
    );
  });

  it('when payment is recorded before approval, then it is refused', async () => {
    await ledger.submit(pool, 'claims:SubmitClaim', claimRequest());

    await expect(ledger.submit(svb, 'claims:RecordPayment', paymentRequest())).rejects.toThrow(
      /^INVALID_STATE_TRANSITION: /,
    );
  });

  it('when a paid claim is approved or paid again, then it is refused', async () => {
    await ledger.submit(pool, 'claims:SubmitClaim', claimRequest());
    await ledger.submit(staff, 'claims:ApproveClaim', { claimId: 'claim-2026-03' });
    await ledger.submit(svb, 'claims:RecordPayment', paymentRequest());

    await expect(ledger.submit(svb, 'claims:RecordPayment', paymentRequest())).rejects.toThrow(
      /^INVALID_STATE_TRANSITION: /,
    );
    await expect(ledger.submit(staff, 'claims:ApproveClaim', { claimId: 'claim-2026-03' })).rejects.toThrow(
      /^INVALID_STATE_TRANSITION: /,
    );
  });

  it('when the amount paid is not the claim’s total, then nothing is recorded; the total is', async () => {
    await ledger.submit(pool, 'claims:SubmitClaim', claimRequest());
    await ledger.submit(staff, 'claims:ApproveClaim', { claimId: 'claim-2026-03' });

    await expect(
      ledger.submit(svb, 'claims:RecordPayment', paymentRequest({ amountCents: 1349 })),
    ).rejects.toThrow(/^AMOUNT_MISMATCH: /);
    expect((await ledger.evaluate(svb, 'claims:GetClaim', { claimId: 'claim-2026-03' })).status).toBe(
      'approved',
    );

    const paid = await ledger.submit(svb, 'claims:RecordPayment', paymentRequest({ amountCents: 1350 }));
    expect(paid).toMatchObject({ status: 'paid', paidCents: 1350 });
  });

  describe('a reversal after payment', () => {
    let paidIds: string[];
    beforeEach(async () => {
      paidIds = (await ledger.submit(pool, 'claims:SubmitClaim', claimRequest())).redemptionIds;
      await ledger.submit(staff, 'claims:ApproveClaim', { claimId: 'claim-2026-03' });
      await ledger.submit(svb, 'claims:RecordPayment', paymentRequest());
    });

    async function reversePaid(index: number): Promise<string> {
      const reversed = await ledger.submit(pool, 'redemptions:Reverse', {
        requestId: `rev-${String(index)}`,
        redemptionId: paidIds[index] ?? '',
      });
      return reversed.redemption.redemptionId;
    }

    it('when a paid redemption is reversed, then the venue’s next claim carries it as a negative line', async () => {
      const reversalId = await reversePaid(1);
      const later = await ledger.redeem(pool, redeemRequest({ quantity: 2 }));

      const next = await ledger.submit(pool, 'claims:SubmitClaim', claimRequest({ claimId: 'claim-2' }));

      expect(next.redemptionIds).toEqual([reversalId, later.redemption.redemptionId]);
      expect(next).toMatchObject({ totalCents: 900 - 450, deductedCents: 450 });
      const reversal = await ledger.evaluate(pool, 'redemptions:GetRedemption', { redemptionId: reversalId });
      expect(reversal).toMatchObject({ claimId: 'claim-2', reversesClaimId: 'claim-2026-03' });
      const paid = await ledger.evaluate(pool, 'claims:GetClaim', { claimId: 'claim-2026-03' });
      expect(paid).toMatchObject({ status: 'paid', totalCents: 1350 });
    });

    it('when the reversals leave nothing to pay, then the claim is refused and they wait for a later one', async () => {
      const reversalId = await reversePaid(0);
      await ledger.redeem(pool, redeemRequest());

      await expect(
        ledger.submit(pool, 'claims:SubmitClaim', claimRequest({ claimId: 'claim-2' })),
      ).rejects.toThrow(/^NOTHING_TO_PAY: /);
      await ledger.redeem(pool, redeemRequest({ quantity: 2 }));
      const later = await ledger.submit(pool, 'claims:SubmitClaim', claimRequest({ claimId: 'claim-3' }));
      expect(later).toMatchObject({ totalCents: 450 + 900 - 900, deductedCents: 900 });
      expect(later.redemptionIds).toContain(reversalId);
    });
  });

  it('when a redemption’s claim is approved but not paid, then it still cannot be reversed', async () => {
    const [redemptionId = ''] = (await ledger.submit(pool, 'claims:SubmitClaim', claimRequest()))
      .redemptionIds;
    await ledger.submit(staff, 'claims:ApproveClaim', { claimId: 'claim-2026-03' });

    await expect(
      ledger.submit(pool, 'redemptions:Reverse', { requestId: 'rev-open', redemptionId }),
    ).rejects.toThrow(/^ALREADY_CLAIMED: .*approved/);
  });

  it('when the municipality records a payment, then it is forbidden', async () => {
    await ledger.submit(pool, 'claims:SubmitClaim', claimRequest());
    await ledger.submit(staff, 'claims:ApproveClaim', { claimId: 'claim-2026-03' });

    await expect(ledger.submit(staff, 'claims:RecordPayment', paymentRequest())).rejects.toThrow(
      /^FORBIDDEN: /,
    );
  });

  it('when the payment date is malformed, then it is refused', async () => {
    await expect(
      ledger.submit(svb, 'claims:RecordPayment', paymentRequest({ paidOn: '15-04-2026' })),
    ).rejects.toThrow(/^INVALID_ARGUMENT: /);
  });

  it('when an unknown claim is approved, then it is not found', async () => {
    await expect(ledger.submit(staff, 'claims:ApproveClaim', { claimId: 'nope' })).rejects.toThrow(
      /^NOT_FOUND: /,
    );
  });

  describe('reads', () => {
    beforeEach(async () => {
      await ledger.submit(pool, 'claims:SubmitClaim', claimRequest());
      const museum = identities.venue(MUSEUM);
      await ledger.redeem(museum, redeemRequest({ offerId: MUSEUM_DISCOUNT, amountCents: 1000 }));
      await ledger.submit(museum, 'claims:SubmitClaim', claimRequest({ claimId: 'museum-1' }));
      await ledger.submit(staff, 'claims:ApproveClaim', { claimId: 'museum-1' });
    });

    it('when the venue reads its claim, then it gets it, and another venue is forbidden', async () => {
      expect((await ledger.evaluate(pool, 'claims:GetClaim', { claimId: 'claim-2026-03' })).venueId).toBe(
        POOL,
      );
      await expect(
        ledger.evaluate(identities.venue(MUSEUM), 'claims:GetClaim', { claimId: 'claim-2026-03' }),
      ).rejects.toThrow(/^FORBIDDEN: /);
    });

    it('when the payer lists by status, then only claims of that status come back', async () => {
      const approved = await ledger.evaluate(svb, 'claims:ListClaims', { status: 'approved' });

      expect(approved.items.map((claim) => claim.claimId)).toEqual(['museum-1']);
    });

    it('when the municipality lists all, then it sees every claim', async () => {
      const all = await ledger.evaluate(staff, 'claims:ListClaims', {});

      expect(all.items.map((claim) => claim.claimId).sort()).toEqual(['claim-2026-03', 'museum-1']);
    });

    it('when a venue lists claims, then it sees only its own and may filter by status', async () => {
      const own = await ledger.evaluate(pool, 'claims:ListClaims', {});
      const ownApproved = await ledger.evaluate(pool, 'claims:ListClaims', {
        venueId: POOL,
        status: 'approved',
      });

      expect(own.items.map((claim) => claim.claimId)).toEqual(['claim-2026-03']);
      expect(ownApproved.items).toEqual([]);
    });

    it('when a venue lists another venue, then it is forbidden', async () => {
      await expect(ledger.evaluate(pool, 'claims:ListClaims', { venueId: MUSEUM })).rejects.toThrow(
        /^FORBIDDEN: /,
      );
    });

    it('when an identity of another organisation claims the venue id, then it may not see its claims', async () => {
      const impostor = identities.venue(POOL, 'OtherChainMSP');

      await expect(ledger.evaluate(impostor, 'claims:ListClaims', {})).rejects.toThrow(/^FORBIDDEN: /);
      await expect(
        ledger.evaluate(impostor, 'claims:GetClaim', { claimId: 'claim-2026-03' }),
      ).rejects.toThrow(/^FORBIDDEN: /);
    });

    it('when a venues admin without venueId lists claims, then it is forbidden', async () => {
      await expect(ledger.evaluate(identities.venuesAdmin(), 'claims:ListClaims', {})).rejects.toThrow(
        /^FORBIDDEN: /,
      );
    });

    it('when claims are paged, then the bookmark leads to the rest', async () => {
      const first = await ledger.evaluate(staff, 'claims:ListClaims', { pageSize: 1 });
      const second = await ledger.evaluate(staff, 'claims:ListClaims', {
        pageSize: 1,
        bookmark: first.bookmark,
      });

      expect(first.items).toHaveLength(1);
      expect(second.items).toHaveLength(1);
      expect(second.bookmark).toBe('');
      expect(second.items[0]?.claimId).not.toBe(first.items[0]?.claimId);
    });

    it('when a venue has no claims, then its list is an empty last page', async () => {
      const page = await ledger.evaluate(staff, 'claims:ListClaims', { venueId: 'sportclub-helpman' });

      expect(page).toEqual({ items: [], bookmark: '', fetchedCount: 0 });
    });

    it('when the bookmark is not a key of the listing, then it is refused', async () => {
      await expect(ledger.evaluate(staff, 'claims:ListClaims', { bookmark: 'xyz' })).rejects.toThrow(
        /^INVALID_ARGUMENT: bookmark/,
      );
    });

    it('when the request is empty, then ListClaims still answers', async () => {
      const raw = await ledger.invoke(staff, 'claims:ListClaims', [''], { commit: false, transient: {} });

      expect((JSON.parse(raw) as { items: unknown[] }).items).toHaveLength(2);
    });

    it('when the status is unknown, then it is refused', async () => {
      await expect(ledger.evaluate(staff, 'claims:ListClaims', { status: 'open' as never })).rejects.toThrow(
        /^INVALID_ARGUMENT: /,
      );
    });
  });
});
