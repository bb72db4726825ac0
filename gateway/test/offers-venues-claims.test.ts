import { AppError } from '../src/errors/app-error';
import { makeOffer, makeOfferRequest } from './support/records';
import { errorOf } from './support/responses';
import { buildTestApp } from './support/test-app';

const swimOffer = makeOfferRequest({ offerId: 'swim-5-2026' });

describe('offers', () => {
  it('when the funder creates an offer, then it gets 201 and the chaincode gets the offer as sent', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    ledger.on('offers:CreateOffer', ({ request }) => ({
      ...(request as object),
      version: 1,
      status: 'active',
    }));

    const res = await http.post('/api/v1/offers').set(as(clients.staff)).send(swimOffer);

    expect(res.status).toBe(201);
    expect(ledger.callsOf('offers:CreateOffer')[0]?.request).toEqual(swimOffer);
  });

  it.each([
    ['an unknown kind', { ...swimOffer, kind: 'lottery' }],
    ['a funder that is no MSP id', { ...swimOffer, funderMspId: 'Venues MSP' }],
    [
      'a reimbursement of both kinds',
      { ...swimOffer, reimbursement: { perUseCents: 1, shareBasisPoints: 1 } },
    ],
    ['fractional cents', { ...swimOffer, reimbursement: { perUseCents: 4.5 } }],
    ['a validity that is not a UTC timestamp', { ...swimOffer, validFrom: '1 January 2026' }],
    ['a discount above 100%', { ...swimOffer, kind: 'discount', discountPercent: 150 }],
  ])('when an offer has %s, then it is refused with 400', async (_case, offer) => {
    const { http, ledger, clients, as } = buildTestApp();

    const res = await http.post('/api/v1/offers').set(as(clients.staff)).send(offer);

    expect(res.status).toBe(400);
    expect(ledger.calls).toHaveLength(0);
  });

  it('when offers are listed and one is read, then the ledger’s records come back', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    const offer = makeOffer();
    ledger.on('offers:ListOffers', () => [offer]).on('offers:GetOffer', () => offer);

    const list = await http.get('/api/v1/offers').set(as(clients.venue));
    const one = await http.get('/api/v1/offers/swim-5').set(as(clients.venue));

    expect(list.body).toEqual([offer]);
    expect(one.body).toEqual(offer);
    expect(ledger.callsOf('offers:GetOffer')[0]?.request).toEqual({ offerId: 'swim-5' });
  });

  it('when an offer is retired, then RetireOffer is submitted for it', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    ledger.on('offers:RetireOffer', () => makeOffer({ status: 'retired' }));

    const res = await http.post('/api/v1/offers/swim-5/retire').set(as(clients.staff));

    expect(res.status).toBe(200);
    expect(ledger.callsOf('offers:RetireOffer')[0]?.request).toEqual({ offerId: 'swim-5' });
  });
});

describe('venues', () => {
  it('when a venue is suspended, then SuspendVenue gets the id and the reason', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    ledger.on('venues:SuspendVenue', () => ({}));

    await http
      .post('/api/v1/venues/zwembad-kardinge/suspend')
      .set(as(clients.staff))
      .send({ reason: 'renovation' })
      .expect(200);

    expect(ledger.callsOf('venues:SuspendVenue')[0]?.request).toEqual({
      venueId: 'zwembad-kardinge',
      reason: 'renovation',
    });
  });

  it('when venues are listed and one is read, then the ledger is asked for them', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    ledger.on('venues:ListVenues', () => []).on('venues:GetVenue', () => ({ venueId: 'zwembad-kardinge' }));

    await http.get('/api/v1/venues').set(as(clients.staff)).expect(200);
    const one = await http.get('/api/v1/venues/zwembad-kardinge').set(as(clients.staff));

    expect(one.body).toEqual({ venueId: 'zwembad-kardinge' });
  });
});

describe('claims', () => {
  const claim = {
    claimId: 'kardinge-2026-03',
    funderMspId: 'GemeenteMSP',
    periodFrom: '2026-03-01T00:00:00Z',
    periodTo: '2026-04-01T00:00:00Z',
  };

  it('when a venue submits a claim, then SubmitClaim gets it with its timestamps in millisecond form', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    ledger.on('claims:SubmitClaim', () => ({ ...claim, status: 'submitted' }));

    const res = await http.post('/api/v1/claims').set(as(clients.venue)).send(claim);

    expect(res.status).toBe(201);
    expect(ledger.callsOf('claims:SubmitClaim')[0]?.request).toEqual({
      ...claim,
      periodFrom: '2026-03-01T00:00:00.000Z',
      periodTo: '2026-04-01T00:00:00.000Z',
    });
  });

  it('when the same redemptions are claimed twice, then the second claim is refused with 409 ALREADY_CLAIMED', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    ledger.on('claims:SubmitClaim', () => {
      throw new AppError('ALREADY_CLAIMED', 'no unclaimed redemptions in the period');
    });

    const res = await http
      .post('/api/v1/claims')
      .set(as(clients.venue))
      .send({ ...claim, claimId: 'again' });

    expect(res.status).toBe(409);
    expect(errorOf(res).code).toBe('ALREADY_CLAIMED');
  });

  it.each([
    ['approve', {}, 'claims:ApproveClaim', { claimId: 'kardinge-2026-03' }],
    [
      'reject',
      { reason: 'wrong period' },
      'claims:RejectClaim',
      { claimId: 'kardinge-2026-03', reason: 'wrong period' },
    ],
    [
      'payment',
      { paymentReference: 'SVB-1', paidOn: '2026-04-15' },
      'claims:RecordPayment',
      { claimId: 'kardinge-2026-03', paymentReference: 'SVB-1', paidOn: '2026-04-15' },
    ],
  ])(
    'when POST /claims/{id}/%s is called, then %s… gets the request',
    async (action, body, transaction, expected) => {
      const { http, ledger, clients, as } = buildTestApp();
      ledger.on(transaction, () => ({}));

      const res = await http
        .post(`/api/v1/claims/kardinge-2026-03/${action}`)
        .set(as(clients.payer))
        .send(body);

      expect(res.status).toBe(200);
      expect(ledger.callsOf(transaction)[0]?.request).toEqual(expected);
    },
  );

  it('when a payment date is not a date, then it is refused with 400', async () => {
    const { http, clients, as } = buildTestApp();

    const res = await http
      .post('/api/v1/claims/kardinge-2026-03/payment')
      .set(as(clients.payer))
      .send({ paymentReference: 'SVB-1', paidOn: '15-04-2026' });

    expect(res.status).toBe(400);
  });

  it('when a venue lists claims, then it gets its own venue’s claims; others filter by status', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    ledger.on('claims:ListClaims', () => ({ items: [], bookmark: '', fetchedCount: 0 }));

    await http.get('/api/v1/claims').set(as(clients.venue)).expect(200);
    await http.get('/api/v1/claims?status=approved&pageSize=5').set(as(clients.payer)).expect(200);

    expect(ledger.callsOf('claims:ListClaims').map((c) => c.request)).toEqual([
      { venueId: 'zwembad-kardinge' },
      { status: 'approved', pageSize: 5 },
    ]);
  });

  it('when a claim status is not in the catalogue, then the listing is refused with 400', async () => {
    const { http, clients, as } = buildTestApp();

    const res = await http.get('/api/v1/claims?status=lost').set(as(clients.payer));

    expect(res.status).toBe(400);
  });
});
