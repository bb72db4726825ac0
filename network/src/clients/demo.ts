import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NetworkContext } from '../description/context';
import { fetchTrusting, type Fetch } from '../processes/trusted-fetch';
import type { ClientsFile, ProvisionedClient } from './gateways';

/** Calls one gateway as one demo client. */
class DemoClient {
  readonly #url: string;
  readonly #client: ProvisionedClient;
  readonly #fetch: Fetch;

  constructor(clients: ClientsFile, name: string) {
    const client = clients.clients.find((c) => c.name === name);
    const gateway = client ? clients.gateways[client.org] : undefined;
    if (!client || !gateway) {
      throw new Error(`demo client ${name} is not in clients.json`);
    }
    this.#client = client;
    this.#url = `${gateway.url}/api/v1`;
    this.#fetch = fetchTrusting(gateway.ca);
  }

  /** Sends a request; a 409 ALREADY_EXISTS counts as done, so loading twice changes nothing. */
  async send(
    method: 'POST' | 'PUT',
    path: string,
    body: unknown,
    headers: Readonly<Record<string, string>> = {},
  ): Promise<void> {
    const response = await this.#fetch(`${this.#url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.#client.apiKey}`,
        'content-type': 'application/json',
        ...headers,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    if (response.ok) {
      return;
    }
    const text = await response.text();
    if (response.status === 409 && text.includes('ALREADY_EXISTS')) {
      return;
    }
    throw new Error(
      `demo data: ${method} ${path} as ${this.#client.name} answered ${response.status}: ${text}`,
    );
  }
}

function isoDaysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
}

/** A JSON request body as the gateway's API documents it. */
type RequestBody = Readonly<Record<string, unknown>>;

const VENUES = [
  { venueId: 'zwembad-kardinge', name: 'Sportcentrum Kardinge', kind: 'swimming-pool' },
  { venueId: 'groninger-museum', name: 'Groninger Museum', kind: 'museum' },
  { venueId: 'sportclub-helpman', name: 'Sportclub Helpman', kind: 'sports-club' },
];

/** The accounts the venues' organisation gives two of its venues; the sports club has not given one yet. */
const BANK_ACCOUNTS = [
  { venueId: 'zwembad-kardinge', iban: 'NL39RABO0300065264', accountHolder: 'Sportcentrum Kardinge B.V.' },
  { venueId: 'groninger-museum', iban: 'NL16BUNQ2034567890', accountHolder: 'Stichting Groninger Museum' },
];

function offers(validFrom: string, validUntil: string): RequestBody[] {
  const common = { validFrom, validUntil };
  return [
    {
      offerId: 'swim-5',
      name: '5 free swims a year',
      kind: 'entries',
      entriesPerPeriod: 5,
      eligibleVenueIds: ['zwembad-kardinge'],
      eligibleCategories: ['adult', 'child', 'senior'],
      reimbursement: { perUseCents: 450 },
      funderMspId: 'GemeenteMSP',
      grantByRule: true,
      ...common,
    },
    {
      offerId: 'child-sports',
      name: 'Child sports budget',
      kind: 'budget',
      budgetCentsPerPeriod: 15_000,
      eligibleVenueIds: ['sportclub-helpman', 'zwembad-kardinge'],
      eligibleCategories: ['child'],
      reimbursement: { shareBasisPoints: 10_000 },
      funderMspId: 'GemeenteMSP',
      grantByRule: false,
      ...common,
    },
    {
      offerId: 'museum-50',
      name: '50% off at the museum',
      kind: 'discount',
      discountPercent: 50,
      maxAmountCentsPerBooking: 5_000,
      discountCentsPerPeriod: 10_000,
      eligibleVenueIds: ['groninger-museum'],
      eligibleCategories: ['adult', 'child', 'senior'],
      reimbursement: { shareBasisPoints: 5_000 },
      funderMspId: 'GemeenteMSP',
      grantByRule: false,
      ...common,
    },
  ];
}

function passes(validFrom: string, validUntil: string): RequestBody[] {
  // The demo names its passes so the walk-through can refer to them; the desk draws random pseudonyms.
  const pass = (
    passId: string,
    cardNumber: string,
    category: string,
    name: string,
    bsn: string,
    dateOfBirth: string,
  ): RequestBody => ({
    passId,
    cardNumber,
    category,
    validFrom,
    validUntil,
    personalData: { name, bsn, dateOfBirth, address: 'Grote Markt 1, 9711 LV Groningen' },
  });
  return [
    pass('SP-1001', '600100001001', 'adult', 'Anna de Vries', '123456782', '1988-03-14'),
    pass('SP-1002', '600100001002', 'child', 'Daan de Vries', '234567892', '2016-09-02'),
    pass('SP-1003', '600100001003', 'senior', 'Gerrit Bakker', '345678916', '1954-11-30'),
  ];
}

/**
 * Loads the demo story through the gateways (configuration, venues, offers, passes with personal
 * data, a child's budget), once per state folder.
 * @returns whether anything was loaded now.
 */
export async function loadDemoData(ctx: NetworkContext): Promise<boolean> {
  const marker = join(ctx.paths.home, 'demo-data.loaded');
  if (existsSync(marker) || !existsSync(ctx.paths.clientsFile)) {
    return false;
  }
  const clients = JSON.parse(readFileSync(ctx.paths.clientsFile, 'utf8')) as ClientsFile;
  const municipality = new DemoClient(clients, 'gemeente-admin');
  const validFrom = isoDaysFromNow(-1);
  const validUntil = isoDaysFromNow(365);

  ctx.progress('loading demo data: configuration, venues, bank accounts, offers, passes');
  // Counters may book a pass twice a day while offline, settled within three days.
  await municipality.send('PUT', '/config', {
    passYearStart: '01-01',
    reversalWindowSeconds: 900,
    offlineBookingsPerDay: 2,
    offlineWindowSeconds: 3 * 24 * 3600,
  });
  for (const venue of VENUES) {
    await municipality.send('POST', '/venues', { ...venue, mspId: 'VenuesMSP' });
  }
  const venuesAdmin = new DemoClient(clients, 'venues-admin');
  for (const { venueId, ...account } of BANK_ACCOUNTS) {
    await venuesAdmin.send('PUT', `/venues/${venueId}/bank-account`, account);
  }
  for (const offer of offers(validFrom, validUntil)) {
    await municipality.send('POST', '/offers', offer);
  }
  for (const pass of passes(validFrom, validUntil)) {
    await municipality.send('POST', '/passes', pass);
  }
  await municipality.send(
    'POST',
    '/passes/SP-1002/vouchers',
    { offerId: 'child-sports', amount: 15_000 },
    { 'Idempotency-Key': 'demo-child-sports-SP-1002' },
  );
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  return true;
}
