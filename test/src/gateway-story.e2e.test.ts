/**
 * The whole city pass story through the REST gateways of the three organisations, over HTTP only, against
 * the real network: offers, venues, passes with personal data, scans, idempotent redemptions with the card,
 * refusals (no card, forged card, pass read by number), booking by number with the municipality's permission,
 * replacement, contention, claims and payment, the event stream, and no personal data in any block.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { join, resolve } from 'node:path';
import { enrolledCredentials, openGateway } from '@stadspas/network';
import { eventually, orgByMsp, testNetwork } from './support/network';
import { readClients, restClient, type Answer as RestAnswer, type RestClient } from './support/rest-client';

/** The fields of the gateway's JSON answers that the story reads. */
interface Body {
  readonly error?: { readonly code: string };
  readonly initialised?: boolean;
  readonly status?: string;
  readonly passId?: string;
  readonly qr?: string;
  readonly pass?: { readonly holderHash: string };
  readonly cardNumber?: string;
  readonly entriesPerPeriod?: number;
  readonly vouchers?: readonly { readonly offerId: string; readonly remaining: number }[];
  readonly remaining?: number;
  readonly replayed?: boolean;
  readonly redemption?: { readonly redemptionId: string; readonly presented?: string };
  readonly granted?: boolean;
  readonly claimId?: string;
  readonly redemptionIds?: readonly string[];
}

type Answer = RestAnswer<Body>;

interface StreamedEvent {
  readonly id: string;
  readonly event: string;
  readonly data: { readonly payload: { readonly passId?: string } };
}

const home = process.env.STADSPAS_HOME ?? resolve(__dirname, '..', '..', '.stadspas');
const clientsFile = readClients(join(home, 'clients.json'));
const as = (name: string): RestClient<Body> => restClient<Body>(clientsFile, name);

/** A server-sent event stream read in the background. */
interface EventListener {
  /** The status the stream answered with. */
  readonly opened: Promise<number>;
  /** The events received so far. */
  readonly events: readonly StreamedEvent[];
  close(): void;
}

/** Opens an event stream and collects its events in the background. */
function listen(url: string, apiKey: string): EventListener {
  const controller = new AbortController();
  const events: StreamedEvent[] = [];
  const opened = fetch(`${url}/events?from=now`, {
    headers: { Authorization: `Bearer ${apiKey}` },
    signal: controller.signal,
  }).then((res) => {
    if (res.body === null) {
      throw new Error(`events stream answered ${String(res.status)}`);
    }
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    void (async (): Promise<void> => {
      for (;;) {
        const chunk = (await reader.read().catch(() => ({ done: true }))) as {
          readonly done: boolean;
          readonly value?: Uint8Array;
        };
        if (chunk.done) {
          return;
        }
        buffer += decoder.decode(chunk.value, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const field = (name: string): string | undefined =>
            block
              .split('\n')
              .find((line) => line.startsWith(`${name}: `))
              ?.slice(name.length + 2);
          const data = field('data');
          if (data !== undefined) {
            events.push({
              id: field('id') ?? '',
              event: field('event') ?? '',
              data: JSON.parse(data) as StreamedEvent['data'],
            });
          }
          end = buffer.indexOf('\n\n');
        }
      }
    })();
    return res.status;
  });
  return {
    opened,
    events,
    close: (): void => {
      controller.abort();
    },
  };
}

const unique = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const day = 86_400_000;
const iso = (offsetMs: number): string => new Date(Date.now() + offsetMs).toISOString();
const KARDINGE = 'zwembad-kardinge';
const MUSEUM = 'groninger-museum';

const admin = as('gemeente-admin');
const staff = as('gemeente-staff');
const payer = as('svb-payer');
const pool = as(KARDINGE);
const museum = as(MUSEUM);

const offers = { swim: `gw-swim-${unique}`, sports: `gw-sports-${unique}`, museum: `gw-museum-${unique}` };
const passes = Object.freeze({
  adult: `gw-${unique}-a`,
  child: `gw-${unique}-b`,
  lost: `gw-${unique}-c`,
  replaced: `gw-${unique}-d`,
  renewed: `gw-${unique}-d2`,
  busy: `gw-${unique}-e`,
});
/** A random BSN that passes the eleven test (9·d1 + 8·d2 + … + 2·d8 − d9 divisible by 11). */
function randomBsn(): string {
  for (;;) {
    const digits = Array.from({ length: 8 }, (_, i) => (i === 0 ? randomInt(1, 10) : randomInt(0, 10)));
    const last = digits.reduce((sum, digit, i) => sum + (9 - i) * digit, 0) % 11;
    if (last < 10) {
      return [...digits, last].join('');
    }
  }
}

/** Unique per run, so a search of the blocks finds only what this run wrote. */
function personOf(label: string): { name: string; bsn: string; dateOfBirth: string; address: string } {
  return {
    name: `Test Persoon ${label} ${unique}`,
    bsn: randomBsn(),
    dateOfBirth: label === 'child' ? '2016-05-04' : '1984-02-29',
    address: `Teststraat ${unique} ${label}, 9700 AA Groningen`,
  };
}
const people = Object.fromEntries(Object.keys(passes).map((k) => [k, personOf(k)]));
const storyStart = iso(-1_000);
/** The QR payload of each issued card, as the municipality's gateway returned it. */
const cards = new Map<string, string>();
/** The number printed on each card, as the municipality's gateway drew it. */
const cardNumbers = new Map<string, string>();
let stream: EventListener;
let keyCounter = 0;
const newKey = (): string => `gw-${unique}-${String(++keyCounter)}`;

function redeem(client: RestClient<Body>, body: object, key = newKey()): Promise<Answer> {
  return client.post('/redemptions', body, { 'Idempotency-Key': key });
}

/** The card of a pass: its QR payload, as the municipality's gateway issued it. */
function card(passId: string): string {
  const qr = cards.get(passId);
  if (qr === undefined) {
    throw new Error(`no card issued for ${passId}`);
  }
  return qr;
}

/** What a venue sees of a pass: the scan of its card. */
function scan(client: RestClient<Body>, passId: string): Promise<Answer> {
  return client.post('/scan', { qr: card(passId) });
}

function remainingOn(pass: Answer, offerId: string): number | undefined {
  return pass.body.vouchers?.find((v) => v.offerId === offerId)?.remaining;
}

beforeAll(async () => {
  stream = listen(staff.url, staff.apiKey);
  expect(await stream.opened).toBe(200);
});

afterAll(() => {
  stream.close();
});

describe('the city pass story through the REST gateways', () => {
  it('the municipality configures the ledger and registers the venues', async () => {
    const config = await admin.get('/config');
    if (config.status !== 200 || config.body.initialised !== true) {
      expect(
        (await admin.put('/config', { passYearStart: '01-01', reversalWindowSeconds: 900 })).status,
      ).toBe(200);
    }
    for (const [venueId, name, kind] of [
      [KARDINGE, 'Sportcentrum Kardinge', 'swimming-pool'],
      [MUSEUM, 'Groninger Museum', 'museum'],
    ] as const) {
      if ((await staff.get(`/venues/${venueId}`)).status === 404) {
        expect((await staff.post('/venues', { venueId, name, kind, mspId: 'VenuesMSP' })).status).toBe(201);
      }
    }
    expect((await pool.get(`/venues/${KARDINGE}`)).body.status).toBe('active');
  });

  it('the municipality creates offers: 5 free swims a year, a child sports budget, a museum discount', async () => {
    const common = { funderMspId: 'GemeenteMSP', validFrom: iso(-day), validUntil: iso(365 * day) };
    const created = await Promise.all([
      staff.post('/offers', {
        ...common,
        offerId: offers.swim,
        name: '5 free swims a year',
        kind: 'entries',
        entriesPerPeriod: 5,
        eligibleVenueIds: [KARDINGE],
        eligibleCategories: ['adult', 'child'],
        reimbursement: { perUseCents: 450 },
        grantByRule: true,
      }),
      staff.post('/offers', {
        ...common,
        offerId: offers.sports,
        name: 'Child sports budget',
        kind: 'budget',
        budgetCentsPerPeriod: 15_000,
        eligibleVenueIds: [KARDINGE],
        eligibleCategories: ['child'],
        reimbursement: { shareBasisPoints: 10_000 },
        grantByRule: false,
      }),
      staff.post('/offers', {
        ...common,
        offerId: offers.museum,
        name: '50% off at the museum',
        kind: 'discount',
        discountPercent: 50,
        maxAmountCentsPerBooking: 5_000,
        discountCentsPerPeriod: 10_000,
        eligibleVenueIds: [MUSEUM],
        eligibleCategories: ['adult', 'child'],
        reimbursement: { shareBasisPoints: 5_000 },
        grantByRule: false,
      }),
    ]);
    expect(created.map((r) => r.status)).toEqual([201, 201, 201]);
    expect((await pool.get(`/offers/${offers.swim}`)).body.entriesPerPeriod).toBe(5);
  });

  it('the municipality issues passes with personal data and grants a child a sports budget', async () => {
    const validity = { validFrom: iso(-day), validUntil: iso(365 * day) };
    for (const [key, passId] of Object.entries(passes)) {
      if (key === 'renewed') {
        continue;
      }
      const category = key === 'child' ? 'child' : 'adult';
      const res = await staff.post('/passes', { passId, category, ...validity, personalData: people[key] });
      expect(res.status).toBe(201);
      expect(res.body.qr).toMatch(/^SP1\./);
      // The holder was recorded first: the pass carries the hash Fabric keeps of the private record.
      expect(res.body.pass?.holderHash).toMatch(/^[0-9a-f]{64}$/);
      cards.set(passId, res.body.qr ?? '');
      cardNumbers.set(passId, res.body.cardNumber ?? '');
      expect(res.body.cardNumber).toMatch(/^6\d{11}$/);
      expect(JSON.stringify(res.body)).not.toContain(people[key]?.bsn);
    }
    const image = await staff.get(`/passes/${passes.adult}/qr?format=svg`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toContain('image/svg+xml');
    const grantOnce = (): ReturnType<typeof staff.post> =>
      staff.post(
        `/passes/${passes.child}/vouchers`,
        { offerId: offers.sports, amount: 15_000 },
        { 'Idempotency-Key': `grant-${passes.child}` },
      );
    const grant = await grantOnce();
    const retried = await grantOnce();
    expect(grant.status).toBe(201);
    // The same grant sent again under its key grants once.
    expect(retried.body).toEqual(grant.body);
    expect(remainingOn(await staff.get(`/passes/${passes.child}`), offers.sports)).toBe(15_000);
  });

  it('a venue scans the card: a forged code is refused, a genuine one shows what this venue may redeem', async () => {
    const genuine = card(passes.adult);
    const forged = `${genuine.split('.').slice(0, 2).join('.')}.${Buffer.from('forged').toString('base64url')}`;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // The same signature bytes spelled another way: only the unused low bits of the last character differ.
    const respelled = `${genuine.slice(0, -1)}${alphabet[alphabet.indexOf(genuine.slice(-1)) ^ 1] ?? ''}`;

    for (const qr of [forged, respelled]) {
      const refused = await pool.post('/scan', { qr });
      expect(refused.status).toBe(400);
      expect(refused.body.error?.code).toBe('INVALID_QR');
    }

    // The municipality's gateway publishes its QR key on the ledger at start-up; it may still be on its way.
    const scanned = await eventually(async () => {
      const res = await pool.post('/scan', { qr: genuine });
      if (res.status !== 200) {
        throw new Error(`scan answered ${res.status}: ${JSON.stringify(res.body)}`);
      }
      return res;
    });
    expect(scanned.body).toMatchObject({ passId: passes.adult, status: 'active' });
    const offerIds = (scanned.body.vouchers ?? []).map((v) => v.offerId);
    expect(offerIds).toContain(offers.swim);
    expect(offerIds).not.toContain(offers.museum);
  });

  it('a venue sees a pass only by its card: reading it by number and booking by number are refused', async () => {
    const read = await pool.get(`/passes/${passes.adult}`);
    expect(read.status).toBe(403);
    expect(read.body.error?.code).toBe('FORBIDDEN');

    const byNumber = await redeem(pool, { passId: passes.adult, offerId: offers.swim, quantity: 1 });
    expect(byNumber.status).toBe(403);
    expect(byNumber.body.error?.code).toBe('FORBIDDEN');
    expect(remainingOn(await staff.get(`/passes/${passes.adult}`), offers.swim)).toBe(5);
  });

  it('a venue redeems, retries with the same idempotency key (balance unchanged), and spends the balance', async () => {
    const body = { qr: card(passes.adult), offerId: offers.swim, quantity: 1 };
    const key = newKey();
    const first = await redeem(pool, body, key);
    expect(first.status).toBe(201);
    expect(first.body.remaining).toBe(4);
    expect(first.body.redemption?.presented).toBe('card');

    const retry = await redeem(pool, body, key);
    expect(retry.status).toBe(201);
    expect(retry.body.replayed).toBe(true);
    expect(retry.body.redemption?.redemptionId).toBe(first.body.redemption?.redemptionId);
    expect(remainingOn(await scan(pool, passes.adult), offers.swim)).toBe(4);

    const misuse = await redeem(pool, { ...body, quantity: 2 }, key);
    expect(misuse.status).toBe(409);
    expect(misuse.body.error?.code).toBe('IDEMPOTENCY_MISMATCH');

    for (let left = 3; left >= 0; left--) {
      const res = await redeem(pool, body);
      expect(res.status).toBe(201);
      expect(res.body.remaining).toBe(left);
    }
    const spent = await redeem(pool, body);
    expect(spent.status).toBe(409);
    expect(spent.body.error?.code).toBe('INSUFFICIENT_BALANCE');

    const budget = await redeem(pool, { qr: card(passes.child), offerId: offers.sports, amountCents: 2_500 });
    expect(budget.status).toBe(201);
    expect(budget.body.remaining).toBe(12_500);
  });

  it('an ineligible venue is refused with 403', async () => {
    const res = await redeem(museum, { qr: card(passes.child), offerId: offers.swim, quantity: 1 });

    expect(res.status).toBe(403);
    expect(res.body.error?.code).toBe('VENUE_NOT_ELIGIBLE');
  });

  it('a blocked pass is refused', async () => {
    expect((await staff.post(`/passes/${passes.lost}/block`, { reason: 'card lost' })).status).toBe(200);

    const res = await redeem(pool, { qr: card(passes.lost), offerId: offers.swim, quantity: 1 });

    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('PASS_BLOCKED');
  });

  it('a replaced card’s vouchers are on the new card, and the old card is refused', async () => {
    expect(
      (await redeem(pool, { qr: card(passes.replaced), offerId: offers.swim, quantity: 2 })).status,
    ).toBe(201);

    const replaced = await staff.post(`/passes/${passes.replaced}/replace`, { newPassId: passes.renewed });

    expect(replaced.status).toBe(200);
    expect(replaced.body.qr).toMatch(/^SP1\./);
    cards.set(passes.renewed, replaced.body.qr ?? '');
    expect(remainingOn(await scan(pool, passes.renewed), offers.swim)).toBe(3);
    expect(
      (await redeem(pool, { qr: card(passes.replaced), offerId: offers.swim, quantity: 1 })).status,
    ).toBe(409);
    expect(
      (await redeem(pool, { qr: card(passes.renewed), offerId: offers.swim, quantity: 1 })).body.remaining,
    ).toBe(2);
  });

  it('20 concurrent redemptions of a voucher with 5 uses left give exactly 5 successes', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        redeem(pool, { qr: card(passes.busy), offerId: offers.swim, quantity: 1 }),
      ),
    );

    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(15);
    expect(remainingOn(await scan(pool, passes.busy), offers.swim)).toBe(0);
  });

  it('with the municipality’s permission a venue books by number, recorded as such, until it is revoked', async () => {
    const path = `/venues/${KARDINGE}/book-by-number`;
    // The replaced card keeps its printed number, which now names the replacement.
    const printed = cardNumbers.get(passes.replaced) ?? '';
    expect((await pool.post('/passes/lookup', { cardNumber: printed })).status).toBe(403);
    expect((await pool.post(path, { reason: 'granting myself' })).status).toBe(403);
    const granted = await admin.post(path, { reason: 'phone bookings for the desk' });
    expect(granted.status).toBe(200);
    expect(granted.body.granted).toBe(true);
    try {
      const booked = await redeem(pool, { passId: passes.renewed, offerId: offers.swim, quantity: 1 });
      expect(booked.status).toBe(201);
      expect(booked.body.redemption?.presented).toBe('number');
      expect((await pool.post('/passes/lookup', { cardNumber: printed })).body.passId).toBe(passes.renewed);
      const byCard = await redeem(pool, { cardNumber: printed, offerId: offers.swim, quantity: 1 });
      expect(byCard.status).toBe(201);
      expect(byCard.body.redemption?.presented).toBe('number');
    } finally {
      expect((await admin.post(`${path}/revoke`, { reason: 'desk closed' })).status).toBe(200);
    }
    const after = await redeem(pool, { passId: passes.renewed, offerId: offers.swim, quantity: 1 });
    expect(after.status).toBe(403);
  });

  it('a venue key cannot issue passes, and a venue cannot reverse another venue’s redemption', async () => {
    const issue = await pool.post('/passes', {
      passId: `gw-${unique}-z`,
      category: 'adult',
      validFrom: iso(-day),
      validUntil: iso(day),
      personalData: personOf('venue-attempt'),
    });
    expect(issue.status).toBe(403);

    const visit = await redeem(museum, {
      qr: card(passes.child),
      offerId: offers.museum,
      amountCents: 1_200,
    });
    expect(visit.status).toBe(201);
    const reverse = await pool.post(
      `/redemptions/${visit.body.redemption?.redemptionId ?? ''}/reverse`,
      undefined,
      {
        'Idempotency-Key': newKey(),
      },
    );
    expect(reverse.status).toBe(403);
    const own = await museum.post(
      `/redemptions/${visit.body.redemption?.redemptionId ?? ''}/reverse`,
      undefined,
      {
        'Idempotency-Key': newKey(),
      },
    );
    expect(own.status).toBe(201);
  });

  it('a venue claims, the municipality approves, the SVB records the payment; a second claim is refused', async () => {
    // No periodTo: the period ends when the gateway sends the claim.
    const period = { funderMspId: 'GemeenteMSP', periodFrom: storyStart };
    const claim = await pool.post('/claims', { claimId: `gw-claim-${unique}`, ...period });
    expect(claim.status).toBe(201);
    expect(claim.body.redemptionIds?.length).toBeGreaterThanOrEqual(5);

    // The claim committed on the venue's peer; the municipality approves it once its own peer has it too.
    await eventually(async () => {
      expect((await staff.get(`/claims/${claim.body.claimId ?? ''}`)).status).toBe(200);
    });
    expect((await staff.post(`/claims/${claim.body.claimId ?? ''}/approve`)).status).toBe(200);
    await eventually(async () => {
      expect((await payer.get(`/claims/${claim.body.claimId ?? ''}`)).body.status).toBe('approved');
    });
    const paid = await payer.post(`/claims/${claim.body.claimId ?? ''}/payment`, {
      paymentReference: `SVB-${unique}`,
      paidOn: new Date().toISOString().slice(0, 10),
    });
    expect(paid.status).toBe(200);
    expect(paid.body.status).toBe('paid');

    const again = await pool.post('/claims', { claimId: `gw-claim-${unique}-again`, ...period });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('ALREADY_CLAIMED');
  });

  it('the events stream showed every step, once per booking', async () => {
    const expected = [
      'OfferCreated',
      'PassIssued',
      'HolderRecorded',
      'VoucherGranted',
      'Redeemed',
      'RedemptionReversed',
      'BookByNumberGranted',
      'BookByNumberRevoked',
      'PassBlocked',
      'PassReplaced',
      'ClaimSubmitted',
      'ClaimApproved',
      'ClaimPaid',
    ];
    const seen = await eventually(() => {
      const names = new Set(stream.events.map((e) => e.event));
      const missing = expected.filter((name) => !names.has(name));
      if (missing.length > 0) {
        return Promise.reject(new Error(`not seen yet: ${missing.join(', ')}`));
      }
      return Promise.resolve(stream.events);
    }, 30_000);
    const busyRedemptions = seen.filter(
      (e) => e.event === 'Redeemed' && e.data.payload.passId === passes.busy,
    );
    expect(busyRedemptions).toHaveLength(5);
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
  });

  it('no personal data from the story appears in any block of the channel, nor in the event stream', async () => {
    const ctx = testNetwork();
    const gemeente = orgByMsp(ctx, 'GemeenteMSP');
    const session = openGateway(ctx, gemeente, enrolledCredentials(ctx, gemeente, 'gemeente-admin'));
    try {
      const qscc = session.gateway.getNetwork(ctx.network.channel).getContract('qscc');
      const blocks: string[] = [];
      for (let n = 0; ; n++) {
        try {
          const block = await qscc.evaluateTransaction('GetBlockByNumber', ctx.network.channel, String(n));
          blocks.push(Buffer.from(block).toString('latin1'));
        } catch {
          break;
        }
      }
      expect(blocks.length).toBeGreaterThan(1);
      const ledgerText = blocks.join('\n');
      const streamText = JSON.stringify(stream.events);
      for (const person of Object.values(people)) {
        for (const value of [person.name, person.bsn, person.address]) {
          expect(ledgerText).not.toContain(value);
          expect(streamText).not.toContain(value);
        }
      }
    } finally {
      session.close();
    }
  });
});
