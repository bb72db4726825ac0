import { identities } from './support/identities';
import { InMemoryLedger } from './support/in-memory-ledger';
import {
  budgetOffer,
  cardOf,
  holderTransient,
  passRequest,
  POOL,
  qrKeyRequest,
  recordingHolder,
  venueRequest,
} from './support/fixtures';

describe('the city pass story', () => {
  it('when a child gets a sports budget, uses it, and the pool is paid, then every partner sees one consistent trail', async () => {
    const ledger = new InMemoryLedger('2026-09-01T08:00:00.000Z');
    const municipalityAdmin = identities.municipalityAdmin();
    const municipality = identities.municipalityStaff();
    const svb = identities.payer();
    const pool = identities.venue(POOL);

    // Arrange: the municipality sets up, the SVB funds a budget, a child's pass is issued and granted.
    await ledger.submit(municipalityAdmin, 'config:SetConfig', {
      passYearStart: '08-01',
      reversalWindowSeconds: 600,
    });
    await ledger.submit(municipalityAdmin, 'config:AddQrKey', qrKeyRequest());
    await ledger.submit(municipality, 'venues:RegisterVenue', venueRequest());
    await ledger.submit(identities.payerAdmin(), 'offers:CreateOffer', budgetOffer());
    await ledger.submit(
      municipality,
      'passes:RecordHolder',
      undefined,
      recordingHolder(holderTransient('SP-7001')),
    );
    await ledger.submit(
      municipality,
      'passes:IssuePass',
      passRequest({ passId: 'SP-7001', category: 'child' }),
    );
    await ledger.submit(svb, 'vouchers:GrantVoucher', {
      requestId: 'grant-1',
      passId: 'SP-7001',
      offerId: budgetOffer().offerId,
      amount: 15000,
    });

    // Act: the pool books two uses with the card, a third would overspend, then it claims and gets paid.
    ledger.advanceSeconds(3600);
    const first = await ledger.redeem(pool, {
      requestId: 'pos-1',
      qr: cardOf('SP-7001'),
      offerId: budgetOffer().offerId,
      amountCents: 9000,
    });
    const second = await ledger.redeem(pool, {
      requestId: 'pos-2',
      qr: cardOf('SP-7001'),
      offerId: budgetOffer().offerId,
      amountCents: 6000,
    });
    const overspend = ledger.redeem(pool, {
      requestId: 'pos-3',
      qr: cardOf('SP-7001'),
      offerId: budgetOffer().offerId,
      amountCents: 1,
    });
    await expect(overspend).rejects.toThrow(/^INSUFFICIENT_BALANCE: 0 left .* in 2026-08/);
    // The pool claims September once it has ended.
    ledger.setTime('2026-10-01T08:00:00.000Z');
    const claim = await ledger.submit(pool, 'claims:SubmitClaim', {
      claimId: 'kardinge-2026-09',
      funderMspId: 'SVBMSP',
      periodFrom: '2026-09-01T00:00:00Z',
      periodTo: '2026-10-01T00:00:00Z',
    });
    await ledger.submit(svb, 'claims:ApproveClaim', { claimId: claim.claimId });
    const paid = await ledger.submit(svb, 'claims:RecordPayment', {
      claimId: claim.claimId,
      paymentReference: 'SVB-BETALING-42',
      paidOn: '2026-10-05',
    });

    // Assert
    expect([first.remaining, second.remaining]).toEqual([6000, 0]);
    expect(paid).toMatchObject({
      status: 'paid',
      totalCents: 15000,
      redemptionIds: [first.redemption.redemptionId, second.redemption.redemptionId],
    });
    expect(first.redemption.presented).toBe('card');
    expect(ledger.events.map((event) => event.name)).toEqual([
      'ConfigSet',
      'QrKeyAdded',
      'VenueRegistered',
      'OfferCreated',
      'HolderRecorded',
      'PassIssued',
      'VoucherGranted',
      'Redeemed',
      'Redeemed',
      'ClaimSubmitted',
      'ClaimApproved',
      'ClaimPaid',
    ]);
    expect(JSON.stringify(ledger.events)).not.toContain(holderTransient('SP-7001').personalData.bsn);
  });
});
