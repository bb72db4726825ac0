import { openReadModel } from '../src/read-model/read-model';
import { decodeBlock } from '../src/read-model/block-transactions';
import { openWebhookStore } from '../src/webhooks/sqlite-webhook-store';
import { targetPolicy } from '../src/webhooks/webhook-targets';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compositeKey, makeBlock } from './support/blocks';
import { makeOffer, makeRedemption } from './support/records';
import { errorOf } from './support/responses';
import type { Test } from 'supertest';
import type { TestClient } from './support/clients';
import { buildTestApp, type TestApp } from './support/test-app';

async function appWithReadModel(maxWebhooks = 20): Promise<TestApp> {
  const readModel = openReadModel({ path: ':memory:' });
  readModel.applyBlock(
    decodeBlock(
      makeBlock(0, [
        {
          txId: 'o',
          writes: [{ key: compositeKey('offer', 'swim-5'), value: makeOffer({ offerId: 'swim-5' }) }],
        },
        {
          txId: 'r',
          writes: [
            {
              key: compositeKey('redemption', 'r'),
              value: makeRedemption({ redemptionId: 'r', venueId: 'a,"b"' }),
            },
          ],
        },
      ]),
      'stadspas',
    ),
  );
  const webhooks = openWebhookStore(join(await mkdtemp(join(tmpdir(), 'webhooks-')), 'webhooks.sqlite'));
  return buildTestApp({ readModel, webhooks: { store: webhooks, targets: targetPolicy([]), maxWebhooks } });
}

describe('report routes', () => {
  it('when the report is asked for as CSV, then it is a download with quoted fields', async () => {
    const app = await appWithReadModel();
    const res = await app.http.get('/api/v1/reports/usage?format=csv').set(app.as(app.clients.staff));

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('attachment');
    expect(res.text).toBe(
      'venueId,offerId,month,uses,units,amountCents,reimbursementCents,claimedCents,paidCents\r\n' +
        '"a,""b""",swim-5,2026-03,1,1,0,450,0,0\r\n',
    );
  });

  it('when the query is wrong or the client funds nothing, then the answer is 400 or 403 with a code', async () => {
    const app = await appWithReadModel();

    expect(
      errorOf(await app.http.get('/api/v1/reports/usage?month=2026-1').set(app.as(app.clients.staff))).code,
    ).toBe('INVALID_ARGUMENT');
    expect(errorOf(await app.http.get('/api/v1/reports/usage').set(app.as(app.clients.payer))).code).toBe(
      'FORBIDDEN',
    );
  });

  it('when the municipality asks for a council figure, then it gets its rows as JSON or CSV; others are refused', async () => {
    const app = await appWithReadModel();
    const reach = await app.http.get('/api/v1/reports/council/reach').set(app.as(app.clients.staff));
    const csv = await app.http
      .get('/api/v1/reports/council/discount-norm?format=csv')
      .set(app.as(app.clients.admin));

    expect(reach.status).toBe(200);
    expect(reach.body).toMatchObject({ figure: 'reach', items: [] });
    expect(csv.headers['content-disposition']).toContain('discount-norm.csv');
    expect(csv.text).toMatch(/^offerId,offerName,bookings,/);
    for (const client of [app.clients.payer, app.clients.venue]) {
      const refused = await app.http.get('/api/v1/reports/council/reach').set(app.as(client));
      expect(errorOf(refused).code).toBe('FORBIDDEN');
    }
    const unknown = await app.http.get('/api/v1/reports/council/budget').set(app.as(app.clients.staff));
    expect(errorOf(unknown).code).toBe('INVALID_ARGUMENT');
  });

  it('when the document is read, then the report answers JSON or CSV, and the webhook routes are in it', async () => {
    const app = await appWithReadModel();
    const doc = (await app.http.get('/openapi.json')).body as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: object }> }>>;
    };

    expect(Object.keys(doc.paths['/api/v1/reports/usage']?.get?.responses['200']?.content ?? {})).toEqual([
      'application/json',
      'text/csv',
    ]);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/webhooks',
        '/api/v1/webhooks/{webhookId}',
        '/api/v1/webhooks/{webhookId}/deliveries',
        '/api/v1/webhooks/{webhookId}/resume',
      ]),
    );
  });
});

describe('webhook routes', () => {
  it('when an admin registers, then the secret is shown once; others are refused', async () => {
    const app = await appWithReadModel();
    const registered = await app.http
      .post('/api/v1/webhooks')
      .set(app.as(app.clients.admin))
      .send({ url: 'https://partner.example/hook', events: ['Redeemed'] });
    const listed = await app.http.get('/api/v1/webhooks').set(app.as(app.clients.admin));

    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({
      url: 'https://partner.example/hook',
      events: ['Redeemed'],
      createdBy: 'gemeente-admin',
    });
    expect(JSON.stringify(listed.body)).not.toContain((registered.body as { secret: string }).secret);
    expect(errorOf(await app.http.get('/api/v1/webhooks').set(app.as(app.clients.staff))).code).toBe(
      'FORBIDDEN',
    );
    expect(
      errorOf(
        await app.http
          .post('/api/v1/webhooks')
          .set(app.as(app.clients.admin))
          .send({ url: 'file:///etc/passwd' }),
      ).code,
    ).toBe('INVALID_ARGUMENT');
    expect(
      errorOf(
        await app.http
          .post('/api/v1/webhooks')
          .set(app.as(app.clients.admin))
          .send({ url: 'https://x.example', events: ['Nope'] }),
      ).code,
    ).toBe('INVALID_ARGUMENT');
    const longHost = `${'a'.repeat(60)}.`.repeat(5);
    for (const url of [`https://${longHost}example`, `https://${'b'.repeat(64)}.example/hook`]) {
      expect(
        errorOf(await app.http.post('/api/v1/webhooks').set(app.as(app.clients.admin)).send({ url })).code,
      ).toBe('INVALID_ARGUMENT');
    }
    expect(
      errorOf(await app.http.delete('/api/v1/webhooks/wh-0123456789abcdef').set(app.as(app.clients.admin)))
        .code,
    ).toBe('NOT_FOUND');
  });

  it('when a URL names an internal address, then the registration is refused with 400 WEBHOOK_TARGET_NOT_ALLOWED', async () => {
    const app = await appWithReadModel();
    const internal = [
      'http://127.0.0.1:9443/healthz',
      'http://169.254.169.254/latest/meta-data/',
      'https://10.1.2.3/hook',
      'http://[::1]:7051/',
      'http://[::ffff:192.168.1.1]/',
      'http://[fd00::5]/hook',
    ];

    for (const url of internal) {
      const refused = await app.http.post('/api/v1/webhooks').set(app.as(app.clients.admin)).send({ url });
      expect([refused.status, errorOf(refused).code]).toEqual([400, 'WEBHOOK_TARGET_NOT_ALLOWED']);
    }
    expect((await app.http.get('/api/v1/webhooks').set(app.as(app.clients.admin))).body).toEqual({
      items: [],
    });
  });

  it('when the gateway keeps its most webhooks, then the next registration is refused with 409 TOO_MANY_WEBHOOKS until one is deleted', async () => {
    const app = await appWithReadModel(2);
    const register = async (n: number): Promise<{ status: number; body: unknown }> =>
      await app.http
        .post('/api/v1/webhooks')
        .set(app.as(app.clients.admin))
        .send({ url: `https://partner.example/hook/${String(n)}` });
    const first = await register(1);
    await register(2);

    const third = await register(3);
    expect([third.status, errorOf(third).code]).toEqual([409, 'TOO_MANY_WEBHOOKS']);

    const { webhookId } = first.body as { webhookId: string };
    await app.http.delete(`/api/v1/webhooks/${webhookId}`).set(app.as(app.clients.admin));
    expect((await register(3)).status).toBe(201);
  });

  it('when registrations arrive at once, then no more than the cap are kept', async () => {
    const app = await appWithReadModel(2);
    // The channel's height takes a while to come, as from a real peer, so the registrations overlap.
    app.ledger.blockHeight = () =>
      new Promise((resolve) =>
        setTimeout(() => {
          resolve(7n);
        }, 20),
      );

    const answers = await Promise.all(
      [1, 2, 3, 4].map(
        async (n) =>
          await app.http
            .post('/api/v1/webhooks')
            .set(app.as(app.clients.admin))
            .send({ url: `https://partner.example/hook/${String(n)}` }),
      ),
    );

    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 201, 409, 409]);
    const listed = await app.http.get('/api/v1/webhooks').set(app.as(app.clients.admin));
    expect((listed.body as { items: unknown[] }).items).toHaveLength(2);
  });

  it('when a webhook is paused, then the admin sees it with its counts and resumes it; others are refused', async () => {
    const app = await appWithReadModel();
    const store = app.deps.webhooks?.store;
    const registered = await app.http
      .post('/api/v1/webhooks')
      .set(app.as(app.clients.admin))
      .send({ url: 'https://partner.example/hook' });
    const { webhookId } = registered.body as { webhookId: string };
    store?.queue(1n, [{ webhookId, eventId: '1.0', eventName: 'OfferCreated', body: '{}' }]);
    store?.recordRound(webhookId, { ok: false, error: 'receiver answered 410' }, Date.now());
    const resume = (client: TestClient, id = webhookId): Test =>
      app.http.post(`/api/v1/webhooks/${id}/resume`).set(app.as(client));

    const listed = await app.http.get('/api/v1/webhooks').set(app.as(app.clients.admin));
    expect(registered.body).toMatchObject({ state: 'active', failures: 0, pending: 0, delivered: 0 });
    expect(listed.body).toMatchObject({
      items: [{ webhookId, state: 'paused', failures: 1, lastError: 'receiver answered 410', pending: 1 }],
    });
    expect((listed.body as { items: { pausedAt?: string }[] }).items[0]?.pausedAt).toMatch(/^\d{4}-/);

    const refused = await resume(app.clients.staff);
    expect([refused.status, errorOf(refused).code]).toEqual([403, 'FORBIDDEN']);
    expect(errorOf(await resume(app.clients.admin, 'wh-0123456789abcdef')).code).toBe('NOT_FOUND');
    const resumed = await resume(app.clients.admin);

    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ webhookId, state: 'active', failures: 0, pending: 1 });
    expect(resumed.body).not.toHaveProperty('pausedAt');
    expect(store?.dueWebhooks(Date.now()).map((due) => due.webhookId)).toEqual([webhookId]);
  });
});
