import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { answerClientErrors } from '../src/http/client-errors';
import { errorOf } from './support/responses';
import { openSse, type SseConnection } from './support/sse-client';
import { buildTestApp } from './support/test-app';

/** The directives of a Content-Security-Policy header, by name. */
function directivesOf(header: string | undefined): Map<string, string[]> {
  return new Map(
    (header ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0] !== undefined && words[0] !== '')
      .map(([name = '', ...values]) => [name, values]),
  );
}

/** The sources a directive allows, falling back to default-src as browsers do. */
function allowed(csp: Map<string, string[]>, directive: string): string[] {
  return csp.get(directive) ?? csp.get('default-src') ?? [];
}

describe('security headers', () => {
  it('when any answer is sent, then it carries nosniff, a policy that forbids framing and no server banner', async () => {
    const { http } = buildTestApp();

    for (const res of [await http.get('/openapi.json'), await http.get('/api/v1/offers')]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(directivesOf(res.headers['content-security-policy']).get('frame-ancestors')).toEqual(["'none'"]);
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('when the API documentation page loads, then every asset it uses is allowed by its own policy and served', async () => {
    const { http } = buildTestApp();

    const page = await http.get('/docs/');
    const csp = directivesOf(page.headers['content-security-policy']);
    const html = page.text;
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    const sources = scripts.map((match) => /src="([^"]+)"/.exec(match[1] ?? '')?.[1]);
    const styles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]);

    expect(page.status).toBe(200);
    // No inline script (script-src 'self' only): each script is a file of the gateway itself.
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.every((src) => src?.startsWith('./'))).toBe(true);
    expect(allowed(csp, 'script-src')).toEqual(["'self'"]);
    // swagger-ui sets inline styles, which the policy must allow.
    expect(html).toMatch(/<style>/);
    expect(allowed(csp, 'style-src')).toEqual(expect.arrayContaining(["'self'", "'unsafe-inline'"]));
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
    for (const asset of [...sources, ...styles]) {
      const res = await http.get(`/docs/${asset?.slice(2) ?? ''}`);
      expect([asset, res.status]).toEqual([asset, 200]);
    }
  });
});

describe('Cache-Control on API answers', () => {
  it('when the API answers, success or error, then no cache may store it', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    ledger.on('offers:ListOffers', () => []);

    const answers = [
      await http.get('/api/v1/offers').set(as(clients.staff)),
      await http.get('/api/v1/offers'),
      await http.get('/api/v1/nothing-here').set(as(clients.staff)),
    ];

    expect(answers.map((res) => [res.status, res.headers['cache-control']])).toEqual([
      [200, 'no-store'],
      [401, 'no-store'],
      [404, 'no-store'],
    ]);
  });
});

describe('event streams per API key and per gateway', () => {
  let connections: SseConnection[] = [];
  afterEach(() => {
    connections.forEach((connection) => {
      connection.close();
    });
    connections = [];
  });

  /** Opens event streams on an app, closed after the test. */
  const opener =
    (app: Express) =>
    (headers: Record<string, string>): SseConnection => {
      const connection = openSse(app, '/api/v1/events', headers);
      connections.push(connection);
      return connection;
    };

  it('when a key opens more streams than allowed, then the next is refused with 429 TOO_MANY_STREAMS while other keys go on', async () => {
    const { gateway, clients, as } = buildTestApp({ maxStreamsPerClient: 4 });
    const open = opener(gateway.express);
    for (let i = 0; i < 4; i++) {
      expect(await open(as(clients.staff)).status).toBe(200);
    }

    const fifth = open(as(clients.staff));
    const other = open(as(clients.venue));

    expect(await fifth.status).toBe(429);
    expect(await other.status).toBe(200);
  });

  it('when a stream closes, then its key may open another', async () => {
    const { gateway, http, clients, as } = buildTestApp({ maxStreamsPerClient: 1 });
    const first = openSse(gateway.express, '/api/v1/events', as(clients.staff));
    connections.push(first);
    expect(await first.status).toBe(200);
    const refused = await http.get('/api/v1/events').set(as(clients.staff));
    expect(refused.status).toBe(429);
    expect(errorOf(refused).code).toBe('TOO_MANY_STREAMS');

    first.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = openSse(gateway.express, '/api/v1/events', as(clients.staff));
    connections.push(second);

    expect(await second.status).toBe(200);
  });

  it('when the gateway holds its most streams, then the next is refused with 503 STREAM_CAPACITY_REACHED until one closes', async () => {
    const { gateway, http, clients, as } = buildTestApp({ maxStreams: 2, maxStreamsPerClient: 4 });
    const open = opener(gateway.express);
    const first = open(as(clients.staff));
    expect([await first.status, await open(as(clients.venue)).status]).toEqual([200, 200]);

    const refused = await http.get('/api/v1/events').set(as(clients.payer));
    expect([refused.status, errorOf(refused).code]).toEqual([503, 'STREAM_CAPACITY_REACHED']);

    first.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await open(as(clients.payer)).status).toBe(200);
  });
});

describe('requests without a valid key', () => {
  it('when an address sends too many requests without a valid key, then it gets 429 before authentication; valid keys go on', async () => {
    const { http, ledger, clients, as } = buildTestApp({ anonymousRateLimitPerMinute: 3 });
    ledger.on('offers:ListOffers', () => []);
    const statuses: number[] = [];
    for (const authorization of [undefined, 'Bearer wrong-key', 'Basic abc', 'Bearer another-guess']) {
      const req = http.get('/api/v1/offers');
      statuses.push(
        (await (authorization === undefined ? req : req.set('Authorization', authorization))).status,
      );
    }

    const limited = await http.get('/api/v1/offers');
    const valid = await http.get('/api/v1/offers').set(as(clients.staff));

    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(errorOf(limited).code).toBe('RATE_LIMITED');
    expect(valid.status).toBe(200);
  });
});

describe('the OpenAPI document', () => {
  it('when any operation is documented, then it lists 413, 429, 431 and 500 with the error body', async () => {
    const { http } = buildTestApp();
    const doc = (await http.get('/openapi.json')).body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };

    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        operation: `${method} ${path}`,
        operation$: operation,
      })),
    );
    const errorBody = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };

    expect(operations.length).toBeGreaterThan(30);
    for (const { operation, operation$ } of operations) {
      for (const status of ['413', '429', '431', '500']) {
        expect([operation, status, operation$.responses[status]]).toEqual([
          operation,
          status,
          expect.objectContaining(errorBody),
        ]);
      }
    }
  });
});

describe('requests the HTTP parser refuses', () => {
  it('when the headers are larger than the server accepts, then the answer is 431 in the common error shape', async () => {
    const server = createServer((_req, res) => res.end());
    answerClientErrors(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;

    const answer = await new Promise<{ status: number | undefined; type: string | undefined; body: string }>(
      (resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port, path: '/', headers: { 'x-big': 'x'.repeat(20_000) } },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (body += chunk));
            res.on('end', () => {
              resolve({ status: res.statusCode, type: res.headers['content-type'], body });
            });
          },
        );
        req.on('error', reject);
        req.end();
      },
    );
    server.close();

    expect(answer.status).toBe(431);
    expect(answer.type).toMatch(/^application\/json/);
    expect(JSON.parse(answer.body)).toEqual({
      error: { code: 'REQUEST_HEADERS_TOO_LARGE', message: 'the request headers are too large' },
    });
  });
});
