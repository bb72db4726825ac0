/**
 * Reports from the read model on the real network: the CSV of a venue's month matches the bookings made here
 * (counts and cents, claimed and paid), each organisation sees only what it may, the lag shows in /health, and
 * a read model rebuilt from block 0 gives the same report.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gatewayHealth, killGateway, readModelCaughtUp } from './support/gateway-process';
import { orgByMsp, testNetwork } from './support/network';
import { readClients, restClient, type RestClient } from './support/rest-client';

interface Body {
  readonly error?: { readonly code: string };
  readonly qr?: string;
  readonly items?: readonly Record<string, string | number>[];
}

const home = process.env.STADSPAS_HOME ?? resolve(__dirname, '..', '..', '.stadspas');
const clients = readClients(join(home, 'clients.json'));
const as = (name: string): RestClient<Body> => restClient<Body>(clients, name);
const ctx = testNetwork();
const venuesOrg = orgByMsp(ctx, 'VenuesMSP');
const gemeenteOrg = orgByMsp(ctx, 'GemeenteMSP');

const unique = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const day = 86_400_000;
const iso = (offsetMs: number): string => new Date(Date.now() + offsetMs).toISOString();
const month = new Date().toISOString().slice(0, 7);
const KARDINGE = 'zwembad-kardinge';
const offers = { swim: `rp-swim-${unique}`, budget: `rp-budget-${unique}` };
const passId = `rp-${unique}`;
const claimId = `rp-claim-${unique}`;

const staff = as('gemeente-staff');
const gemeenteAdmin = as('gemeente-admin');
const svbAdmin = as('svb-admin');
const payer = as('svb-payer');
const pool = as(KARDINGE);
let keyCounter = 0;

async function book(body: object): Promise<void> {
  const answer = await pool.post('/redemptions', body, {
    'Idempotency-Key': `rp-${unique}-${String(++keyCounter)}`,
  });
  expect(answer.status).toBe(201);
}

/** The report's CSV as this client downloads it, for this month. */
async function csvOf(
  client: RestClient<Body>,
  query = '',
): Promise<{ status: number; text: string; type: string }> {
  const res = await fetch(`${client.url}/reports/usage?month=${month}&format=csv${query}`, {
    headers: { Authorization: `Bearer ${client.apiKey}` },
  });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') ?? '' };
}

/** The CSV lines of this suite's offers, as objects by column name. */
function rowsOf(csv: string): Record<string, string>[] {
  const [header, ...lines] = csv.trim().split('\r\n');
  const columns = (header ?? '').split(',');
  return lines
    .map((line) => Object.fromEntries(line.split(',').map((value, i) => [columns[i] ?? '', value])))
    .filter((row) => Object.values(offers).includes(row.offerId ?? ''));
}

const row = (
  offerId: string,
  uses: number,
  units: number,
  amount: number,
  reimbursement: number,
): Record<string, string> => ({
  venueId: KARDINGE,
  offerId,
  month,
  uses: String(uses),
  units: String(units),
  amountCents: String(amount),
  reimbursementCents: String(reimbursement),
});

beforeAll(async () => {
  const common = { validFrom: iso(-day), validUntil: iso(365 * day), eligibleVenueIds: [KARDINGE] };
  const created = await Promise.all([
    staff.post('/offers', {
      ...common,
      offerId: offers.swim,
      funderMspId: 'GemeenteMSP',
      name: 'Report swims',
      kind: 'entries',
      entriesPerPeriod: 10,
      eligibleCategories: ['child'],
      reimbursement: { perUseCents: 450 },
      grantByRule: true,
    }),
    svbAdmin.post('/offers', {
      ...common,
      offerId: offers.budget,
      funderMspId: 'SVBMSP',
      name: 'Report budget',
      kind: 'budget',
      budgetCentsPerPeriod: 10_000,
      eligibleCategories: ['child'],
      reimbursement: { shareBasisPoints: 5_000 },
      grantByRule: false,
    }),
  ]);
  expect(created.map((r) => r.status)).toEqual([201, 201]);
  const issued = await staff.post('/passes', {
    passId,
    category: 'child',
    validFrom: iso(-day),
    validUntil: iso(365 * day),
    personalData: {
      name: `Rapport ${unique}`,
      bsn: '123456782',
      dateOfBirth: '2016-02-01',
      address: 'Teststraat 1',
    },
  });
  expect(issued.status).toBe(201);
  const granted = await staff.post(
    `/passes/${passId}/vouchers`,
    { offerId: offers.budget, amount: 10_000 },
    { 'Idempotency-Key': `grant-${passId}` },
  );
  expect(granted.status).toBe(201);
  const qr = issued.body.qr ?? '';
  await book({ qr, offerId: offers.swim, quantity: 2 });
  await book({ qr, offerId: offers.swim, quantity: 1 });
  await book({ qr, offerId: offers.budget, amountCents: 2_500 });
  await book({ qr, offerId: offers.budget, amountCents: 1_000 });
}, 120_000);

test('when bookings are made, then the venue’s CSV shows their uses, units and cents per offer and month', async () => {
  await readModelCaughtUp(venuesOrg);
  const csv = await csvOf(pool);

  expect(csv.status).toBe(200);
  expect(csv.type).toMatch(/^text\/csv/);
  expect(csv.text.split('\r\n')[0]).toBe(
    'venueId,offerId,month,uses,units,amountCents,reimbursementCents,claimedCents,paidCents',
  );
  expect(rowsOf(csv.text)).toEqual([
    { ...row(offers.budget, 2, 3_500, 3_500, 1_750), claimedCents: '0', paidCents: '0' },
    { ...row(offers.swim, 2, 3, 0, 1_350), claimedCents: '0', paidCents: '0' },
  ]);
});

test('when the venue claims and the claim is approved and paid, then the report shows it claimed, then paid', async () => {
  const claimed = await pool.post('/claims', {
    claimId,
    funderMspId: 'GemeenteMSP',
    periodFrom: iso(-60_000 * 30),
  });
  expect(claimed.status).toBe(201);
  await readModelCaughtUp(venuesOrg);
  expect(rowsOf((await csvOf(pool, `&offerId=${offers.swim}`)).text)).toEqual([
    { ...row(offers.swim, 2, 3, 0, 1_350), claimedCents: '1350', paidCents: '0' },
  ]);

  expect((await gemeenteAdmin.post(`/claims/${claimId}/approve`)).status).toBe(200);
  const paid = await payer.post(`/claims/${claimId}/payment`, {
    paymentReference: `SVB-${unique}`,
    paidOn: new Date().toISOString().slice(0, 10),
  });
  expect(paid.status).toBe(200);
  await readModelCaughtUp(venuesOrg);
  expect(rowsOf((await csvOf(pool, `&offerId=${offers.swim}`)).text)).toEqual([
    { ...row(offers.swim, 2, 3, 0, 1_350), claimedCents: '1350', paidCents: '1350' },
  ]);
});

test('when each organisation asks, then it sees only its own venue, its own venues, its own passes or the offers it funds', async () => {
  await Promise.all([gemeenteOrg, orgByMsp(ctx, 'SVBMSP'), venuesOrg].map((org) => readModelCaughtUp(org)));
  const seen = async (name: string): Promise<string[]> => {
    const answer = await as(name).get(`/reports/usage?month=${month}`);
    expect(answer.status).toBe(200);
    return (answer.body.items ?? [])
      .map((item) => String(item.offerId))
      .filter((offerId) => Object.values(offers).includes(offerId))
      .sort();
  };

  expect(await seen('gemeente-staff')).toEqual([offers.budget, offers.swim]);
  expect(await seen('svb-admin')).toEqual([offers.budget]);
  expect(await seen('groninger-museum')).toEqual([]);
  // The venues organisation's admin reads its own venues' bookings, as the chaincode's read rule gives it.
  expect(await seen('venues-admin')).toEqual([offers.budget, offers.swim]);
  expect((await as('svb-payer').get('/reports/usage?month=2026-13')).body.error?.code).toBe(
    'INVALID_ARGUMENT',
  );
  expect((await pool.get('/reports/usage?month=2026-13')).body.error?.code).toBe('INVALID_ARGUMENT');
});

test('when a page is asked for, then it shows the report as a table with a link to its CSV, in Dutch unless English is picked', async () => {
  const res = await fetch(`${clients.gateways.venues?.url ?? ''}/reports?month=${month}`, {
    headers: { Authorization: `Bearer ${pool.apiKey}` },
  });
  const html = await res.text();

  expect(res.status).toBe(200);
  expect(html).toContain(`<td>${offers.swim}</td>`);
  expect(html).toContain(`/api/v1/reports/usage?month=${month}&#38;format=csv`);
  expect(html).toContain('href="/reports/report.css"');
  expect(html).toContain('<html lang="nl">');
  expect((await fetch(`${clients.gateways.venues?.url ?? ''}/reports`)).status).toBe(401);

  const english = await fetch(`${clients.gateways.venues?.url ?? ''}/reports?month=${month}&lang=en`, {
    headers: { Authorization: `Bearer ${pool.apiKey}` },
  });
  expect(english.status).toBe(200);
  expect(english.headers.get('set-cookie')).toMatch(/^stadspas_lang=en;/);
  const englishHtml = await english.text();
  expect(englishHtml).toContain('<html lang="en">');
  expect(englishHtml).toContain(`<td>${offers.swim}</td>`);
});

test('when the read model is lagging or caught up, then /health and /metrics show its lag behind the peer', async () => {
  const health = await readModelCaughtUp(venuesOrg);
  const metrics = await (await fetch(`${clients.gateways.venues?.url ?? ''}/metrics`)).text();

  expect(health.readModel).toEqual({
    blocksApplied: health.ledger.blockHeight,
    lag: 0,
    lastBlockAppliedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
  });
  expect(metrics).toMatch(/^stadspas_read_model_lag_blocks 0$/m);
  expect(metrics).toMatch(/^stadspas_read_model_blocks_applied [1-9]\d*$/m);
});

test('when the read model file is gone and the gateway restarts, then it is rebuilt from block 0 with the same report', async () => {
  const before = await csvOf(pool);
  const file = join(ctx.paths.org(venuesOrg).gatewayState, 'read-model.sqlite');
  for (const suffix of ['', '-wal', '-shm']) {
    rmSync(`${file}${suffix}`, { force: true });
  }
  await killGateway(ctx, venuesOrg);
  await readModelCaughtUp(venuesOrg);
  const after = await csvOf(pool);

  expect(after.text).toBe(before.text);
  expect(rowsOf(after.text)).toHaveLength(2);
  expect((await gatewayHealth(venuesOrg)).readModel?.blocksApplied).toBeGreaterThan(0);
}, 120_000);
