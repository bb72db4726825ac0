import type { Response } from 'supertest';
import { ERROR_CODES } from '@stadspas/chaincode/vocabulary';
import { gatewayErrorCodes } from '../src/errors/app-error';
import { refusalText } from '../src/pages/refusal-words';
import { catalogues, fill, languages, wordsFor } from '../src/pages/words';
import { renderCouncilPage, renderReportPage } from '../src/reports/report-page';
import { buildTestApp } from './support/test-app';

/** The `{name}` placeholders of a message, sorted. */
const placeholders = (message: string): string[] =>
  [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

/** The language cookie an answer set, as a browser sends it back. */
function languageCookieOf(res: Response): string {
  const setCookie = (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
  const cookie = setCookie.find((c) => c.startsWith('stadspas_lang='))?.split(';')[0];
  if (cookie === undefined) {
    throw new Error('no language cookie set');
  }
  return cookie;
}

describe('the pages’ words', () => {
  it('when the catalogues are compared, then every language has exactly the same keys and placeholders', () => {
    const dutch = catalogues.nl;
    for (const lang of languages) {
      const messages = catalogues[lang];
      expect(Object.keys(messages).sort()).toEqual(Object.keys(dutch).sort());
      for (const [key, message] of Object.entries(messages)) {
        expect([key, placeholders(message)]).toEqual([key, placeholders(dutch[key as keyof typeof dutch])]);
        expect([key, message.trim() === '']).toEqual([key, false]);
      }
    }
  });

  it('when any code of the API refuses a call, then the pages have their own words for it in every language', () => {
    const missing = [...ERROR_CODES, ...gatewayErrorCodes].filter(
      (code) => !(`refusal.${code}` in catalogues.nl),
    );

    expect(missing).toEqual([]);
  });

  it('when a refusal depends on its particulars, then the words carry the API’s message and others do not', () => {
    const detail = 'entriesPerPeriod: Too big: expected number to be <=1000';
    const dutch = wordsFor('nl');

    expect(refusalText(dutch, 'INVALID_ARGUMENT', detail)).toBe(`Niet goed ingevuld: ${detail}`);
    expect(refusalText(dutch, 'PASS_BLOCKED', 'pass SP-1 is blocked')).toBe(
      catalogues.nl['refusal.PASS_BLOCKED'],
    );
    expect(refusalText(dutch, 'NOT_A_CODE', 'as the API says it')).toBe('as the API says it');
  });

  it('when a message has placeholders, then fill puts the values in and leaves unknown ones', () => {
    expect(fill('Pas {passId}: {status}', { passId: 'SP-1', status: 'actief' })).toBe('Pas SP-1: actief');
    expect(fill('{n} entrees')).toBe('{n} entrees');
  });

  it('when amounts and dates are written, then they follow the language’s locale', () => {
    const nl = wordsFor('nl');
    const en = wordsFor('en');

    expect(nl.amount(1250, 'cents').replace(/\s/g, ' ')).toBe('€ 12,50');
    expect(en.amount(1250, 'cents')).toBe('€12.50');
    expect(nl.amount(1, 'entries')).toBe('1 entree');
    expect(nl.amount(4, 'entries')).toBe('4 entrees');
    expect(en.amount(1, 'entries')).toBe('1 entry');
    expect(en.amount(0, 'entries')).toBe('0 entries');
    expect(nl.date('2026-07-01T10:00:00Z')).toBe('1 juli 2026');
    expect(nl.lastDay('2027-01-01T00:00:00Z')).toBe('31 december 2026');
    expect(en.lastDay('2027-01-01T00:00:00Z')).toBe('31 December 2026');
  });
});

describe('the pages’ language', () => {
  it('when nobody picked a language, then a page speaks Dutch, even to a browser that prefers English', async () => {
    const app = buildTestApp();

    const res = await app.http.get('/pass').set('Accept-Language', 'en-GB,en;q=0.9');

    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="nl">');
    expect(res.text).toContain('<h1>Mijn pas</h1>');
    expect(res.text).toMatch(/href="\/pass\?lang=en"\s+lang="en"\s+hreflang="en"\s*>English</);
    expect(res.text).toContain('<script src="/assets/words-nl.js" defer></script>');
    expect(res.headers['content-language']).toBe('nl');
  });

  it('when English is picked, then the page speaks English and the next page too, until Dutch is picked', async () => {
    const app = buildTestApp();

    const picked = await app.http.get('/sign-in?next=%2Fscanner&lang=en');
    const cookie = languageCookieOf(picked);
    const next = await app.http.get('/pass').set('Cookie', cookie);
    const back = await app.http.get('/pass?lang=nl').set('Cookie', cookie);

    expect(picked.text).toContain('<html lang="en">');
    expect(picked.text).toContain('<label for="apiKey">API key</label>');
    expect(picked.text).toMatch(/href="\/sign-in\?next=%2Fscanner&amp;lang=nl"\s+lang="nl"/);
    expect(cookie).toBe('stadspas_lang=en');
    expect(next.text).toContain('<html lang="en">');
    expect(next.text).toContain('<h1>My pass</h1>');
    expect(next.text).toContain('/assets/words-en.js');
    expect(back.text).toContain('<html lang="nl">');
    expect(languageCookieOf(back)).toBe('stadspas_lang=nl');
  });

  it('when a language that the pages do not speak is asked for, then the page stays Dutch and nothing is remembered', async () => {
    const app = buildTestApp();

    const res = await app.http.get('/pass?lang=fr');

    expect(res.text).toContain('<html lang="nl">');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('when a page’s script asks for its words, then it gets that language’s whole catalogue', async () => {
    const app = buildTestApp();

    const dutch = await app.http.get('/assets/words-nl.js');
    const english = await app.http.get('/assets/words-en.js');
    const other = await app.http.get('/assets/words-fr.js');

    expect(dutch.headers['content-type']).toMatch(/^text\/javascript/);
    expect(dutch.text).toContain('"locale":"nl-NL"');
    expect(dutch.text).toContain(JSON.stringify(catalogues.nl['refusal.INSUFFICIENT_BALANCE']));
    expect(english.text).toContain(JSON.stringify(catalogues.en['refusal.INSUFFICIENT_BALANCE']));
    expect(other.status).toBe(404);
  });

  it('when a card is refused, then the refusal reads in the page’s language', async () => {
    const app = buildTestApp();

    const dutch = await app.http.post('/pass').type('form').send({ qr: 'SP1.forged.code' });
    const english = await app.http
      .post('/pass')
      .set('Cookie', 'stadspas_lang=en')
      .type('form')
      .send({ qr: 'SP1.forged.code' });

    expect(dutch.status).toBe(400);
    expect(dutch.text).toContain(catalogues.nl['refusal.INVALID_QR']);
    expect(english.text).toContain(catalogues.en['refusal.INVALID_QR']);
  });
});

describe('the report page', () => {
  const row = {
    venueId: 'zwembad-kardinge',
    offerId: 'swim-5',
    month: '2026-11',
    uses: 1200,
    units: 3,
    amountCents: 0,
    reimbursementCents: 1350,
    claimedCents: 1350,
    paidCents: 0,
  };

  it('when it is shown in Dutch or English, then its words, amounts and switch follow the language', () => {
    const dutch = renderReportPage(
      [row],
      { month: '2026-11' },
      {
        words: wordsFor('nl'),
        languageSwitch: '/reports?month=2026-11&lang=en',
      },
    ).replace(/\u00a0/g, ' ');
    const english = renderReportPage(
      [row],
      { month: '2026-11' },
      {
        words: wordsFor('en'),
        languageSwitch: '/reports?month=2026-11&lang=nl',
      },
    );

    expect(dutch).toContain('<html lang="nl">');
    expect(dutch).toContain('<th scope="col">Vergoeding</th>');
    expect(dutch).toContain('<td class="n">€ 13,50</td>');
    expect(dutch).toContain('<td class="n">1.200</td>');
    expect(dutch).toContain('href="/reports?month=2026-11&#38;lang=en" lang="en" hreflang="en">English</a>');
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('<th scope="col">Reimbursement</th>');
    expect(english).toContain('<td class="n">€13.50</td>');
    expect(english).toContain('>Nederlands</a>');
  });
});

describe('the council page', () => {
  it('when it is shown in Dutch, then each figure has its table, euros and percentages in Dutch, and a CSV link', () => {
    const page = renderCouncilPage(
      {
        reach: [
          { month: '2026-11', category: 'adult', activePasses: 1200, passesUsed: 510, reachPercent: 42.5 },
        ],
        'unspent-budget': [],
        'discount-norm': [
          {
            offerId: 'museum',
            offerName: 'Museum <half>',
            bookings: 2,
            fullPriceCents: 3000,
            discountCents: 1300,
            discountPercent: 43.3,
            normPercent: null,
            differencePercent: null,
          },
        ],
      },
      { words: wordsFor('nl'), languageSwitch: '/reports/council?lang=en' },
    ).replace(/\u00a0/g, ' ');

    expect(page).toContain('<h1>Cijfers voor de raad</h1>');
    expect(page).toContain('<td class="n">1.200</td><td class="n">510</td><td class="n">42,5</td>');
    expect(page).toContain('<td colspan="6">Nog niets te tonen</td>');
    expect(page).toContain('<td>Museum &#60;half&#62;</td>');
    expect(page).toContain('<td class="n">€ 30,00</td>');
    expect(page).toContain('<td class="n">43,3</td><td></td><td></td>');
    expect(page).toContain('href="/api/v1/reports/council/unspent-budget?format=csv"');
  });
});
