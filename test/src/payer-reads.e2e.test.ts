/**
 * The payer reads what it pays for, through its own gateway on the real network: the vouchers, balances and
 * redemptions of the offers SVB funds, and nothing of the municipality's offers or of the holder's personal data.
 */
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { enrolledCredentials, evaluateJson, openGateway, type GatewaySession } from '@stadspas/network';
import { eventually, orgByMsp, testNetwork } from './support/network';
import { refusalOf } from './support/refusal';
import { readClients, restClient, type Answer, type RestClient } from './support/rest-client';

interface Voucher {
  readonly offerId: string;
  readonly remaining: number;
  readonly used: number;
}

/** The fields of the gateway's JSON answers that this story reads. */
interface Body {
  readonly error?: { readonly code: string };
  readonly qr?: string;
  readonly vouchers?: readonly Voucher[];
  readonly redemption?: { readonly redemptionId: string };
  readonly items?: readonly { readonly redemptionId: string; readonly offerId: string }[];
  readonly bookmark?: string;
}

const home = process.env.STADSPAS_HOME ?? resolve(__dirname, '..', '..', '.stadspas');
const clientsFile = readClients(join(home, 'clients.json'));
const as = (name: string): RestClient<Body> => restClient<Body>(clientsFile, name);

const ctx = testNetwork();
const svb = orgByMsp(ctx, 'SVBMSP');
const unique = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const day = 86_400_000;
const iso = (offsetMs: number): string => new Date(Date.now() + offsetMs).toISOString();
const KARDINGE = 'zwembad-kardinge';

const staff = as('gemeente-staff');
const svbAdmin = as('svb-admin');
const payer = as('svb-payer');
const pool = as(KARDINGE);

const offers = { svb: `pr-budget-${unique}`, city: `pr-swim-${unique}` };
const passes = { child: `pr-${unique}-a`, adult: `pr-${unique}-b` };
const person = {
  name: `Test Betaler ${unique}`,
  bsn: '123456782',
  dateOfBirth: '2015-04-03',
  address: `Teststraat ${unique}, 9700 AA Groningen`,
};
const storyStart = iso(-1_000);
const cards = new Map<string, string>();
const booked = { svb: '', city: '' };
let payerSession: GatewaySession;

let keyCounter = 0;

function redeem(body: object): Promise<Answer<Body>> {
  return pool.post('/redemptions', body, { 'Idempotency-Key': `pr-${unique}-${String(++keyCounter)}` });
}

beforeAll(() => {
  payerSession = openGateway(ctx, svb, enrolledCredentials(ctx, svb, 'svb-payer'));
});

afterAll(() => {
  payerSession.close();
});

describe('the payer reads what it pays for', () => {
  it('SVB creates a budget it funds; the municipality creates swims it funds and issues two passes', async () => {
    const common = { validFrom: iso(-day), validUntil: iso(365 * day), eligibleVenueIds: [KARDINGE] };
    const created = await Promise.all([
      svbAdmin.post('/offers', {
        ...common,
        offerId: offers.svb,
        funderMspId: 'SVBMSP',
        name: 'Child sports budget (SVB)',
        kind: 'budget',
        budgetCentsPerPeriod: 10_000,
        eligibleCategories: ['child'],
        reimbursement: { shareBasisPoints: 10_000 },
        grantByRule: false,
      }),
      staff.post('/offers', {
        ...common,
        offerId: offers.city,
        funderMspId: 'GemeenteMSP',
        name: 'Free swims (city)',
        kind: 'entries',
        entriesPerPeriod: 5,
        eligibleCategories: ['adult', 'child'],
        reimbursement: { perUseCents: 450 },
        grantByRule: true,
      }),
    ]);
    expect(created.map((r) => r.status)).toEqual([201, 201]);
    for (const [key, passId] of Object.entries(passes)) {
      const category = key === 'child' ? 'child' : 'adult';
      const validity = { validFrom: iso(-day), validUntil: iso(365 * day) };
      const issued = await staff.post('/passes', {
        passId,
        category,
        ...validity,
        personalData: { ...person, name: `${person.name} ${key}` },
      });
      expect(issued.status).toBe(201);
      cards.set(passId, issued.body.qr ?? '');
    }
    const grant = await staff.post(
      `/passes/${passes.child}/vouchers`,
      { offerId: offers.svb, amount: 10_000 },
      { 'Idempotency-Key': `grant-${passes.child}` },
    );
    expect(grant.status).toBe(201);
  });

  it('the venue books a use of both offers with the child’s card', async () => {
    const qr = cards.get(passes.child) ?? '';
    // The municipality's gateway publishes its QR key at start-up; it may still be on its way.
    const budget = await eventually(async () => {
      const res = await redeem({ qr, offerId: offers.svb, amountCents: 2_500 });
      if (res.status !== 201) {
        throw new Error(`redeem answered ${String(res.status)}: ${JSON.stringify(res.body)}`);
      }
      return res;
    });
    const swim = await redeem({ qr, offerId: offers.city, quantity: 1 });
    expect(swim.status).toBe(201);
    booked.svb = budget.body.redemption?.redemptionId ?? '';
    booked.city = swim.body.redemption?.redemptionId ?? '';
  });

  it('SVB sees the balance of the voucher it funds, not the other, and no personal data', async () => {
    const pass = await payer.get(`/passes/${passes.child}`);
    const vouchers = await payer.get(`/passes/${passes.child}/vouchers`);

    expect(pass.status).toBe(200);
    expect(pass.body.vouchers).toEqual([
      expect.objectContaining({ offerId: offers.svb, used: 2_500, remaining: 7_500 }),
    ]);
    expect(vouchers.body as unknown).toEqual(pass.body.vouchers);
    const seen = JSON.stringify(pass.body);
    for (const hidden of ['holderHash', 'holderRef', person.bsn, person.name, person.address]) {
      expect(seen).not.toContain(hidden);
    }
    const whole = await staff.get(`/passes/${passes.child}`);
    expect((whole.body.vouchers ?? []).map((v) => v.offerId)).toEqual(
      expect.arrayContaining([offers.svb, offers.city]),
    );
  });

  it('SVB sees the redemption of its offer, by pass and by offer, and not the municipality’s', async () => {
    const byPass = await payer.get(`/redemptions?passId=${passes.child}`);
    const byOffer = await payer.get(`/redemptions?offerId=${offers.svb}`);

    expect(byPass.body.items?.map((item) => item.redemptionId)).toEqual([booked.svb]);
    expect(byOffer.body.items?.map((item) => item.redemptionId)).toEqual([booked.svb]);
    expect((await payer.get(`/redemptions/${booked.svb}`)).status).toBe(200);
  });

  it.each([
    ['the redemptions of the municipality’s offer', (): string => `/redemptions?offerId=${offers.city}`],
    ['the municipality’s redemption', (): string => `/redemptions/${booked.city}`],
    ['a pass with only the municipality’s vouchers', (): string => `/passes/${passes.adult}`],
    ['the history of a pass (it carries the holder hash)', (): string => `/passes/${passes.child}/history`],
  ])('when SVB reads %s, then it is refused with 403 FORBIDDEN', async (_what, path) => {
    const res = await payer.get(path());

    expect(res.status).toBe(403);
    expect(res.body.error?.code).toBe('FORBIDDEN');
  });

  it('when SVB reads the holder’s personal data on its own peer, then it is refused', async () => {
    const refusal = await refusalOf(
      evaluateJson(payerSession.contract, 'passes:GetHolder', { passId: passes.child }),
    );

    expect(refusal).toContain('FORBIDDEN');
    expect(refusal).not.toContain(person.bsn);
  });

  it('the venue and the municipality keep their views: the venue still may not read the pass by number', async () => {
    const byNumber = await pool.get(`/passes/${passes.child}`);
    // The time filter applies within each page of the venue's bookings: earlier suites' bookings fill the first
    // pages, so every page is read.
    const own: string[] = [];
    let bookmark = '';
    do {
      const next = bookmark === '' ? '' : `&bookmark=${encodeURIComponent(bookmark)}`;
      const page = await pool.get(`/redemptions?from=${storyStart}${next}`);
      own.push(...(page.body.items ?? []).map((item) => item.redemptionId));
      bookmark = page.body.bookmark ?? '';
    } while (bookmark !== '');

    expect(byNumber.status).toBe(403);
    expect(own).toEqual(expect.arrayContaining([booked.svb, booked.city]));
    const all = await staff.get(`/redemptions?passId=${passes.child}`);
    expect(all.body.items?.map((item) => item.redemptionId)).toEqual([booked.svb, booked.city]);
  });
});
