import { Writable } from 'node:stream';
import pino from 'pino';
import type { Response } from 'supertest';
import { createSessionStore } from '../src/auth/session-store';
import { html } from '../src/pages/html';
import { errorOf } from './support/responses';
import { regionScheme } from './support/schemes';
import { buildTestApp, type TestApp } from './support/test-app';

/** The session cookie a sign-in answer set, as a browser sends it back. */
function cookieOf(res: Response): string {
  const setCookie = res.headers['set-cookie'] as unknown as string[] | undefined;
  const cookie = setCookie?.[0]?.split(';')[0];
  if (cookie === undefined) {
    throw new Error('no cookie set');
  }
  return cookie;
}

async function signIn(app: TestApp, apiKey: string): Promise<string> {
  const res = await app.http
    .post('/sign-in')
    .set('Sec-Fetch-Site', 'same-origin')
    .type('form')
    .send({ apiKey, next: '/scanner' })
    .expect(303);
  return cookieOf(res);
}

describe('page sessions', () => {
  it('when the key is unknown, then sign-in answers 401 and sets no cookie', async () => {
    const app = buildTestApp();

    const res = await app.http.post('/sign-in').type('form').send({ apiKey: 'key-nobody' });

    expect(res.status).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.text).toContain('Onbekende API-sleutel.');
  });

  it('when the key is known, then the cookie is HttpOnly and SameSite=Strict, holds no key, and reads as that client', async () => {
    const app = buildTestApp();
    app.ledger.on('offers:ListOffers', () => []);

    const res = await app.http
      .post('/sign-in')
      .type('form')
      .send({ apiKey: app.clients.venue.apiKey, next: '/scanner' });
    const read = await app.http.get('/api/v1/offers').set('Cookie', cookieOf(res));

    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/scanner');
    const setCookie = (res.headers['set-cookie'] as unknown as string[])[0] ?? '';
    expect(setCookie).toMatch(
      /^stadspas_session=[A-Za-z0-9_-]{43}; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Strict$/,
    );
    expect(setCookie).not.toContain(app.clients.venue.apiKey);
    expect(read.status).toBe(200);
    expect(app.ledger.calls[0]?.identity.name).toBe('kardinge-scanner');
  });

  it('when sign-in names a page elsewhere or comes from another site, then it goes home or is refused', async () => {
    const app = buildTestApp();

    const elsewhere = await app.http
      .post('/sign-in')
      .type('form')
      .send({ apiKey: app.clients.venue.apiKey, next: 'https://evil.example/' });
    const crossSite = await app.http
      .post('/sign-in')
      .set('Sec-Fetch-Site', 'cross-site')
      .type('form')
      .send({ apiKey: app.clients.venue.apiKey });

    expect(elsewhere.headers.location).toBe('/');
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers['set-cookie']).toBeUndefined();
  });

  it('when a write has only the cookie, then it needs the pages’ header and this origin', async () => {
    const app = buildTestApp();
    const cookie = await signIn(app, app.clients.venue.apiKey);
    const body = {
      claimId: 'c-1',
      funderMspId: 'GemeenteMSP',
      periodFrom: '2026-01-01T00:00:00Z',
      periodTo: '2026-02-01T00:00:00Z',
    };

    const noHeader = await app.http.post('/api/v1/claims').set('Cookie', cookie).send(body);
    const otherSite = await app.http
      .post('/api/v1/claims')
      .set({ Cookie: cookie, 'X-Stadspas-Page': '1', 'Sec-Fetch-Site': 'same-site' })
      .send(body);
    const otherOrigin = await app.http
      .post('/api/v1/claims')
      .set({ Cookie: cookie, 'X-Stadspas-Page': '1', Origin: 'http://evil.example' })
      .send(body);

    for (const res of [noHeader, otherSite, otherOrigin]) {
      expect(res.status).toBe(403);
      expect(errorOf(res).code).toBe('FORBIDDEN');
    }
    expect(app.ledger.callsOf('claims:SubmitClaim')).toHaveLength(0);

    app.ledger.on('claims:SubmitClaim', () => ({ claimId: 'c-1' }));
    await app.http
      .post('/api/v1/claims')
      .set({ Cookie: cookie, 'X-Stadspas-Page': '1', 'Sec-Fetch-Site': 'same-origin' })
      .send(body);
    expect(app.ledger.callsOf('claims:SubmitClaim')).toHaveLength(1);
  });

  it('when the session is signed out, then its cookie no longer authenticates', async () => {
    const app = buildTestApp();
    const cookie = await signIn(app, app.clients.venue.apiKey);

    await app.http.post('/sign-out').set('Cookie', cookie).set('Sec-Fetch-Site', 'same-origin').expect(303);
    const res = await app.http.get('/api/v1/offers').set('Cookie', cookie);

    expect(res.status).toBe(401);
  });

  it('when a page needs a session and there is none, then the browser is sent to sign in and back', async () => {
    const app = buildTestApp();

    const res = await app.http.get('/scanner');

    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/sign-in?next=%2Fscanner');
  });

  it('when a page session is used, then no log line holds its token', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done): void {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const app = buildTestApp({ logger: pino(sink) });
    app.ledger.on('offers:ListOffers', () => []);

    const cookie = await signIn(app, app.clients.venue.apiKey);
    await app.http.get('/api/v1/offers').set('Cookie', cookie).expect(200);

    const token = cookie.split('=')[1] ?? '';
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.filter((line) => line.includes(token))).toEqual([]);
    expect(lines.filter((line) => line.includes(app.clients.venue.apiKey))).toEqual([]);
  });

  it('when a session is older than its lifetime, then it has ended', () => {
    let now = 0;
    const sessions = createSessionStore({ maxAgeMs: 1000, now: () => now });
    const token = sessions.open('kardinge-scanner');

    expect(sessions.clientOf(token)).toBe('kardinge-scanner');
    now = 1000;
    expect(sessions.clientOf(token)).toBeUndefined();
  });
});

describe('the desk and the scanner name the scheme\u2019s organisations', () => {
  it('when a second municipality and venues organisation are in the scheme, then the desk offers them as funders and venues\u2019 organisations', async () => {
    const app = buildTestApp();
    app.ledger.on('scheme:GetScheme', () => regionScheme);
    const cookie = await signIn(app, app.clients.admin.apiKey);

    const desk = await app.http.get('/admin').set('Cookie', cookie);
    const scanner = await app.http.get('/scanner').set('Cookie', cookie);

    expect(desk.status).toBe(200);
    const funders = /<select id="offer-funder"[^>]*>([\s\S]*?)<\/select>/.exec(desk.text)?.[1] ?? '';
    const venueOrgs = /<select id="venue-mspId"[^>]*>([\s\S]*?)<\/select>/.exec(desk.text)?.[1] ?? '';
    expect([...funders.matchAll(/value="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'GemeenteMSP',
      'WesterkwartierMSP',
      'SVBMSP',
    ]);
    expect([...venueOrgs.matchAll(/value="([^"]+)"/g)].map((m) => m[1])).toEqual(['VenuesMSP', 'MuseaMSP']);
    expect(scanner.text).toContain('<option value="WesterkwartierMSP">Gemeente Westerkwartier</option>');
  });

  it('when the desk prints a card, then it carries the card number from the private record, not the pass’s pseudonym', async () => {
    const app = buildTestApp();
    app.ledger.on('passes:GetPass', () => ({
      passId: 'P-00000000000000A1',
      category: 'adult',
      status: 'active',
      validUntil: '2027-01-01T00:00:00.000Z',
      vouchers: [],
    }));
    app.ledger.on('passes:GetHolder', () => ({ passId: 'P-00000000000000A1', cardNumber: '600100000042' }));
    const cookie = await signIn(app, app.clients.admin.apiKey);

    const card = await app.http.get('/admin/cards/P-00000000000000A1').set('Cookie', cookie);

    expect(card.status).toBe(200);
    const printed = /<p class="pass-card-number"[^>]*>([^<]*)<\/p>/.exec(card.text)?.[1];
    expect(printed).toBe('600100000042');
  });
});

describe('html', () => {
  it('when text is interpolated, then it is escaped; nested markup is kept', () => {
    const inner = html`<b>${'<i>&"\''}</b>`;

    expect(html`<p>${inner}${['<x>', html`<y />`]}</p>`.value).toBe(
      '<p><b>&lt;i&gt;&amp;&quot;&#39;</b>&lt;x&gt;<y /></p>',
    );
  });
});
