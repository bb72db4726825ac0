/**
 * Webhooks on the real network, with a receiver in this process: deliveries are signed (checked here with
 * node:crypto, as a partner would), a receiver that fails twice gets the event on the third attempt under the same
 * event id, and events committed while the gateway is down are delivered after its restart.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { killGateway } from './support/gateway-process';
import { eventually, orgByMsp, testNetwork } from './support/network';
import { readClients, restClient, type RestClient } from './support/rest-client';

interface Body {
  readonly error?: { readonly code: string };
  readonly webhookId?: string;
  readonly secret?: string;
  readonly items?: readonly Record<string, unknown>[];
}

/** One request the receiver got. */
interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly answered: number;
}

const home = process.env.STADSPAS_HOME ?? resolve(__dirname, '..', '..', '.stadspas');
const clients = readClients(join(home, 'clients.json'));
const as = (name: string): RestClient<Body> => restClient<Body>(clients, name);
const ctx = testNetwork();
const svbOrg = orgByMsp(ctx, 'SVBMSP');
const unique = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const day = 86_400_000;
const iso = (offsetMs: number): string => new Date(Date.now() + offsetMs).toISOString();

const svbAdmin = as('svb-admin');
const staff = as('gemeente-staff');
const received: Received[] = [];
const failuresLeft = new Map<string, number>();
let server: Server;
let receiverUrl = '';
let offerCount = 0;
/** While true, `/steady` answers 500. */
let steadyDown = false;

/** Answers 200, except on `/flaky` 500 for the first two attempts of each event id, and on `/steady` while down. */
function startReceiver(): Promise<void> {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const eventId = String(req.headers['x-stadspas-event-id']);
      const left = req.url === '/flaky' ? (failuresLeft.get(eventId) ?? 2) : 0;
      if (req.url === '/flaky') {
        failuresLeft.set(eventId, left - 1);
      }
      const answered = left > 0 || (req.url === '/steady' && steadyDown) ? 500 : 200;
      received.push({
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
        answered,
      });
      res.writeHead(answered).end();
    });
  });
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => {
      receiverUrl = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
      done();
    });
  });
}

/** What a partner checks: HMAC-SHA256 of `<timestamp>.<body>` with the secret, and a recent timestamp. */
function signatureValid(secret: string, request: Received): boolean {
  const timestamp = String(request.headers['x-stadspas-timestamp']);
  const expected = Buffer.from(
    `sha256=${createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex')}`,
  );
  const given = Buffer.from(String(request.headers['x-stadspas-signature']));
  const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
  return fresh && expected.length === given.length && timingSafeEqual(expected, given);
}

/** The municipality creates an offer; every partner may see OfferCreated. */
async function createOffer(): Promise<string> {
  const offerId = `wh-${unique}-${String(++offerCount)}`;
  const answer = await staff.post('/offers', {
    offerId,
    funderMspId: 'GemeenteMSP',
    name: `Webhook offer ${String(offerCount)}`,
    kind: 'entries',
    entriesPerPeriod: 1,
    eligibleVenueIds: ['zwembad-kardinge'],
    eligibleCategories: ['adult'],
    reimbursement: { perUseCents: 100 },
    grantByRule: false,
    validFrom: iso(-day),
    validUntil: iso(day),
  });
  expect(answer.status).toBe(201);
  return offerId;
}

/** The requests to `path` whose event is OfferCreated of `offerId`. */
function deliveriesOf(path: string, offerId: string): Received[] {
  return received.filter((r) => {
    const body = JSON.parse(r.body) as { eventName: string; payload: { offerId?: string } };
    return r.path === path && body.eventName === 'OfferCreated' && body.payload.offerId === offerId;
  });
}

/** The id the event stream gives the OfferCreated event of `offerId`, committed in block `block`. */
async function streamIdOf(offerId: string, block: bigint): Promise<string> {
  const stream = await fetch(`${svbAdmin.url}/events?from=${String(block - 1n)}.999999`, {
    headers: { Authorization: `Bearer ${svbAdmin.apiKey}` },
    signal: AbortSignal.timeout(20_000),
  });
  const reader = stream.body?.getReader();
  let text = '';
  try {
    for (;;) {
      const chunk = await reader?.read();
      if (chunk === undefined || chunk.done) {
        throw new Error(`stream ended without ${offerId}`);
      }
      text += Buffer.from(chunk.value).toString();
      const match = new RegExp(`id: (\\S+)\\nevent: OfferCreated\\ndata: [^\\n]*"${offerId}"`).exec(text);
      if (match?.[1] !== undefined) {
        return match[1];
      }
    }
  } finally {
    await reader?.cancel();
  }
}

async function register(path: string): Promise<{ webhookId: string; secret: string }> {
  const answer = await svbAdmin.post('/webhooks', { url: `${receiverUrl}${path}`, events: ['OfferCreated'] });
  expect(answer.status).toBe(201);
  return { webhookId: answer.body.webhookId ?? '', secret: answer.body.secret ?? '' };
}

let steady: { webhookId: string; secret: string };
let flaky: { webhookId: string; secret: string };

beforeAll(async () => {
  await startReceiver();
  steady = await register('/steady');
  flaky = await register('/flaky');
});

afterAll(async () => {
  await Promise.all([
    svbAdmin.del(`/webhooks/${steady.webhookId}`),
    svbAdmin.del(`/webhooks/${flaky.webhookId}`),
  ]);
  await new Promise((done) => server.close(done));
});

test('when a partner admin registers, then it gets a secret once, and others cannot manage webhooks', async () => {
  const listed = await svbAdmin.get('/webhooks');

  expect(steady.secret).toMatch(/^whsec_/);
  expect(listed.status).toBe(200);
  expect(listed.body.items?.map((w) => w.webhookId)).toEqual(expect.arrayContaining([steady.webhookId]));
  expect(JSON.stringify(listed.body)).not.toContain(steady.secret);
  expect((await as('svb-payer').get('/webhooks')).body.error?.code).toBe('FORBIDDEN');
  expect((await svbAdmin.post('/webhooks', { url: 'ftp://example.org/x' })).body.error?.code).toBe(
    'INVALID_ARGUMENT',
  );
  expect((await svbAdmin.get('/webhooks/wh-0000000000000000/deliveries')).body.error?.code).toBe('NOT_FOUND');
  // The city on one machine allows loopback receivers, and no other internal address.
  expect((await svbAdmin.post('/webhooks', { url: 'http://169.254.169.254/latest/' })).body.error?.code).toBe(
    'WEBHOOK_TARGET_NOT_ALLOWED',
  );
});

test('when an event is committed, then the receiver gets it signed, with the event stream’s id in header and body', async () => {
  const offerId = await createOffer();
  const [delivery] = await eventually(() => {
    const found = deliveriesOf('/steady', offerId);
    return found.length > 0 ? Promise.resolve(found) : Promise.reject(new Error('not delivered yet'));
  });
  if (delivery === undefined) {
    throw new Error('no delivery');
  }
  const body = JSON.parse(delivery.body) as { id: string; blockNumber: string; transactionId: string };

  expect(signatureValid(steady.secret, delivery)).toBe(true);
  expect(signatureValid(flaky.secret, delivery)).toBe(false);
  expect(signatureValid(steady.secret, { ...delivery, body: delivery.body.replace(offerId, 'other') })).toBe(
    false,
  );
  expect(delivery.headers['x-stadspas-event-id']).toBe(body.id);
  expect(body.id).toMatch(new RegExp(`^${body.blockNumber}\\.\\d+$`));
  expect(await streamIdOf(offerId, BigInt(body.blockNumber))).toBe(body.id);
});

test('when the receiver fails twice, then the third attempt delivers the same event id, and the admin sees the attempts', async () => {
  const offerId = await createOffer();
  const attempts = await eventually(() => {
    const found = deliveriesOf('/flaky', offerId);
    return found.some((r) => r.answered === 200)
      ? Promise.resolve(found)
      : Promise.reject(new Error('not delivered yet'));
  }, 30_000);
  const eventId = attempts[0]?.headers['x-stadspas-event-id'];

  expect(attempts.map((r) => r.answered)).toEqual([500, 500, 200]);
  expect(attempts.map((r) => r.headers['x-stadspas-event-id'])).toEqual([eventId, eventId, eventId]);
  expect(attempts.every((r) => signatureValid(flaky.secret, r))).toBe(true);
  const deliveries = await eventually(async () => {
    const answer = await svbAdmin.get(`/webhooks/${flaky.webhookId}/deliveries`);
    const item = answer.body.items?.find((d) => d.eventId === eventId);
    return item?.status === 'delivered' ? item : Promise.reject(new Error('not recorded yet'));
  });
  expect(deliveries).toMatchObject({ status: 'delivered', attempts: 3, lastError: 'receiver answered 500' });
}, 60_000);

test('when the gateway is killed with deliveries pending and events commit meanwhile, then each is delivered after its restart', async () => {
  steadyDown = true;
  const created = [await createOffer(), await createOffer()];
  await eventually(async () => {
    const answer = await svbAdmin.get(`/webhooks/${steady.webhookId}/deliveries?limit=10`);
    const pending = answer.body.items?.filter((d) => d.status === 'pending' && Number(d.attempts) > 0) ?? [];
    return pending.length >= 2 ? Promise.resolve() : Promise.reject(new Error('not attempted yet'));
  });
  await killGateway(ctx, svbOrg, async () => {
    created.push(await createOffer(), await createOffer());
  });
  steadyDown = false;
  created.push(await createOffer());

  await eventually(() =>
    created.every((offerId) => deliveriesOf('/steady', offerId).some((r) => r.answered === 200))
      ? Promise.resolve()
      : Promise.reject(new Error('not all delivered yet')),
  );
  const ids = created.map((offerId) => deliveriesOf('/steady', offerId)[0]?.headers['x-stadspas-event-id']);
  expect(new Set(ids).size).toBe(created.length);
  const answer = await svbAdmin.get(`/webhooks/${steady.webhookId}/deliveries`);
  expect(answer.body.items?.filter((d) => ids.includes(String(d.eventId))).map((d) => d.status)).toEqual(
    created.map(() => 'delivered'),
  );
}, 120_000);

test('when a webhook is deleted, then it is gone from the list and its deliveries', async () => {
  const extra = await register('/extra');
  expect((await svbAdmin.del(`/webhooks/${extra.webhookId}`)).status).toBe(204);

  expect((await svbAdmin.get('/webhooks')).body.items?.map((w) => w.webhookId)).not.toContain(
    extra.webhookId,
  );
  expect((await svbAdmin.get(`/webhooks/${extra.webhookId}/deliveries`)).body.error?.code).toBe('NOT_FOUND');
});
