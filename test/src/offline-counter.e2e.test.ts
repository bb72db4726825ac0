/**
 * The counter without a connection, in a real browser against the real network: two venues' scanners lose the
 * gateway (one by the browser's own offline mode, one by the gateway stopped), check a card with their offline
 * kits, queue bookings within the scheme's allowance, and settle them on reconnect: each exactly once, with the
 * time it was made at the counter, and the one that took the pass over its balance booked and flagged.
 */
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, screenshot, signIn } from './support/browser';
import { withGatewayStopped } from './support/gateway-process';
import { eventually, orgByMsp, testNetwork } from './support/network';
import { issueCard } from './support/passes';
import { readClients, restClient } from './support/rest-client';

interface Body {
  readonly qr?: string;
  readonly items?: readonly {
    readonly redemptionId: string;
    readonly passId: string;
    readonly venueId: string;
    readonly offlineAt?: string;
    readonly overdrawnUnits?: number;
  }[];
  readonly redemption?: { readonly redemptionId: string };
  readonly replayed?: boolean;
}

const ctx = testNetwork();
const venuesOrg = orgByMsp(ctx, 'VenuesMSP');
const home = process.env.STADSPAS_HOME ?? resolve(__dirname, '..', '..', '.stadspas');
const clients = readClients(join(home, 'clients.json'));
const venues = clients.gateways.venues?.url ?? '';
const keyOf = (name: string): string => clients.clients.find((c) => c.name === name)?.apiKey ?? '';
const gemeente = restClient<Body>(clients, 'gemeente-admin');
const run = randomBytes(3).toString('hex');
const offerId = `offline-${run}`;
const passId = `OFF-${run.toUpperCase()}`;
const day = 24 * 3600 * 1000;
const iso = (ms: number): string => new Date(Date.now() + ms).toISOString();

let browser: Browser;
let qr = '';

/** A venue's scanner page, signed in. */
async function scannerOf(venueClient: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 412, height: 915 },
    ignoreHTTPSErrors: true,
  });
  const page = await context.newPage();
  await signIn(page, venues, keyOf(venueClient), '/scanner');
  await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
  await page.locator('#counter-state', { hasText: 'Verbonden' }).waitFor();
  return page;
}

/** Checks the card at a scanner and taps "book" on the test's offer; returns what the scanner said. */
async function book(page: Page): Promise<string> {
  await page.locator('#qr').fill(qr);
  await page.locator('#check-card').click();
  const button = page.locator(`button[data-offer="${offerId}"]`);
  await button.click();
  const message = page.locator('form.voucher', { has: button }).locator('p[aria-live]');
  await message.filter({ hasText: /\S/ }).waitFor();
  return (await message.textContent()) ?? '';
}

/** Sends the scanner's first settled offline booking again, with its own key and content, as the venue. */
async function sentAgain(page: Page): Promise<{ body: Body }> {
  const [settled] = await page.evaluate<
    { key: string; qr: string; offerId: string; quantity: number; offlineAt: string }[]
  >("JSON.parse(localStorage.getItem('stadspas-counter.results'))");
  if (settled === undefined) {
    throw new Error('nothing settled');
  }
  const { key, qr: code, offerId: offer, quantity, offlineAt } = settled;
  return restClient<Body>(clients, 'zwembad-kardinge').post(
    '/redemptions',
    { qr: code, offerId: offer, quantity, offlineAt },
    { 'Idempotency-Key': key },
  );
}

/** The scanner's offline bookings table, row by row. */
async function offlineRows(page: Page): Promise<string[]> {
  return page.locator('#offline-bookings tbody tr').allTextContents();
}

beforeAll(async () => {
  browser = await launchBrowser();
  const offer = await gemeente.post('/offers', {
    offerId,
    name: `Two entries ${run}`,
    kind: 'entries',
    entriesPerPeriod: 2,
    eligibleVenueIds: ['zwembad-kardinge', 'sportclub-helpman'],
    // Seniors only, and retired afterwards: other suites' passes at these venues must not see it.
    eligibleCategories: ['senior'],
    reimbursement: { perUseCents: 300 },
    grantByRule: true,
    funderMspId: 'GemeenteMSP',
    validFrom: iso(-day),
    validUntil: iso(30 * day),
  });
  expect(offer.status).toBe(201);
  qr = await issueCard(gemeente, { passId, category: 'senior', holder: `Off Line ${run}` });
});

afterAll(async () => {
  await gemeente.post(`/offers/${offerId}/retire`, {});
  await browser.close();
});

test('when two venues lose the gateway, then they check the card offline, queue within the allowance, and on reconnect every booking settles once, the overdraw flagged', async () => {
  const pool = await scannerOf('zwembad-kardinge');
  const club = await scannerOf('sportclub-helpman');

  // The pool's browser goes offline: the card is checked with the kit, two bookings are queued, a third is over
  // the scheme's allowance of two a day.
  await pool.context().setOffline(true);
  expect(await book(pool)).toBe('Offline vastgelegd: wordt verrekend zodra er verbinding is.');
  expect(await pool.locator('#scan-result .status').textContent()).toBe(
    `Pas ${passId}: Offline gecontroleerd`,
  );
  expect(await book(pool)).toBe('Offline vastgelegd: wordt verrekend zodra er verbinding is.');
  expect(await book(pool)).toMatch(/^Offline kan deze pas vandaag niet vaker/);
  expect(await pool.locator('#counter-state').textContent()).toMatch(
    /^Geen verbinding: codes worden gecontroleerd met de sleutels van \d\d:\d\d \(\d+ minuten oud\)\. 2 boekingen wachten/,
  );
  await expectAccessible(pool);
  await pool.evaluate("document.querySelector('#scan-result').scrollIntoView()");
  await screenshot(pool, 'scanner-offline', false);

  // The gateway itself stops: the club's scanner opens from its service worker and books offline too.
  await withGatewayStopped(ctx, venuesOrg, async () => {
    await club.reload();
    await club.locator('#scan-form').waitFor();
    expect(await book(club)).toBe('Offline vastgelegd: wordt verrekend zodra er verbinding is.');
  });

  // Back online: the restarted gateway asks each cashier to sign in again; then the queues settle.
  await pool.context().setOffline(false);
  const started = Date.now();
  for (const [page, client] of [
    [pool, 'zwembad-kardinge'],
    [club, 'sportclub-helpman'],
  ] as const) {
    await signIn(page, venues, keyOf(client), '/scanner');
    await eventually(async () => {
      const rows = await offlineRows(page);
      if (rows.some((row) => row.includes('Wacht op verbinding')) || rows.length === 0) {
        throw new Error(`not settled yet: ${rows.join(' | ')}`);
      }
    }, 90_000);
  }
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(
    `3 offline bookings settled in ${seconds.toFixed(1)} s after reconnect, sign-in included\n`,
  );

  expect((await offlineRows(pool)).every((row) => row.includes('Verrekend'))).toBe(true);
  expect((await offlineRows(club)).join('|')).toContain('Verrekend, boven het tegoed (1)');
  await expectAccessible(club);
  await club.locator('#offline-section').scrollIntoViewIfNeeded();
  await screenshot(club, 'scanner-settled', false);

  const bookings = (await gemeente.get(`/redemptions?passId=${passId}`)).body.items ?? [];
  expect(bookings).toHaveLength(3);
  expect(bookings.every((b) => b.offlineAt !== undefined)).toBe(true);
  expect(bookings.filter((b) => b.overdrawnUnits === 1).map((b) => b.venueId)).toEqual(['sportclub-helpman']);

  // A queued booking sent again under its own key, as after a lost answer, books nothing more.
  expect((await sentAgain(pool)).body.replayed).toBe(true);
  expect((await gemeente.get(`/redemptions?passId=${passId}`)).body.items).toHaveLength(3);

  // The overdraw is in the report of the municipality and of the venue, and only there.
  const forMunicipality = await gemeente.get('/reports/overdrawn');
  const forClub = await restClient<Body>(clients, 'sportclub-helpman').get('/reports/overdrawn');
  const forPool = await restClient<Body>(clients, 'zwembad-kardinge').get('/reports/overdrawn');
  expect(forMunicipality.body.items?.some((r) => r.passId === passId)).toBe(true);
  expect(forClub.body.items?.some((r) => r.passId === passId)).toBe(true);
  expect(forPool.body.items?.some((r) => r.passId === passId)).toBe(false);
});
