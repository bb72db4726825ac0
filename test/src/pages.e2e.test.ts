/**
 * The pages in a real headless Chromium against the real network. They speak Dutch unless English is picked: the
 * switch on a page turns it English and the next page stays English. The desk (in English) issues a pass and prints its card,
 * issues a batch from a CSV file and blocks a card; the venue's scanner reads the card with the (fake) camera,
 * books it once on a double tap, refuses the blocked and a forged card in plain words, reverses a booking and
 * claims, all in Dutch; the municipality approves on its page, SVB records the payment on its page; the holder sees
 * their own pass and no other. Sign-in makes a session cookie, never a key in an address, and a cookie-only write from
 * elsewhere is refused. Every page passes axe's WCAG 2.1 AA checks; each page's screenshot is saved.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, qrCameraVideo, screenshot, signIn } from './support/browser';
import { bankStatement, readPaymentOrder } from './support/bank';
import { validateAgainst } from './support/iso20022';
import { readClients, restClient } from './support/rest-client';

interface Body {
  readonly items?: readonly {
    readonly redemptionId: string;
    readonly type: string;
    readonly reversedBy?: string;
  }[];
  readonly status?: string;
  readonly paymentReference?: string;
  readonly linkCode?: string;
  readonly redemption?: { readonly passId: string; readonly presented: string };
  readonly error?: { readonly code: string; readonly message: string };
}

const home = process.env.STADSPAS_HOME ?? resolve(__dirname, '..', '..', '.stadspas');
const clients = readClients(join(home, 'clients.json'));
const keyOf = (name: string): string => {
  const client = clients.clients.find((c) => c.name === name);
  if (client === undefined) {
    throw new Error(`no demo client ${name}`);
  }
  return client.apiKey;
};
const urlOf = (org: string): string => clients.gateways[org]?.url ?? '';
const municipality = urlOf('gemeente');
const venues = urlOf('venues');
const payer = urlOf('svb');
const gemeente = restClient<Body>(clients, 'gemeente-admin');

const run = randomBytes(3).toString('hex').toUpperCase();
/** The number printed on the card the desk issues by hand; its pass's id is drawn by the gateway. */
const cardA = `6${String(parseInt(run, 16)).padStart(11, '0')}`;
let passA = '';
const passB = `SP-P${run}2`;
const passC = `SP-P${run}3`;
const passD = `SP-P${run}4`;
const passE = `SP-P${run}5`;
const venueId = `pages-${run.toLowerCase()}`;
const claimId = `pages-${run.toLowerCase()}`;
const today = new Date().toISOString().slice(0, 10);
const nextYear = `${String(new Date().getUTCFullYear() + 1)}-12-31`;

/** The language a page says it speaks. */
async function languageOf(page: Page): Promise<string | null> {
  return page.locator('html').getAttribute('lang');
}

/** The text of the first element that matches, once it is shown. */
async function textOf(page: Page, selector: string): Promise<string> {
  const locator = page.locator(selector).first();
  await locator.waitFor({ timeout: 60_000 });
  return (await locator.textContent()) ?? '';
}

/** The signed QR payload printed on a pass's card, read from the desk's card page. */
async function cardCode(desk: Page, passId: string): Promise<string> {
  await desk.goto(`${municipality}/admin/cards/${passId}`);
  return (await textOf(desk, '#card-code')).trim();
}

describe('pages', () => {
  let work: string;
  let browser: Browser;
  let desk: Page;
  let qrA = '';
  let qrB = '';

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'stadspas-pages-'));
    browser = await launchBrowser();
    desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  });

  afterAll(async () => {
    await browser.close();
    await rm(work, { recursive: true, force: true });
  });

  test('when someone opens a gateway, then its start page links to that organisation’s pages', async () => {
    const page = await browser.newPage();
    await page.goto(`${venues}/`);
    expect(await page.locator('main a[href="/scanner"]').count()).toBe(1);
    expect(await page.locator('main a[href="/venues"]').count()).toBe(1);
    expect(await page.locator('main a[href="/admin"]').count()).toBe(0);
    await page.goto(`${municipality}/`);
    expect(await page.locator('main a[href="/admin"]').count()).toBe(1);
    expect(await page.locator('main a[href="/pass"]').count()).toBe(1);
    await page.goto(`${payer}/`);
    expect(await page.locator('main a[href="/payments"]').count()).toBe(1);
    await screenshot(page, 'home-svb');
    const scannerOnDesk = await page.goto(`${municipality}/scanner`);
    expect(scannerOnDesk?.status()).toBe(404);
    await page.close();
  });

  test('when anyone opens what is on offer at a partner’s gateway, then it lists the demo’s offers with their venues, in Dutch and English', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${venues}/`);
    await page.locator('main a[href="/aanbod"]').click();
    await page.waitForURL(`${venues}/aanbod`);
    expect(await textOf(page, 'h1')).toBe('Aanbod');
    // The demo's own offers, by id: other suites create offers of the same name.
    const swims = page.locator('article.offer[aria-labelledby="offer-swim-5"]');
    expect(await textOf(page, '#offer-swim-5')).toBe('5 free swims a year');
    expect(await swims.locator('.offer-gives').textContent()).toBe('5 entrees gratis per pasjaar');
    expect(await swims.locator('.offer-venues li').allTextContents()).toEqual(['Sportcentrum Kardinge']);
    await expectAccessible(page);
    await screenshot(page, 'offers');

    await page.goto(`${payer}/aanbod?lang=en`);
    expect(await textOf(page, 'h1')).toBe('On offer');
    expect(
      await page
        .locator('article.offer[aria-labelledby="offer-child-sports"]')
        .locator('.offer-gives')
        .textContent(),
    ).toBe('A budget of €150.00 per pass year');
    await expectAccessible(page);
    await page.close();
  });

  test('when someone opens a page, then it speaks Dutch; the switch turns it English and the next page stays English', async () => {
    const context = await browser.newContext({ viewport: { width: 412, height: 915 } });
    const page = await context.newPage();
    await page.goto(`${municipality}/pass`);
    expect(await languageOf(page)).toBe('nl');
    expect(await textOf(page, 'h1')).toBe('Mijn pas');
    expect(await page.getByRole('button', { name: 'Pas controleren' }).count()).toBe(1);
    await expectAccessible(page);

    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(`${municipality}/pass?lang=en`);
    expect(await languageOf(page)).toBe('en');
    expect(await textOf(page, 'h1')).toBe('My pass');
    await expectAccessible(page);
    await screenshot(page, 'holder-english');

    await page.locator('a.brand').click();
    await page.waitForURL(`${municipality}/`);
    expect(await languageOf(page)).toBe('en');
    expect(await page.locator('main a[href="/pass"]').textContent()).toBe('My pass');
    await page.getByRole('link', { name: 'Nederlands' }).click();
    await page.waitForURL(`${municipality}/?lang=nl`);
    expect(await languageOf(page)).toBe('nl');
    expect(await page.locator('main a[href="/pass"]').textContent()).toBe('Mijn pas');
    await context.close();
  });

  test('when the key is wrong, then sign-in refuses it; when right, the session is a cookie and no address holds the key', async () => {
    await desk.goto(`${municipality}/admin`);
    expect(desk.url()).toBe(`${municipality}/sign-in?next=%2Fadmin`);
    expect(await languageOf(desk)).toBe('nl');
    await expectAccessible(desk);
    await desk.getByLabel('API-sleutel').fill('spk_not-a-key');
    await desk.getByRole('button', { name: 'Aanmelden' }).click();
    expect(await textOf(desk, '.refusal')).toBe('Onbekende API-sleutel.');
    await screenshot(desk, 'sign-in');

    await signIn(desk, municipality, keyOf('gemeente-admin'), '/admin');
    const cookies = await desk.context().cookies(municipality);
    expect(cookies).toEqual([
      expect.objectContaining({
        name: '__Host-stadspas_session',
        httpOnly: true,
        secure: true,
        sameSite: 'Strict',
      }),
    ]);
    expect(cookies[0]?.value).not.toContain(keyOf('gemeente-admin'));
    expect(desk.url()).not.toContain(keyOf('gemeente-admin'));

    // The desk is checked in Dutch once, then works in English from here on.
    expect(await textOf(desk, 'h2#issue-title')).toBe('Pas uitgeven');
    await expectAccessible(desk);
    await desk.getByRole('link', { name: 'English' }).click();
    await desk.waitForURL(`${municipality}/admin?lang=en`);
    expect(await languageOf(desk)).toBe('en');
  });

  test('when the desk issues a pass, then its card prints with the QR code and the signed payload', async () => {
    await desk.goto(`${municipality}/admin`);
    await desk.getByLabel('Card number (empty: a new one)').fill(cardA);
    await desk.getByLabel('Valid from').first().fill(today);
    await desk.getByLabel('Valid until').first().fill(nextYear);
    await desk.getByLabel('Name of the holder').fill('Fenna Smit');
    await desk.getByLabel('BSN').fill('111222333');
    await desk.getByLabel('Date of birth').fill('1991-05-17');
    await desk.getByLabel('Address').fill('Oosterstraat 12, 9711 NV Groningen');
    await desk.getByRole('button', { name: 'Issue', exact: true }).click();
    const issued = /^Card (\w+) issued \(pass (P-[0-9A-F]{16})\)\./.exec(
      await textOf(desk, '#issue-result .done'),
    );
    expect(issued?.[1]).toBe(cardA);
    passA = issued?.[2] ?? '';
    await expectAccessible(desk);
    await screenshot(desk, 'admin');

    await desk.getByRole('link', { name: `Print card ${cardA}` }).click();
    await desk.waitForURL(`${municipality}/admin/cards/${passA}`);
    expect(await textOf(desk, '.pass-card-number')).toBe(cardA);
    qrA = (await textOf(desk, '#card-code')).trim();
    expect(qrA).toMatch(/^SP1\./);
    const image = desk.getByRole('img', { name: `QR code of pass ${passA}` });
    await image.waitFor();
    expect(await image.evaluate((img: { naturalWidth: number }) => img.naturalWidth)).toBeGreaterThan(0);
    await expectAccessible(desk);
    await screenshot(desk, 'card');
  });

  test('when the desk uploads a CSV file, then each line gets its own result, and a card can be blocked', async () => {
    const csv = join(work, 'batch.csv');
    await writeFile(
      csv,
      [
        'passId,category,validFrom,validUntil,name,bsn,dateOfBirth,address',
        `${passB},adult,${today},${nextYear},Joost Bakker,123456782,1980-01-02,"Vismarkt 1, Groningen"`,
        `${passC},child,${today},${nextYear},Sanne Bakker,123456789,2015-03-04,"Vismarkt 1, Groningen"`,
        `${passA},adult,${today},${nextYear},Someone Else,234567892,1970-05-06,Elsewhere 2`,
      ].join('\n'),
    );
    await desk.goto(`${municipality}/admin`);
    await desk.getByLabel('CSV file', { exact: true }).setInputFiles(csv);
    await desk.getByRole('button', { name: 'Issue the batch' }).click();
    await desk.locator('#batch-result tbody tr').nth(2).waitFor();
    expect(await textOf(desk, '#batch-result tr[data-line="2"] td:last-child')).toContain('issued');
    expect(await textOf(desk, '#batch-result tr[data-line="3"] td:last-child')).toMatch(
      /^Not filled in correctly: .*fails the eleven test/,
    );
    expect(await textOf(desk, '#batch-result tr[data-line="4"] td:last-child')).toBe(
      'That number or name exists already.',
    );
    await screenshot(desk, 'admin-batch');

    qrB = await cardCode(desk, passB);
    await desk.goto(`${municipality}/admin`);
    await desk.getByLabel('Card number or pass id').fill(passB);
    await desk.getByLabel('Reason (to block)').fill('reported lost');
    await desk.getByRole('button', { name: 'Block', exact: true }).click();
    expect(await textOf(desk, '#pass-result .status')).toBe(`Pass ${passB}: blocked (reported lost)`);
  });

  test('when the desk carries passes over from a JSON Lines file, then each batch says what came over; a line that is no JSON is named; the council page shows its figures', async () => {
    const carried = (n: number, bsn: string): object => ({
      passId: `SP-M${run}${String(n)}`,
      category: 'child',
      validFrom: `${today}T00:00:00.000Z`,
      validUntil: `${nextYear}T00:00:00.000Z`,
      holderRef: `holder-m${run.toLowerCase()}${String(n)}`,
      holder: {
        salt: randomBytes(16).toString('hex'),
        cardNumber: `7${String(parseInt(run, 16)).padStart(10, '0')}${String(n)}`,
        personalData: {
          name: `Kind ${String(n)}`,
          bsn,
          dateOfBirth: '2016-02-03',
          address: 'Vismarkt 1, Groningen',
        },
      },
      openingBalances: [{ offerId: 'child-sports', periodKey: today.slice(0, 4), granted: 0, used: 2500 }],
    });
    const good = join(work, 'import.jsonl');
    const bad = join(work, 'import-bad.jsonl');
    await writeFile(
      good,
      `${JSON.stringify(carried(1, '123456782'))}\n${JSON.stringify(carried(2, '234567892'))}\n`,
    );
    await writeFile(bad, `${JSON.stringify(carried(3, '123456782'))}\nnot json\n`);
    await desk.goto(`${municipality}/admin`);

    await desk.locator('#import-file').setInputFiles(bad);
    await desk.locator('#import-form button[type="submit"]').click();
    expect(await textOf(desk, '#import-result tbody tr td:last-child')).toMatch(/ 2$/);
    await desk.locator('#import-file').setInputFiles(good);
    await desk.locator('#import-form button[type="submit"]').click();
    await desk.locator('#import-result tbody tr td:last-child .done').waitFor();

    expect(await textOf(desk, '#import-result tbody tr td:first-child')).toBe('1–2');
    expect(await textOf(desk, '#import-result tbody tr td:last-child')).toMatch(/^2 .* 2$/);
    await expectAccessible(desk);
    const pass = await restClient<{ importedAt?: string; vouchers?: { offerId: string; used: number }[] }>(
      clients,
      'gemeente-admin',
    ).get(`/passes/SP-M${run}1`);
    expect(pass.body.importedAt).toBeDefined();
    expect(pass.body.vouchers?.find((v) => v.offerId === 'child-sports')?.used).toBe(2500);
    expect((await gemeente.get(`/passes/SP-M${run}3`)).status).toBe(404);

    await desk.goto(`${municipality}/reports/council`);
    await desk.locator('#reach').waitFor();
    expect(await desk.locator('section').count()).toBe(3);
    await expectAccessible(desk);
    await screenshot(desk, 'council');
  });

  test('when the desk renews and replaces a pass, then the new card carries on; venues and a tiered discount offer are managed on the page', async () => {
    const issued = await gemeente.post('/passes', {
      passId: passD,
      category: 'adult',
      validFrom: `${today}T00:00:00Z`,
      validUntil: `${nextYear}T00:00:00Z`,
      personalData: {
        name: 'Kees Dijkstra',
        bsn: '234567892',
        dateOfBirth: '1960-07-08',
        address: 'Zuiderdiep 3, Groningen',
      },
    });
    expect(issued.status).toBe(201);
    await desk.goto(`${municipality}/admin`);
    const passNumber = desk.getByLabel('Card number or pass id');
    await passNumber.fill(passD);
    await desk.getByLabel('New end date (to renew)').fill(`${String(new Date().getUTCFullYear() + 2)}-06-30`);
    await desk.getByRole('button', { name: 'Renew', exact: true }).click();
    expect(await textOf(desk, '#pass-result p:nth-child(2)')).toContain(
      `until 30 June ${String(new Date().getUTCFullYear() + 2)}`,
    );
    await desk.getByLabel('New pass number (to replace)').fill(passE);
    await desk.getByRole('button', { name: 'Replace', exact: true }).click();
    expect(await textOf(desk, '#pass-result .status')).toBe(`Pass ${passE}: active`);
    expect((await gemeente.get(`/passes/${passD}`)).body.status).toBe('replaced');

    await desk.getByLabel('Venue id').fill(venueId);
    await desk.getByLabel('Name', { exact: true }).nth(1).fill('Bibliotheek Centrum');
    await desk.getByLabel('Kind', { exact: true }).nth(1).fill('library');
    await desk.getByRole('button', { name: 'Register venue' }).click();
    expect(await textOf(desk, '#venue-result')).toBe(`Venue ${venueId} registered.`);
    await desk.getByLabel(`Reason to suspend ${venueId}`).fill('renovation');
    await desk.getByRole('button', { name: `Suspend ${venueId}` }).click();
    await desk.getByRole('button', { name: `Reinstate ${venueId}` }).waitFor();
    // The municipality suspends the venue for its own passes; the venue's status as a whole is its own organisation's.
    expect((await gemeente.get(`/venues/${venueId}`)).body).toMatchObject({
      status: 'active',
      suspendedFor: [{ mspId: 'GemeenteMSP', reason: 'renovation' }],
    });
    await desk.getByRole('button', { name: `Reinstate ${venueId}` }).click();
    await desk.getByRole('button', { name: `Suspend ${venueId}` }).waitFor();
    expect((await gemeente.get(`/venues/${venueId}`)).body).not.toHaveProperty('suspendedFor');

    const tiered = `${venueId}-2-free`;
    await desk.locator('#offer-offerId').fill(tiered);
    await desk.locator('#offer-name').fill('Two free, then half price');
    await desk.locator('#offer-kind').selectOption('discount');
    await desk.locator('#offer-amount').fill('50');
    await desk.locator('#offer-ceiling').fill('20');
    await desk.locator('#offer-discountBudget').fill('100');
    await desk.locator('#offer-tiers').fill('2:100');
    await desk.locator('#offer-venues').fill(venueId);
    await desk.locator('#offer-reimbursement').fill('50');
    await desk.locator('#offer-validFrom').fill(today);
    await desk.locator('#offer-validUntil').fill(nextYear);
    await desk.getByRole('button', { name: 'Create offer' }).click();
    expect(await textOf(desk, '#offer-result')).toBe(`Offer ${tiered} created.`);
    const offer = await restClient<{ discountTiers?: unknown; maxAmountCentsPerBooking?: number }>(
      clients,
      'gemeente-admin',
    ).get(`/offers/${tiered}`);
    expect(offer.body).toMatchObject({
      discountTiers: [{ bookings: 2, discountPercent: 100 }],
      maxAmountCentsPerBooking: 2000,
    });
    await screenshot(desk, 'admin-manage');
  });

  describe('at the venue', () => {
    let scannerBrowser: Browser;
    let scannerContext: BrowserContext;
    let scanner: Page;

    beforeAll(async () => {
      scannerBrowser = await launchBrowser({ cameraVideo: await qrCameraVideo(qrA, join(work, 'card.y4m')) });
      scannerContext = await scannerBrowser.newContext({
        viewport: { width: 412, height: 915 },
        isMobile: true,
        // What its `request` sends below goes from the test itself, not the browser, which trusts the gateways.
        ignoreHTTPSErrors: true,
      });
      scanner = await scannerContext.newPage();
      await signIn(scanner, venues, keyOf('zwembad-kardinge'), '/scanner');
    });

    afterAll(async () => {
      await scannerBrowser.close();
    });

    const bookingsOfA = async (): Promise<NonNullable<Body['items']>> =>
      (await gemeente.get(`/redemptions?passId=${passA}`)).body.items ?? [];

    test('when the camera reads the card and the cashier taps twice, then it books once', async () => {
      expect(await languageOf(scanner)).toBe('nl');
      await scanner.getByRole('button', { name: 'Scannen met de camera' }).click();
      expect(await textOf(scanner, '#scan-result .status')).toBe(`Pas ${passA}: Actief`);
      const book = scanner.locator('button[data-offer="swim-5"]');
      await book.dblclick();
      expect(await textOf(scanner, '#scan-result .done')).toMatch(/^Geboekt\. Nog over: 4 entrees\.$/);
      expect((await bookingsOfA()).filter((r) => r.type === 'redemption')).toHaveLength(1);
      await scanner.locator('#bookings tbody tr', { hasText: passA }).waitFor();
      await expectAccessible(scanner);
      await screenshot(scanner, 'scanner');
      await screenshot(scanner, 'scanner-phone', false);
    });

    test('when a blocked or a forged card is presented, then the scanner says so in plain Dutch words', async () => {
      await scanner.getByLabel('Of plak of typ de code van de pas').fill(qrB);
      await scanner.getByRole('button', { name: 'Pas controleren' }).click();
      expect(await textOf(scanner, '#scan-result .status')).toBe(
        `Pas ${passB}: Geblokkeerd: deze pas is geblokkeerd (bijvoorbeeld als verloren gemeld). Niet aannemen.`,
      );
      expect(await scanner.locator('#scan-result button').count()).toBe(0);
      await screenshot(scanner, 'scanner-blocked');

      const [tag, , signature] = qrA.split('.');
      const claims = Buffer.from(JSON.stringify({ passId: passC, keyId: 'qr-0000000000000000' })).toString(
        'base64url',
      );
      await scanner.locator('#qr').fill(`${tag ?? ''}.${claims}.${signature ?? ''}`);
      await scanner.locator('#check-card').click();
      expect(await textOf(scanner, '#scan-result .refusal')).toBe(
        'Geen echte pas: de code is vervalst, beschadigd of niet helemaal overgenomen.',
      );
    });

    test('when the cashier reverses today’s booking, then it is reversed on the ledger', async () => {
      const row = scanner.locator('#bookings tbody tr', { hasText: passA });
      await row.getByRole('button', { name: 'Terugboeken' }).click();
      await row.getByText('teruggeboekt').waitFor();
      const [booked] = (await bookingsOfA()).filter((r) => r.type === 'redemption');
      expect(booked?.reversedBy).toBeDefined();
    });

    test('when a write comes with the session cookie but not from the page, then it is refused', async () => {
      const apiUrl = `${venues}/api/v1/redemptions`;
      const data = { qr: qrA, offerId: 'swim-5', quantity: 1 };
      const plain = await scannerContext.request.post(apiUrl, {
        data,
        headers: { 'Idempotency-Key': `x-${run}` },
      });
      expect(plain.status()).toBe(403);
      const elsewhere = await scannerContext.request.post(apiUrl, {
        data,
        headers: { 'Idempotency-Key': `y-${run}`, 'X-Stadspas-Page': '1', Origin: 'http://evil.example' },
      });
      expect(elsewhere.status()).toBe(403);
      const read = await scannerContext.request.get(`${venues}/api/v1/claims`);
      expect(read.status()).toBe(200);
      expect((await bookingsOfA()).filter((r) => r.type === 'redemption')).toHaveLength(1);
    });

    test('when the venue books again and claims, then the municipality approves and SVB pays on their pages', async () => {
      await scanner.locator('#qr').fill(qrA);
      await scanner.locator('#check-card').click();
      await scanner.locator('button[data-offer="swim-5"]').click();
      expect(await textOf(scanner, '#scan-result .done')).toBe('Geboekt. Nog over: 4 entrees.');

      await scanner.locator('#claimId').fill(claimId);
      await scanner.locator('#periodFrom').fill(today);
      await scanner.locator('#periodTo').fill(today);
      await scanner.locator('#claim-form button[type="submit"]').click();
      expect(await textOf(scanner, '#claim-result')).toMatch(
        new RegExp(`^Declaratie ${claimId} ingediend: \\d+ boekingen`),
      );
      await screenshot(scanner, 'scanner-claim');

      await desk.goto(`${municipality}/admin`);
      await desk.locator(`button[data-approve="${claimId}"]`).click();
      expect(await textOf(desk, '#claims-message')).toBe(`Claim ${claimId}: approved.`);

      const svb = await (await browser.newContext()).newPage();
      await signIn(svb, payer, keyOf('svb-payer'), '/payments');
      // The SEPA file the page offers pays the claim to the venue's account, and the schema accepts it.
      expect(await textOf(svb, '#batch-summary')).toMatch(
        /^\d+ declaraties, samen €\s.*, van rekening NL20INGB0001234567/,
      );
      // Fetched as the link would be, in the signed-in page.
      const xml = await svb.evaluate<string>(
        "fetch(document.getElementById('batch-download').href).then((res) => res.text())",
      );
      expect(await validateAgainst('pain.001.001.03', xml)).toEqual([]);
      const transfer = readPaymentOrder(xml).transfers.find((t) => t.endToEndId === claimId);
      expect(transfer?.creditorIban).toBe('NL39RABO0300065264');
      // A statement line that paid another amount is listed and records nothing; the claim stays to pay.
      const statement = bankStatement('NL20INGB0001234567', today, [
        { endToEndId: claimId, amount: '0.01', direction: 'DBIT', reference: `BANK-${run}` },
      ]);
      await svb.locator('#statement-file').setInputFiles({
        name: 'afschrift.xml',
        mimeType: 'application/xml',
        buffer: Buffer.from(statement),
      });
      await svb.locator('#statement-form button[type="submit"]').click();
      expect(await textOf(svb, '#statement-message')).toBe(
        'Ingelezen: 0 als betaald vastgelegd, 1 zonder gevolg.',
      );
      expect(await textOf(svb, '#statement-lines tr[data-outcome="amount-mismatch"] td:last-child')).toMatch(
        /^Ander bedrag dan de declaratie \(€\s.*\): niets vastgelegd\.$/,
      );
      const form = svb.locator(`form[data-claim="${claimId}"]`);
      await form.getByLabel('Betalingskenmerk').fill(`SVB-${run}`);
      await expectAccessible(svb);
      await screenshot(svb, 'payments');
      await form.getByRole('button', { name: 'Betaling vastleggen' }).click();
      expect(await textOf(svb, '#payments-message')).toBe(`Betaling van declaratie ${claimId} vastgelegd.`);
      const claim = await gemeente.get(`/claims/${claimId}`);
      expect(claim.body).toEqual(expect.objectContaining({ status: 'paid', paymentReference: `SVB-${run}` }));
      await svb.close();
    });
    test('when the voucher is used up, or the card is shown at a venue that takes none of it, then the scanner says so', async () => {
      await scanner.locator('#qr').fill(qrA);
      await scanner.locator('#check-card').click();
      const book = scanner.locator('button[data-offer="swim-5"]');
      for (const left of ['3 entrees', '2 entrees', '1 entree', '0 entrees']) {
        await book.click();
        await scanner.locator('#scan-result .done', { hasText: `Nog over: ${left}.` }).waitFor();
      }
      await book.click();
      expect(await textOf(scanner, '#scan-result .refusal')).toBe(
        'Op: er staat niet genoeg meer op dit tegoed.',
      );
      await screenshot(scanner, 'scanner-used-up');

      const club = await scannerContext.browser()?.newContext();
      const clubPage = await club?.newPage();
      if (clubPage === undefined) {
        throw new Error('no browser context');
      }
      await signIn(clubPage, venues, keyOf('sportclub-helpman'), '/scanner');
      await clubPage.locator('#qr').fill(qrA);
      await clubPage.locator('#check-card').click();
      expect(await textOf(clubPage, '#scan-result .refusal')).toBe(
        'Niet hier: niets op deze pas kan op deze locatie worden gebruikt.',
      );
      await club?.close();
    });
  });

  test('when a resident enters their card’s code, then they see their own pass and no other', async () => {
    const holder = await (
      await browser.newContext({ viewport: { width: 412, height: 915 }, ignoreHTTPSErrors: true })
    ).newPage();
    await holder.goto(`${municipality}/pass`);
    await expectAccessible(holder);
    await holder.getByLabel('Of plak of typ de code van de pas').fill(qrA);
    await holder.getByRole('button', { name: 'Pas controleren' }).click();
    expect(await textOf(holder, '#holder-pass h2')).toBe(`Pas ${passA}`);
    expect(await textOf(holder, '#holder-pass .status')).toBe('Actief: u kunt deze pas gebruiken.');
    const page = (await holder.locator('main').textContent()) ?? '';
    expect(page).toContain('alleen in de app Mijn Stadspas');
    expect(page).not.toMatch(/Fenna|111222333|Oosterstraat|holder|houder|Kardinge/i);
    expect(holder.url()).toBe(`${municipality}/pass`);
    await expectAccessible(holder);
    await screenshot(holder, 'holder');

    const [tag, , signature] = qrA.split('.');
    const keyId = (
      JSON.parse(Buffer.from(qrA.split('.')[1] ?? '', 'base64url').toString()) as { keyId: string }
    ).keyId;
    const otherClaims = Buffer.from(JSON.stringify({ passId: passB, keyId })).toString('base64url');
    await holder.locator('#qr').fill(`${tag ?? ''}.${otherClaims}.${signature ?? ''}`);
    await holder.locator('#check-card').click();
    expect(await textOf(holder, '.refusal')).toBe(
      'Geen echte pas: de code is vervalst, beschadigd of niet helemaal overgenomen.',
    );
    expect(await holder.locator('#holder-pass').count()).toBe(0);
    expect((await holder.request.get(`${municipality}/api/v1/passes/${passB}`)).status()).toBe(401);
    await holder.close();
  });

  test('when a resident links their phone at a partner’s gateway, then its rotating code books, a code of two minutes ago is refused, and offline it still shows its code and last balances', async () => {
    const letter = await gemeente.post(`/passes/${passA}/link-letter`, {});
    expect(letter.status).toBe(201);
    const linkCode = letter.body.linkCode ?? '';
    const context = await browser.newContext({
      viewport: { width: 412, height: 915 },
      ignoreHTTPSErrors: true,
    });
    const app = await context.newPage();
    app.on('dialog', (dialog) => void dialog.accept());
    await app.goto(`${venues}/mijn/`);
    await app.locator('#app-link').waitFor();
    await expectAccessible(app);
    await app.getByLabel('Of plak of typ de code van de pas').fill(qrA);
    await app
      .getByLabel('Koppelcode uit de brief bij uw pas')
      .fill(linkCode.toLowerCase().replace(/-/g, ' '));
    await app.getByRole('button', { name: 'Koppel deze telefoon' }).click();
    await app.locator('#app-pass').waitFor();
    expect(await textOf(app, '#app-pass-title')).toBe(`Pas ${passA}`);
    await app.locator('#app-uses tr', { hasText: 'Sportcentrum Kardinge' }).first().waitFor();
    await expectAccessible(app);
    await screenshot(app, 'app', false);

    const kardinge = restClient<Body>(clients, 'zwembad-kardinge');
    // Pass A's swims may be used up by the venue's tests: the municipality grants one more for the app to book.
    const granted = await gemeente.post(
      `/passes/${passA}/vouchers`,
      { offerId: 'swim-5', amount: 1 },
      { 'Idempotency-Key': `app-grant-${run}` },
    );
    expect(granted.status).toBe(201);
    const shown = (await app.locator('#app-code').getAttribute('data-code')) ?? '';
    expect(shown).toMatch(/^SP2\./);
    const started = Date.now();
    const booked = await kardinge.post(
      '/redemptions',
      { qr: shown, offerId: 'swim-5' },
      { 'Idempotency-Key': `app-${run}` },
    );
    process.stdout.write(`app code shown to booked (online): ${String(Date.now() - started)} ms\n`);
    expect(booked.body).toMatchObject({ redemption: { passId: passA, presented: 'app' } });
    expect(booked.status).toBe(201);

    // Without a connection the app opens from its service worker, shows its code and says how old its balances are.
    await app.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await context.setOffline(true);
    await app.reload();
    await app.locator('#app-pass').waitFor();
    expect(await app.locator('#app-code').getAttribute('data-code')).toMatch(/^SP2\./);
    expect(await textOf(app, '#pass-freshness')).toMatch(
      /^Geen verbinding\. Dit is het tegoed van \d\d:\d\d/,
    );
    await screenshot(app, 'app-offline', false);
    await context.setOffline(false);

    // A screenshot of the code taken two minutes ago: the phone's clock set back draws the code it showed then.
    await app.clock.install({ time: new Date(Date.now() - 120_000) });
    await app.reload();
    await app.locator('#app-pass').waitFor();
    const old = (await app.locator('#app-code').getAttribute('data-code')) ?? '';
    expect(old).toMatch(/^SP2\./);
    expect(old).not.toBe(shown);
    const refused = await kardinge.post('/scan', { qr: old });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'INVALID_QR' });
    expect(refused.body.error?.message).toContain('the code expired');
    await context.close();
  });

  test('when the venues’ admin sets a venue’s IBAN on the Venues page, then a wrong check digit is refused and the right account is kept on the ledger', async () => {
    // The venue the desk registered in this run: it has no account yet, however often the suite ran before.
    const admin = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(admin, venues, keyOf('venues-admin'), '/venues');
    const form = admin.locator(`form[data-venue="${venueId}"]`);
    await form.waitFor();
    expect(
      await textOf(admin, `#own-venues tbody tr:has(form[data-venue="${venueId}"]) td:nth-child(2)`),
    ).toBe('Nog geen rekening: declaraties worden niet overgemaakt.');

    await form.getByLabel('IBAN').fill('NL17 INGB 0007 6543 21');
    await form.getByRole('button', { name: 'Rekening opslaan' }).click();
    expect(await textOf(admin, '#venues-message')).toMatch(/^Niet goed ingevuld: .*iban/);
    await form.getByLabel('IBAN').fill('nl36 ingb 0007 6543 21');
    await form.getByLabel('Ten name van').fill('Bibliotheek Centrum');
    await form.getByRole('button', { name: 'Rekening opslaan' }).click();

    await admin
      .locator('#venues-message', { hasText: 'Bankrekening van Bibliotheek Centrum opgeslagen.' })
      .waitFor();
    await expectAccessible(admin);
    await screenshot(admin, 'venues');
    const venue = await restClient<{ bankAccount?: unknown }>(clients, 'venues-admin').get(
      `/venues/${venueId}`,
    );
    expect(venue.body.bankAccount).toMatchObject({
      iban: 'NL36INGB0007654321',
      accountHolder: 'Bibliotheek Centrum',
    });
    await admin.close();
  });

  test('when an organisation’s admin opens the Clients page, then it lists the clients and webhooks, and revokes a client with a button', async () => {
    const name = `pages-clerk-${run.toLowerCase()}`;
    const onboarded = await restClient<{ apiKey?: string }>(clients, 'venues-admin').post('/clients', {
      name,
      role: 'venue',
      venueId: 'zwembad-kardinge',
    });
    expect(onboarded.status).toBe(201);
    const admin = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    admin.on('dialog', (dialog) => void dialog.accept());
    await signIn(admin, venues, keyOf('venues-admin'), '/clients');

    const row = admin.locator(`#clients tr[data-client="${name}"]`);
    await row.waitFor();
    expect(await textOf(admin, '#clients tr[data-client="venues-admin"]')).toContain('u zelf');
    await expectAccessible(admin);
    await screenshot(admin, 'clients');
    await row.getByRole('button', { name: 'Intrekken' }).click();

    await admin.locator('#clients-message', { hasText: `${name} is ingetrokken` }).waitFor();
    await admin.locator(`#clients tr[data-client="${name}"]`).waitFor({ state: 'detached' });
    const clerk = restClient<unknown>(
      { ...clients, clients: [{ name, org: 'venues', role: 'venue', apiKey: onboarded.body.apiKey ?? '' }] },
      name,
    );
    expect((await clerk.get('/offers')).status).toBe(401);
    expect(await admin.locator('#webhooks').count()).toBe(1);
    await admin.close();
  });
});
