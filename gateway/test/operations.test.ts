import type { ReadModel } from '../src/read-model/read-model';
import { buildTestApp } from './support/test-app';

/** The part of an OpenAPI operation these tests read. */
interface Operation {
  readonly responses: Record<string, { readonly content?: Record<string, { readonly schema?: object }> }>;
}

/** A 2xx answer whose body has a schema in the document. */
function isDocumentedSuccess([status, response]: [string, Operation['responses'][string]]): boolean {
  return status.startsWith('2') && Object.values(response.content ?? {}).some((c) => c.schema !== undefined);
}

describe('GET /health', () => {
  it('when a peer answers, then it reports 200 with the block height and needs no key', async () => {
    const { http, ledger } = buildTestApp();
    ledger.height = 42n;

    const res = await http.get('/health');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      org: 'gemeente',
      mspId: 'GemeenteMSP',
      ledger: { reachable: true, blockHeight: 42 },
    });
  });

  it('when no peer answers, then it reports 503', async () => {
    const { http, ledger } = buildTestApp();
    ledger.unavailable = true;

    const res = await http.get('/health');

    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      status: 'unavailable',
      ledger: { reachable: false, code: 'UNAVAILABLE' },
    });
  });

  it('when the own peer stops answering, then it reports 503 with the height that peer gave last and how far the read model is behind it', async () => {
    const readModel = { nextBlock: () => 40n, lastAppliedAt: () => new Date('2026-12-06T10:00:00Z') };
    const { http, ledger } = buildTestApp({ readModel: readModel as unknown as ReadModel });
    ledger.height = 45n;
    await http.get('/health').expect(200);
    ledger.unavailable = true;

    const res = await http.get('/health');

    expect(res.status).toBe(503);
    expect(res.body).toEqual({
      status: 'unavailable',
      org: 'gemeente',
      mspId: 'GemeenteMSP',
      ledger: {
        reachable: false,
        code: 'UNAVAILABLE',
        lastBlockHeight: 45,
        lastReachedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
      },
      readModel: { blocksApplied: 40, lag: 5, lastBlockAppliedAt: '2026-12-06T10:00:00.000Z' },
    });
  });
});

describe('GET /metrics', () => {
  it('when transactions ran, then their latency histogram is labelled by transaction name and outcome', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    ledger.on('offers:ListOffers', () => []);
    await http.get('/api/v1/offers').set(as(clients.staff)).expect(200);
    ledger.unavailable = true;
    await http.get('/api/v1/offers').set(as(clients.staff)).expect(503);

    const res = await http.get('/metrics');

    expect(res.status).toBe(200);
    expect(res.text).toMatch(
      /stadspas_gateway_transaction_seconds_count\{transaction="offers:ListOffers",outcome="ok"\} 1/,
    );
    expect(res.text).toMatch(
      /stadspas_gateway_transaction_seconds_count\{transaction="offers:ListOffers",outcome="UNAVAILABLE"\} 1/,
    );
    expect(res.text).toMatch(
      /stadspas_gateway_http_requests_total\{route="\/api\/v1\/offers",method="GET",status="200"\} 1/,
    );
  });
});

describe('GET /openapi.json and /docs', () => {
  it('when the document is read, then every resource of the API is in it with its schemas', async () => {
    const { http } = buildTestApp();

    const res = await http.get('/openapi.json');

    const doc = res.body as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: object };
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/offers',
        '/api/v1/offers/{offerId}/retire',
        '/api/v1/venues/{venueId}',
        '/api/v1/passes',
        '/api/v1/passes/batch',
        '/api/v1/passes/{passId}/qr',
        '/api/v1/passes/{passId}/holder',
        '/api/v1/scan',
        '/api/v1/redemptions',
        '/api/v1/redemptions/{redemptionId}/reverse',
        '/api/v1/claims/{claimId}/payment',
        '/api/v1/clients',
        '/api/v1/events',
        '/health',
        '/metrics',
      ]),
    );
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Redeem', 'IssuePass', 'Error']),
    );
    expect(JSON.stringify(doc.paths['/api/v1/redemptions']?.post)).toContain('Idempotency-Key');
  });

  it('when the document is read, then every operation of the API describes the body of its success', async () => {
    const { http } = buildTestApp();

    const res = await http.get('/openapi.json');

    const paths = (res.body as { paths: Record<string, Record<string, Operation>> }).paths;
    const undocumented = Object.entries(paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, operations]) =>
        Object.entries(operations)
          .filter(([, operation]) => !Object.entries(operation.responses).some(isDocumentedSuccess))
          .map(([method]) => `${method} ${path}`),
      );
    expect(undocumented).toEqual([]);
  });

  it('when /docs is opened, then the interactive documentation page is served', async () => {
    const { http } = buildTestApp();

    const res = await http.get('/docs/').redirects(1);

    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger-ui');
  });
});

describe('request ids', () => {
  it('when a request carries a sane X-Request-Id, then the answer echoes it; otherwise a new one is made', async () => {
    const { http } = buildTestApp();

    const given = await http.get('/health').set('X-Request-Id', 'trace-123');
    const made = await http.get('/health').set('X-Request-Id', 'bad id with spaces');

    expect(given.headers['x-request-id']).toBe('trace-123');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
