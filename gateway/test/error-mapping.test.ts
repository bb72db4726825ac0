import { ERROR_CODES } from '@stadspas/chaincode/vocabulary';
import { AppError } from '../src/errors/app-error';
import { httpStatusOf } from '../src/errors/http-status';
import { errorOf } from './support/responses';
import { buildTestApp } from './support/test-app';

describe('chaincode error codes to HTTP status', () => {
  // Every code of the catalogue is a state conflict (409) unless listed here.
  const otherStatuses: Readonly<Record<string, number>> = {
    INVALID_ARGUMENT: 400,
    INVALID_QR: 400,
    FORBIDDEN: 403,
    VENUE_NOT_ELIGIBLE: 403,
    VENUE_SUSPENDED: 403,
    NOT_FOUND: 404,
    NOT_INITIALISED: 503,
    CLOCK_SKEW: 503,
  };
  const cases = ERROR_CODES.map((code): [string, number] => [code, otherStatuses[code] ?? 409]);

  it.each(cases)(
    'when the chaincode refuses with %s, then the client gets %i with that code',
    async (code, status) => {
      const { http, ledger, clients, as } = buildTestApp();
      ledger.on('offers:GetOffer', () => {
        throw new AppError(code, 'refused by the chaincode');
      });

      const res = await http.get('/api/v1/offers/swim-5').set(as(clients.staff));

      expect(res.status).toBe(status);
      expect(res.body).toEqual({ error: { code, message: 'refused by the chaincode' } });
    },
  );

  it('when any catalogue code is looked up, then none maps to 500 (a refusal is never a server fault)', () => {
    const statuses = ERROR_CODES.map((code) => httpStatusOf(code));

    expect(statuses.filter((status) => status >= 500 && status !== 503)).toEqual([]);
  });
});

describe('gateway error answers', () => {
  it('when no peer is reachable, then the client gets 503 UNAVAILABLE', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    ledger.unavailable = true;

    const res = await http.get('/api/v1/offers').set(as(clients.staff));

    expect(res.status).toBe(503);
    expect(errorOf(res).code).toBe('UNAVAILABLE');
  });

  it('when the commit outcome is unknown, then the client gets 504 with the transaction id', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    ledger.on('offers:RetireOffer', () => {
      throw new AppError('COMMIT_UNKNOWN', 'not confirmed yet', { transactionId: 'tx-abc' });
    });

    const res = await http.post('/api/v1/offers/swim-5/retire').set(as(clients.staff));

    expect(res.status).toBe(504);
    expect(errorOf(res)).toEqual({
      code: 'COMMIT_UNKNOWN',
      message: 'not confirmed yet',
      transactionId: 'tx-abc',
    });
  });

  it('when the route does not exist, then the answer is 404 NOT_FOUND in the common shape', async () => {
    const { http, clients, as } = buildTestApp();

    const res = await http.get('/api/v1/nothing-here').set(as(clients.staff));

    expect(res.status).toBe(404);
    expect(errorOf(res).code).toBe('NOT_FOUND');
  });

  it('when the body is not JSON, then it is refused with 400 INVALID_ARGUMENT, not 500', async () => {
    const { http, clients, as } = buildTestApp();

    const res = await http
      .post('/api/v1/venues')
      .set(as(clients.staff))
      .set('Content-Type', 'application/json')
      .send('{"venueId": ');

    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('INVALID_ARGUMENT');
  });

  it('when the body is larger than the limit, then it is refused with 413 PAYLOAD_TOO_LARGE', async () => {
    const { http, clients, as } = buildTestApp({ bodyLimit: '1kb' });

    const res = await http
      .post('/api/v1/venues')
      .set(as(clients.staff))
      .send({ venueId: 'v1', name: 'x'.repeat(2048), kind: 'pool', mspId: 'VenuesMSP' });

    expect(res.status).toBe(413);
    expect(errorOf(res).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it.each(['/api/v1/passes/%FF', '/api/v1/passes/%', '/api/v1/passes/%E0%A4%A'])(
    'when the path %s holds a malformed percent-encoding, then it is refused with 400 INVALID_ARGUMENT',
    async (path) => {
      const { http, ledger, clients, as } = buildTestApp();

      const res = await http.get(path).set(as(clients.staff));

      expect(res.status).toBe(400);
      expect(errorOf(res)).toEqual({
        code: 'INVALID_ARGUMENT',
        message: 'the path holds a malformed percent-encoding',
      });
      expect(ledger.calls).toHaveLength(0);
    },
  );

  it('when the body is not gzip although Content-Encoding says so, then it is refused with 400 INVALID_ARGUMENT', async () => {
    const { http, ledger, clients, as } = buildTestApp();

    const res = await http
      .post('/api/v1/venues')
      .set(as(clients.staff))
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .send('{"venueId": "v1"}');

    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('INVALID_ARGUMENT');
    expect(ledger.calls).toHaveLength(0);
  });

  it('when a handler fails unexpectedly, then the client gets 500 INTERNAL without internals', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    ledger.on('offers:ListOffers', () => {
      throw new TypeError('cannot read properties of undefined (secret detail)');
    });

    const res = await http.get('/api/v1/offers').set(as(clients.staff));

    expect(res.status).toBe(500);
    expect(errorOf(res)).toEqual({ code: 'INTERNAL', message: 'unexpected error' });
  });
});

describe('request validation', () => {
  const venue = { venueId: 'zwembad-kardinge', name: 'Kardinge', kind: 'swimming-pool', mspId: 'VenuesMSP' };

  it('when the body has an unknown field, then it is refused with 400 naming the field and nothing is sent', async () => {
    const { http, ledger, clients, as } = buildTestApp();

    const res = await http
      .post('/api/v1/venues')
      .set(as(clients.staff))
      .send({ ...venue, owner: 'me' });

    expect(res.status).toBe(400);
    expect(errorOf(res)).toEqual({ code: 'INVALID_ARGUMENT', message: 'body: unknown field(s) owner' });
    expect(ledger.calls).toHaveLength(0);
  });

  it('when a string is longer than its limit, then it is refused with 400', async () => {
    const { http, clients, as } = buildTestApp();

    const res = await http
      .post('/api/v1/venues')
      .set(as(clients.staff))
      .send({ ...venue, name: 'x'.repeat(201) });

    expect(res.status).toBe(400);
    expect(errorOf(res).message).toMatch(/^body\.name: /);
  });

  it('when an id in the path breaks the id pattern, then it is refused with 400', async () => {
    const { http, clients, as } = buildTestApp();

    const res = await http.get('/api/v1/venues/%20bad%20id').set(as(clients.staff));

    expect(res.status).toBe(400);
    expect(errorOf(res).message).toMatch(/^params\.venueId: /);
  });

  it('when a query has an unknown parameter, then it is refused with 400', async () => {
    const { http, clients, as } = buildTestApp();

    const res = await http.get('/api/v1/claims?colour=red').set(as(clients.staff));

    expect(res.status).toBe(400);
    expect(errorOf(res).message).toBe('query: unknown field(s) colour');
  });

  it('when a valid body is sent, then the chaincode gets exactly the validated request', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    ledger.on('venues:RegisterVenue', ({ request }) => ({ ...(request as object), status: 'active' }));

    const res = await http.post('/api/v1/venues').set(as(clients.staff)).send(venue);

    expect(res.status).toBe(201);
    expect(res.headers['x-transaction-id']).toBe('tx-1');
    expect(ledger.callsOf('venues:RegisterVenue')[0]?.request).toEqual(venue);
  });
});
