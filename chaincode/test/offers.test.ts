import { identities } from './support/identities';
import { InMemoryLedger } from './support/in-memory-ledger';
import {
  budgetOffer,
  discountOffer,
  entriesOffer,
  MUSEUM,
  POOL,
  termsOf,
  venueRequest,
} from './support/fixtures';

const staff = identities.municipalityStaff();
const svb = identities.payerAdmin();

async function ledgerWithVenues(): Promise<InMemoryLedger> {
  const ledger = new InMemoryLedger();
  await ledger.submit(staff, 'venues:RegisterVenue', venueRequest());
  await ledger.submit(
    staff,
    'venues:RegisterVenue',
    venueRequest({ venueId: MUSEUM, name: 'Museum', kind: 'museum' }),
  );
  return ledger;
}

describe('offers', () => {
  it('when the funder creates an offer, then it is version 1 and active', async () => {
    const ledger = await ledgerWithVenues();

    const offer = await ledger.submit(staff, 'offers:CreateOffer', entriesOffer());

    expect(offer).toMatchObject({ version: 1, status: 'active', kind: 'entries', entriesPerPeriod: 5 });
    expect(ledger.lastEvent()).toMatchObject({
      name: 'OfferCreated',
      payload: { offerId: offer.offerId, version: 1 },
    });
  });

  it('when an organisation creates an offer funded by another, then it is forbidden', async () => {
    const ledger = await ledgerWithVenues();

    await expect(ledger.submit(svb, 'offers:CreateOffer', entriesOffer())).rejects.toThrow(/^FORBIDDEN: /);
    await expect(ledger.submit(staff, 'offers:CreateOffer', budgetOffer())).rejects.toThrow(/^FORBIDDEN: /);
  });

  it('when the offer id exists, then it is refused', async () => {
    const ledger = await ledgerWithVenues();
    await ledger.submit(staff, 'offers:CreateOffer', entriesOffer());

    await expect(ledger.submit(staff, 'offers:CreateOffer', entriesOffer())).rejects.toThrow(
      /^ALREADY_EXISTS: /,
    );
  });

  it('when an eligible venue is not registered, then it is refused', async () => {
    const ledger = await ledgerWithVenues();

    await expect(
      ledger.submit(staff, 'offers:CreateOffer', entriesOffer({ eligibleVenueIds: [POOL, 'ghost-venue'] })),
    ).rejects.toThrow(/^NOT_FOUND: venue ghost-venue/);
  });

  it.each([
    ['an entries offer without entriesPerPeriod', entriesOffer({ entriesPerPeriod: undefined })],
    ['an entries offer with a budget', entriesOffer({ budgetCentsPerPeriod: 100 })],
    ['an entries offer reimbursed by share', entriesOffer({ reimbursement: { shareBasisPoints: 5000 } })],
    ['a budget offer without budget', budgetOffer({ budgetCentsPerPeriod: undefined })],
    ['a discount over 100%', discountOffer({ discountPercent: 101 })],
    ['a discount granted by rule', discountOffer({ grantByRule: true })],
    ['a discount without a ceiling per booking', discountOffer({ maxAmountCentsPerBooking: undefined })],
    ['a discount without a discount budget', discountOffer({ discountCentsPerPeriod: undefined })],
    ['a budget offer with a ceiling per booking', budgetOffer({ maxAmountCentsPerBooking: 100 })],
    ['two reimbursements', entriesOffer({ reimbursement: { perUseCents: 1, shareBasisPoints: 1 } as never })],
    ['no reimbursement', entriesOffer({ reimbursement: {} as never })],
    ['a share above 100%', budgetOffer({ reimbursement: { shareBasisPoints: 10001 } })],
    ['an unknown kind', entriesOffer({ kind: 'free' as never })],
    ['a funder that funds nothing in the scheme', entriesOffer({ funderMspId: 'VenuesMSP' })],
    ['passes of an organisation that issues none', entriesOffer({ passIssuers: ['SVBMSP'] })],
    ['no venues', entriesOffer({ eligibleVenueIds: [] })],
    ['a venue twice', entriesOffer({ eligibleVenueIds: [POOL, POOL] })],
    ['a malformed category', entriesOffer({ eligibleCategories: ['65+'] })],
    ['a validity ending before it starts', entriesOffer({ validUntil: '2025-01-01T00:00:00Z' })],
    ['grantByRule not a boolean', entriesOffer({ grantByRule: 'yes' as never })],
    ['an empty name', entriesOffer({ name: '' })],
    ['a name too long', entriesOffer({ name: 'x'.repeat(201) })],
  ])('when the request has %s, then it is refused', async (_case, request) => {
    const ledger = await ledgerWithVenues();

    await expect(ledger.submit(staff, 'offers:CreateOffer', request)).rejects.toThrow(/^INVALID_ARGUMENT: /);
  });

  it('when the funder updates an offer, then the version rises and the history keeps every version', async () => {
    const ledger = await ledgerWithVenues();
    await ledger.submit(staff, 'offers:CreateOffer', entriesOffer());

    const updated = await ledger.submit(
      staff,
      'offers:UpdateOffer',
      termsOf(entriesOffer({ entriesPerPeriod: 8, eligibleVenueIds: [POOL, MUSEUM] })),
    );
    const history = await ledger.evaluate(identities.venue(POOL), 'offers:GetOfferHistory', {
      offerId: updated.offerId,
    });

    expect(updated).toMatchObject({
      version: 2,
      entriesPerPeriod: 8,
      kind: 'entries',
      funderMspId: 'GemeenteMSP',
    });
    expect(history.map((offer) => [offer.version, offer.entriesPerPeriod])).toEqual([
      [1, 5],
      [2, 8],
    ]);
  });

  it('when an update does not fit the kind, then it is refused', async () => {
    const ledger = await ledgerWithVenues();
    await ledger.submit(staff, 'offers:CreateOffer', entriesOffer());

    await expect(
      ledger.submit(
        staff,
        'offers:UpdateOffer',
        termsOf(entriesOffer({ entriesPerPeriod: undefined, discountPercent: 10 })),
      ),
    ).rejects.toThrow(/^INVALID_ARGUMENT: /);
  });

  it('when another organisation updates or retires the offer, then it is forbidden', async () => {
    const ledger = await ledgerWithVenues();
    await ledger.submit(staff, 'offers:CreateOffer', entriesOffer());

    await expect(ledger.submit(svb, 'offers:UpdateOffer', termsOf(entriesOffer()))).rejects.toThrow(
      /^FORBIDDEN: /,
    );
    await expect(
      ledger.submit(svb, 'offers:RetireOffer', { offerId: entriesOffer().offerId }),
    ).rejects.toThrow(/^FORBIDDEN: /);
  });

  it('when an offer is retired, then it cannot be updated or retired again', async () => {
    const ledger = await ledgerWithVenues();
    await ledger.submit(svb, 'offers:CreateOffer', budgetOffer());

    const retired = await ledger.submit(svb, 'offers:RetireOffer', { offerId: budgetOffer().offerId });

    expect(retired).toMatchObject({ status: 'retired', version: 2 });
    await expect(ledger.submit(svb, 'offers:UpdateOffer', termsOf(budgetOffer()))).rejects.toThrow(
      /^INVALID_STATE_TRANSITION: /,
    );
    await expect(
      ledger.submit(svb, 'offers:RetireOffer', { offerId: budgetOffer().offerId }),
    ).rejects.toThrow(/^INVALID_STATE_TRANSITION: /);
  });

  it('when offers are read, then every organisation sees them', async () => {
    const ledger = await ledgerWithVenues();
    await ledger.submit(staff, 'offers:CreateOffer', entriesOffer());
    await ledger.submit(staff, 'offers:CreateOffer', discountOffer());

    const list = await ledger.evaluate(identities.venue(MUSEUM), 'offers:ListOffers', undefined);
    const one = await ledger.evaluate(svb, 'offers:GetOffer', { offerId: discountOffer().offerId });

    expect(list.map((offer) => offer.offerId)).toEqual([discountOffer().offerId, entriesOffer().offerId]);
    expect(one.discountPercent).toBe(50);
  });

  it('when an unknown offer is read or its history asked, then it is not found', async () => {
    const ledger = await ledgerWithVenues();

    await expect(ledger.evaluate(staff, 'offers:GetOffer', { offerId: 'nope' })).rejects.toThrow(
      /^NOT_FOUND: /,
    );
    await expect(ledger.evaluate(staff, 'offers:GetOfferHistory', { offerId: 'nope' })).rejects.toThrow(
      /^NOT_FOUND: /,
    );
  });
});
