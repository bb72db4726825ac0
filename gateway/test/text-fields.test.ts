import { errorOf } from './support/responses';
import { makeOfferRequest } from './support/records';
import { buildTestApp } from './support/test-app';

const venue = {
  venueId: 'zwembad-kardinge',
  name: 'Sportcentrum Kardinge',
  kind: 'swimming-pool',
  mspId: 'VenuesMSP',
};

const personalData = {
  name: 'Jantje de Vries',
  bsn: '123456782',
  dateOfBirth: '2015-04-01',
  address: 'Grote Markt 1, 9711 LV Groningen',
};

const newPass = {
  passId: 'SP-0001',
  category: 'child',
  validFrom: '2026-01-01T00:00:00Z',
  validUntil: '2026-12-31T23:59:59Z',
  personalData,
};

describe('names and free text', () => {
  it.each([
    ['NUL', 'x\u0000y'],
    ['a line feed', 'x\ny'],
    ['a C1 control', 'x\u009By'],
    ['a lone high surrogate', 'x\uD83Dy'],
    ['a lone low surrogate', 'x\uDE00y'],
    ['a right-to-left override', 'x\u202Ey'],
    ['a pop directional isolate', 'x\u2069y'],
    ['a left-to-right mark', 'x\u200Ey'],
  ])(
    'when a venue name holds %s, then POST /venues is refused with 400 and nothing is sent',
    async (_case, name) => {
      const { http, ledger, clients, as } = buildTestApp();

      const res = await http
        .post('/api/v1/venues')
        .set(as(clients.staff))
        .send({ ...venue, name });

      expect(res.status).toBe(400);
      expect(errorOf(res).message).toMatch(/body\.name: must not hold control characters/);
      expect(ledger.calls).toHaveLength(0);
    },
  );

  it('when a venue name is decomposed and padded, then the ledger gets it trimmed in NFC form', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    ledger.on('venues:RegisterVenue', (call) => call.request);

    const res = await http
      .post('/api/v1/venues')
      .set(as(clients.staff))
      .send({ ...venue, name: ' Cafe\u0301 de Sluis ' });

    expect(res.status).toBe(201);
    expect(ledger.callsOf('venues:RegisterVenue')[0]?.request).toMatchObject({ name: 'Caf\u00e9 de Sluis' });
  });

  it.each([
    ['a suspension reason', '/api/v1/venues/zwembad-kardinge/suspend', { reason: 'closed\u0000' }],
    ['a block reason', '/api/v1/passes/SP-0001/block', { reason: '\u202Elost' }],
    ['an offer name', '/api/v1/offers', makeOfferRequest({ name: 'swim\uD800' })],
    ['a holder name', '/api/v1/passes', { ...newPass, personalData: { ...personalData, name: 'J\u0000' } }],
    [
      'a holder address',
      '/api/v1/passes',
      { ...newPass, personalData: { ...personalData, address: 'a\u2066b' } },
    ],
    ['a claim rejection reason', '/api/v1/claims/kardinge-2026-03/reject', { reason: 'no\u0007' }],
  ])(
    'when %s holds a forbidden character, then it is refused with 400 and nothing is sent',
    async (_case, path, body) => {
      const { http, ledger, clients, as } = buildTestApp();

      const res = await http.post(path).set(as(clients.staff)).send(body);

      expect(res.status).toBe(400);
      expect(errorOf(res).code).toBe('INVALID_ARGUMENT');
      expect(ledger.calls).toHaveLength(0);
    },
  );

  it('when a payment reference holds a forbidden character, then it is refused with 400 and nothing is sent', async () => {
    const { http, ledger, clients, as } = buildTestApp();

    const res = await http
      .post('/api/v1/claims/kardinge-2026-03/payment')
      .set(as(clients.payer))
      .send({ paymentReference: 'SVB\u202E1', paidOn: '2026-04-02' });

    expect(res.status).toBe(400);
    expect(ledger.calls).toHaveLength(0);
  });
});

describe('a pass to issue', () => {
  it('when validUntil is not after validFrom, then it is refused with 400 before the holder is recorded', async () => {
    const { http, ledger, clients, as } = buildTestApp();

    const res = await http
      .post('/api/v1/passes')
      .set(as(clients.staff))
      .send({ ...newPass, validUntil: newPass.validFrom });

    expect(res.status).toBe(400);
    expect(errorOf(res).message).toMatch(/body\.validUntil: must be after validFrom/);
    expect(ledger.calls).toHaveLength(0);
  });
});
