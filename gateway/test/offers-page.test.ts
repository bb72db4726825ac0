import type { VenueRecord } from '@stadspas/chaincode/vocabulary';
import { makeOffer } from './support/records';
import { regionScheme } from './support/schemes';
import { buildTestApp, type TestApp } from './support/test-app';

const day = 86_400_000;
const iso = (offsetDays: number): string => new Date(Date.now() + offsetDays * day).toISOString();

const pool: VenueRecord = {
  venueId: 'zwembad-kardinge',
  name: 'Sportcentrum Kardinge',
  kind: 'swimming-pool',
  mspId: 'VenuesMSP',
  status: 'active',
  registeredAt: iso(-30),
  updatedAt: iso(-30),
};

/** A venues organisation's gateway whose peer knows one current offer of each kind, and three it must not show. */
function offersWorld(): TestApp {
  const app = buildTestApp({ roles: ['venues'] });
  const current = { validFrom: iso(-1), validUntil: iso(30) };
  app.ledger.on('offers:ListOffers', () => [
    makeOffer({ offerId: 'swim-5', name: 'Zwemmen', ...current }),
    makeOffer({
      offerId: 'sports',
      name: 'Sportbudget',
      kind: 'budget',
      entriesPerPeriod: undefined,
      budgetCentsPerPeriod: 15_000,
      eligibleCategories: ['child'],
      funderMspId: 'SVBMSP',
      ...current,
    }),
    makeOffer({
      offerId: 'museum',
      name: 'Museumkorting',
      kind: 'discount',
      entriesPerPeriod: undefined,
      discountPercent: 50,
      maxAmountCentsPerBooking: 5_000,
      discountCentsPerPeriod: 10_000,
      eligibleVenueIds: ['zwembad-kardinge', 'gone-venue'],
      ...current,
    }),
    makeOffer({ offerId: 'retired', name: 'Retired offer', status: 'retired', ...current }),
    makeOffer({ offerId: 'past', name: 'Past offer', validFrom: iso(-60), validUntil: iso(-30) }),
    makeOffer({ offerId: 'future', name: 'Future offer', validFrom: iso(10), validUntil: iso(40) }),
  ]);
  app.ledger.on('venues:ListVenues', () => [pool]);
  app.ledger.on('scheme:GetScheme', () => regionScheme);
  return app;
}

/** A page's text with the non-breaking spaces amounts are written with as plain ones. */
const plain = (text: string): string => text.replace(/\u00a0/g, ' ');

/** The offers' headings on the page, in order. */
function headings(text: string): string[] {
  return [...text.matchAll(/<h2 id="offer-[^"]+">([^<]*)<\/h2>/g)].map((m) => m[1] ?? '');
}

describe('GET /aanbod', () => {
  it('when anyone opens it on a partner’s gateway, then it lists the current offers with what each gives, where and who pays', async () => {
    const app = offersWorld();
    const { http, ledger } = app;

    const page = await http.get('/aanbod');

    expect(page.status).toBe(200);
    expect(headings(page.text)).toEqual(['Museumkorting', 'Sportbudget', 'Zwemmen']);
    expect(plain(page.text)).toContain('50% korting, op een bedrag tot € 50,00 per keer');
    expect(plain(page.text)).toContain('Een budget van € 150,00 per pasjaar');
    expect(page.text).toContain('5 entrees gratis per pasjaar');
    expect(page.text).toContain('Voor: kinderen');
    expect(page.text).toContain('<li>Sportcentrum Kardinge</li>');
    expect(page.text).toContain('betaald door SVB');
    expect(page.text).not.toContain('gone-venue');
    expect(new Set(ledger.calls.map((call) => call.identity))).toEqual(new Set([app.deps.serviceIdentity]));
  });

  it('when it is asked for in English, then it speaks English', async () => {
    const { http } = offersWorld();

    const page = await http.get('/aanbod?lang=en');

    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="en"');
    expect(page.text).toContain('A budget of €150.00 per pass year');
    expect(page.text).toContain('For: children');
  });

  it('when the peer cannot be reached, then the page says so in plain words', async () => {
    const { http, ledger } = offersWorld();
    ledger.unavailable = true;

    const page = await http.get('/aanbod');

    expect(page.status).toBe(503);
    expect(headings(page.text)).toEqual([]);
  });
});
