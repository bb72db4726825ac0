/**
 * Venues paid on the ledger's word, on the real network: the venue's own organisation sets where it is paid, SVB
 * downloads the approved claims as one SEPA credit transfer file, the bank's statement marks paid what it paid in
 * full, and a reversal after payment comes back as a negative line on the venue's next claim. Both files are
 * checked against the ISO 20022 schemas; the partners' own Fabric clients cannot bend the rules.
 */
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  enrolledCredentials,
  evaluateJson,
  openGateway,
  submitJson,
  type GatewaySession,
} from '@stadspas/network';
import { bankStatement, readPaymentOrder, type Booking } from './support/bank';
import { validateAgainst } from './support/iso20022';
import { eventually, orgByMsp, testNetwork } from './support/network';
import { issueCard } from './support/passes';
import { refusalOf } from './support/refusal';
import { readClients, restClient, type Answer, type RestClient } from './support/rest-client';

interface Claim {
  readonly claimId: string;
  readonly status: string;
  readonly totalCents: number;
  readonly deductedCents?: number;
  readonly redemptionIds: readonly string[];
  readonly paidCents?: number;
  readonly paymentReference?: string;
  readonly paidOn?: string;
  readonly paidAt?: string;
}

interface Body {
  readonly error?: { readonly code: string; readonly message: string };
  readonly apiKey?: string;
  readonly qr?: string;
  readonly remaining?: number;
  readonly redemption?: {
    readonly redemptionId: string;
    readonly discountCents?: number;
    readonly amountCents?: number;
    readonly paidAtCounterCents?: number;
  };
  readonly bankAccount?: { readonly iban: string; readonly accountHolder: string };
  readonly claims?: readonly {
    readonly claimId: string;
    readonly payable: boolean;
    readonly iban?: string;
  }[];
  readonly lines?: readonly {
    readonly outcome: string;
    readonly claimId?: string;
    readonly claimCents?: number;
  }[];
}

const home = process.env.STADSPAS_HOME ?? resolve(__dirname, '..', '..', '.stadspas');
const clients = readClients(join(home, 'clients.json'));
const as = (name: string): RestClient<Body> => restClient<Body>(clients, name);
const ctx = testNetwork();
const gemeente = orgByMsp(ctx, 'GemeenteMSP');
const svb = orgByMsp(ctx, 'SVBMSP');
const venuesOrg = orgByMsp(ctx, 'VenuesMSP');

const unique = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const venueId = `pay-${unique}`;
const offerId = `pay-swim-${unique}`;
const passId = `PAY-${unique}`;
const claimIds = { first: `pay-${unique}-1`, second: `pay-${unique}-2`, after: `pay-${unique}-3` };
const counterOffers = { budget: `pay-budget-${unique}`, tiered: `pay-museum-${unique}` };
const IBAN = 'NL18TRIO0391234567';
const SVB_IBAN = 'NL20INGB0001234567';
const day = 86_400_000;
const iso = (offsetMs: number): string => new Date(Date.now() + offsetMs).toISOString();
const today = new Date().toISOString().slice(0, 10);

const staff = as('gemeente-staff');
const venuesAdmin = as('venues-admin');
const payer = as('svb-payer');
let cashier: RestClient<Body>;
let qr = '';
let keys = 0;
const booked: string[] = [];
let sessions: { gemeente: GatewaySession; svb: GatewaySession; venues: GatewaySession };

async function book(): Promise<string> {
  const res = await cashier.post(
    '/redemptions',
    { qr, offerId, quantity: 1 },
    { 'Idempotency-Key': `${unique}-${String(++keys)}` },
  );
  expect(res.status).toBe(201);
  const id = res.body.redemption?.redemptionId ?? '';
  booked.push(id);
  return id;
}

async function claim(claimId: string, from: string): Promise<Answer<Body & Claim>> {
  return (await cashier.post('/claims', {
    claimId,
    funderMspId: 'GemeenteMSP',
    periodFrom: from,
  })) as Answer<Body & Claim>;
}

async function claimOf(claimId: string): Promise<Claim> {
  return (await payer.get(`/claims/${claimId}`)).body as unknown as Claim;
}

async function upload(bookings: readonly Booking[]): Promise<Answer<Body>> {
  const camt053 = bankStatement(SVB_IBAN, today, bookings);
  expect(await validateAgainst('camt.053.001.02', camt053)).toEqual([]);
  return payer.post('/payments/statement', { camt053 });
}

beforeAll(async () => {
  sessions = {
    gemeente: openGateway(ctx, gemeente, enrolledCredentials(ctx, gemeente, 'gemeente-admin')),
    svb: openGateway(ctx, svb, enrolledCredentials(ctx, svb, 'svb-payer')),
    venues: openGateway(ctx, venuesOrg, enrolledCredentials(ctx, venuesOrg, 'zwembad-kardinge')),
  };
  const registered = await staff.post('/venues', {
    venueId,
    name: 'Zwembad De Parrel',
    kind: 'swimming-pool',
    mspId: 'VenuesMSP',
  });
  expect(registered.status).toBe(201);
  const onboarded = await venuesAdmin.post('/clients', { name: venueId, role: 'venue', venueId });
  expect(onboarded.status).toBe(201);
  cashier = restClient<Body>(
    {
      ...clients,
      clients: [
        { name: venueId, org: venuesOrg.name, role: 'venue', venueId, apiKey: onboarded.body.apiKey ?? '' },
      ],
    },
    venueId,
  );
  const offer = await staff.post('/offers', {
    offerId,
    funderMspId: 'GemeenteMSP',
    name: 'Zwemmen De Parrel',
    kind: 'entries',
    entriesPerPeriod: 10,
    eligibleCategories: ['adult'],
    eligibleVenueIds: [venueId],
    reimbursement: { perUseCents: 450 },
    grantByRule: true,
    validFrom: iso(-day),
    validUntil: iso(365 * day),
  });
  expect(offer.status).toBe(201);
  qr = await issueCard(staff, { passId, category: 'adult', holder: `Test Zwemmer ${unique}` });
});

afterAll(async () => {
  for (const id of [offerId, counterOffers.budget, counterOffers.tiered]) {
    await staff.post(`/offers/${id}/retire`, { reason: 'end of the payments test' });
  }
  for (const session of Object.values(sessions)) {
    session.close();
  }
});

describe('paying venues by bank transfer', () => {
  it('when the venues’ admin sets an IBAN whose check digits fail, then it is refused; a valid one is kept on the venue', async () => {
    const wrong = await venuesAdmin.put(`/venues/${venueId}/bank-account`, {
      iban: 'NL19TRIO0391234567',
      accountHolder: 'Zwembad De Parrel B.V.',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error?.code).toBe('INVALID_ARGUMENT');

    const set = await venuesAdmin.put(`/venues/${venueId}/bank-account`, {
      iban: IBAN,
      accountHolder: 'Zwembad De Parrel B.V.',
    });
    expect(set.status).toBe(200);
    expect(set.body.bankAccount).toMatchObject({ iban: IBAN, accountHolder: 'Zwembad De Parrel B.V.' });
  });

  it('when the municipality’s or a cashier’s own Fabric client sets a venue’s account, then the ledger refuses it', async () => {
    const redirect = { venueId, iban: 'NL36INGB0007654321', accountHolder: 'Someone Else' };

    expect(
      await refusalOf(submitJson(sessions.gemeente.contract, 'venues:SetBankAccount', redirect)),
    ).toMatch(/FORBIDDEN/);
    expect(
      await refusalOf(
        submitJson(sessions.venues.contract, 'venues:SetBankAccount', {
          ...redirect,
          venueId: 'zwembad-kardinge',
        }),
      ),
    ).toMatch(/FORBIDDEN/);
    const venue = await evaluateJson<{ bankAccount?: { iban: string } }>(
      sessions.svb.contract,
      'venues:GetVenue',
      { venueId },
    );
    expect(venue.bankAccount?.iban).toBe(IBAN);
  });

  it('when the venue’s claims are approved, then SVB downloads them as one credit transfer file that the ISO 20022 schema accepts', async () => {
    const start = iso(-60_000);
    // The municipality's gateway publishes its QR key at start-up; it may still be on its way.
    await eventually(book);
    await book();
    expect((await claim(claimIds.first, start)).body).toMatchObject({ totalCents: 900 });
    await book();
    expect((await claim(claimIds.second, start)).body).toMatchObject({ totalCents: 450 });
    for (const claimId of [claimIds.first, claimIds.second]) {
      expect((await staff.post(`/claims/${claimId}/approve`)).status).toBe(200);
    }

    const batch = await payer.get('/payments/batch');
    expect(batch.status).toBe(200);
    expect(batch.body.claims).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ claimId: claimIds.first, payable: true, iban: IBAN }),
        expect.objectContaining({ claimId: claimIds.second, payable: true, iban: IBAN }),
      ]),
    );
    const file = await payer.get(`/payments/batch?format=xml&executionDate=${today}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^application\/xml/);
    const xml = file.body as unknown as string;
    expect(await validateAgainst('pain.001.001.03', xml)).toEqual([]);
    const order = readPaymentOrder(xml);
    expect(order).toMatchObject({ debtorIban: SVB_IBAN, executionDate: today });
    expect(order.transfers).toEqual(
      expect.arrayContaining([
        {
          endToEndId: claimIds.first,
          amount: '9.00',
          creditorIban: IBAN,
          creditorName: 'Zwembad De Parrel B.V.',
        },
        {
          endToEndId: claimIds.second,
          amount: '4.50',
          creditorIban: IBAN,
          creditorName: 'Zwembad De Parrel B.V.',
        },
      ]),
    );
  });

  const statement: Booking[] = [
    { endToEndId: claimIds.first, amount: '9.00', direction: 'DBIT', reference: `BANK-${unique}-1` },
    { endToEndId: claimIds.second, amount: '4.00', direction: 'DBIT', reference: `BANK-${unique}-2` },
    { endToEndId: `nope-${unique}`, amount: '1.00', direction: 'DBIT', reference: `BANK-${unique}-3` },
    { amount: '250.00', direction: 'CRDT', reference: `BANK-${unique}-4` },
  ];

  it('when SVB uploads the bank’s statement, then what it paid in full is marked paid; a wrong amount, an unknown claim and money in are listed and change nothing', async () => {
    const read = await upload(statement);

    expect(read.status).toBe(200);
    expect(read.body.lines?.map((line) => [line.outcome, line.claimId])).toEqual([
      ['paid', claimIds.first],
      ['amount-mismatch', claimIds.second],
      ['unknown-claim', `nope-${unique}`],
      ['not-a-claim-payment', undefined],
    ]);
    expect(read.body.lines?.[1]?.claimCents).toBe(450);
    expect(await claimOf(claimIds.first)).toMatchObject({
      status: 'paid',
      paidCents: 900,
      paidOn: today,
      paymentReference: `BANK-${unique}-1`,
    });
    expect((await claimOf(claimIds.second)).status).toBe('approved');
  });

  it('when the same statement is uploaded again, then nothing changes', async () => {
    const before = await claimOf(claimIds.first);

    const again = await upload(statement);

    expect(again.body.lines?.map((line) => line.outcome)).toEqual([
      'already-recorded',
      'amount-mismatch',
      'unknown-claim',
      'not-a-claim-payment',
    ]);
    expect(await claimOf(claimIds.first)).toEqual(before);
  });

  it('when SVB’s own Fabric client records a payment of another amount, then the ledger refuses it', async () => {
    const refusal = await refusalOf(
      submitJson(sessions.svb.contract, 'claims:RecordPayment', {
        claimId: claimIds.second,
        paymentReference: `BANK-${unique}-2`,
        paidOn: today,
        amountCents: 400,
      }),
    );

    expect(refusal).toMatch(/AMOUNT_MISMATCH/);
    expect((await claimOf(claimIds.second)).status).toBe('approved');
  });

  it('when a paid redemption is reversed, then the venue’s next claim carries it as a negative line', async () => {
    const [paidRedemption = ''] = (await claimOf(claimIds.first)).redemptionIds;
    const reversed = await cashier.post(`/redemptions/${paidRedemption}/reverse`, undefined, {
      'Idempotency-Key': `${unique}-reverse`,
    });
    expect(reversed.status).toBe(201);
    const reversalId = reversed.body.redemption?.redemptionId ?? '';
    const later = [await book(), await book()];

    const next = await claim(claimIds.after, iso(-10 * 60_000));

    expect(next.status).toBe(201);
    expect(next.body).toMatchObject({ totalCents: 2 * 450 - 450, deductedCents: 450 });
    expect([...next.body.redemptionIds].sort()).toEqual([reversalId, ...later].sort());
  });
});

describe('the counter’s money cases', () => {
  const common = {
    funderMspId: 'GemeenteMSP',
    eligibleCategories: ['adult'],
    eligibleVenueIds: [venueId],
    validFrom: iso(-day),
    validUntil: iso(365 * day),
  };

  async function redeem(offer: string, amountCents: number): Promise<Answer<Body>> {
    return cashier.post(
      '/redemptions',
      { qr, offerId: offer, amountCents },
      { 'Idempotency-Key': `${unique}-${String(++keys)}` },
    );
  }

  it('when a budget that lets the holder pay the rest at the counter does not cover the price, then it books what is left and records the rest as paid there', async () => {
    const created = await staff.post('/offers', {
      ...common,
      offerId: counterOffers.budget,
      name: 'Sportbudget, rest aan de kassa',
      kind: 'budget',
      budgetCentsPerPeriod: 1000,
      remainderAtCounter: true,
      reimbursement: { shareBasisPoints: 10_000 },
      grantByRule: true,
    });
    expect(created.status).toBe(201);

    const booked = await redeem(counterOffers.budget, 2500);

    expect(booked.status).toBe(201);
    expect(booked.body.remaining).toBe(0);
    expect(booked.body.redemption).toMatchObject({ amountCents: 1000, paidAtCounterCents: 1500 });
    expect((await redeem(counterOffers.budget, 100)).body.error?.code).toBe('INSUFFICIENT_BALANCE');
  });

  it('when a discount is “2 free, then 50%”, then the third ticket is half price and the ceiling still holds', async () => {
    const created = await staff.post('/offers', {
      ...common,
      offerId: counterOffers.tiered,
      name: 'Museum: 2 keer gratis, daarna half',
      kind: 'discount',
      discountPercent: 50,
      discountTiers: [{ bookings: 2, discountPercent: 100 }],
      maxAmountCentsPerBooking: 2000,
      discountCentsPerPeriod: 10_000,
      reimbursement: { shareBasisPoints: 5000 },
      grantByRule: false,
    });
    expect(created.status).toBe(201);

    const discounts: (number | undefined)[] = [];
    for (let i = 0; i < 3; i += 1) {
      discounts.push((await redeem(counterOffers.tiered, 1200)).body.redemption?.discountCents);
    }

    expect(discounts).toEqual([1200, 1200, 600]);
    expect((await redeem(counterOffers.tiered, 2001)).body.error?.code).toBe('AMOUNT_ABOVE_CEILING');
  });
});

describe('a claim that does not grow with history', () => {
  async function bookWith(card: string, key: string): Promise<Answer<Body>> {
    return cashier.post('/redemptions', { qr: card, offerId, quantity: 1 }, { 'Idempotency-Key': key });
  }

  it('when the venue books on at full speed, then its claim of a period that has ended commits with that period’s bookings only', async () => {
    const cards = await Promise.all(
      [0, 1, 2, 3].map((i) =>
        issueCard(staff, {
          passId: `${passId}-S${String(i)}`,
          category: 'adult',
          holder: `Stroom ${String(i)}`,
        }),
      ),
    );
    const periodFrom = new Date().toISOString();
    const inPeriod = await Promise.all(
      cards.slice(0, 2).map(async (card, i) => {
        const answer = await bookWith(card, `${unique}-period-${String(i)}`);
        expect(answer.status).toBe(201);
        return answer.body.redemption?.redemptionId ?? '';
      }),
    );
    await sleep(50);
    const periodTo = new Date().toISOString();

    // Four counters book on, each its own pass, while the claim of the period that just ended goes in.
    let claiming = true;
    const streamed: number[] = [];
    const stream = cards.map(async (card, worker) => {
      for (let i = 0; claiming && i < 9; i += 1) {
        streamed.push((await bookWith(card, `${unique}-stream-${String(worker)}-${String(i)}`)).status);
      }
    });
    while (streamed.length < 4) {
      await sleep(50);
    }
    const answer = await cashier.post('/claims', {
      claimId: `${unique}-during-stream`,
      funderMspId: 'GemeenteMSP',
      periodFrom,
      periodTo,
    });
    const bookedWhileClaiming = streamed.length;
    claiming = false;
    await Promise.all(stream);

    expect(answer.status).toBe(201);
    expect([...(answer.body as Body & Claim).redemptionIds].sort()).toEqual([...inPeriod].sort());
    expect(streamed.filter((status) => status !== 201)).toEqual([]);
    expect(bookedWhileClaiming).toBeGreaterThan(4);
  });

  it('when the venue lists its bookings newest first, then it sees the one it just made first and pages to its first', async () => {
    const card = await issueCard(staff, {
      passId: `${passId}-L`,
      category: 'adult',
      holder: 'Laatste Zwemmer',
    });
    const latest = await bookWith(card, `${unique}-latest`);
    expect(latest.status).toBe(201);

    const seen: { redemptionId: string; at: string }[] = [];
    let bookmark = '';
    do {
      const page = await cashier.get(
        `/redemptions?order=newest&pageSize=7${bookmark === '' ? '' : `&bookmark=${encodeURIComponent(bookmark)}`}`,
      );
      expect(page.status).toBe(200);
      const body = page.body as unknown as {
        items: { redemptionId: string; at: string }[];
        bookmark: string;
      };
      seen.push(...body.items);
      bookmark = body.bookmark;
    } while (bookmark !== '');
    const oldestFirst = await cashier.get('/redemptions?pageSize=200');

    expect(seen[0]?.redemptionId).toBe(latest.body.redemption?.redemptionId);
    const times = seen.map((r) => r.at);
    expect(times).toEqual([...times].sort().reverse());
    const all = (oldestFirst.body as unknown as { items: { redemptionId: string }[] }).items;
    expect(seen.map((r) => r.redemptionId).sort()).toEqual(all.map((r) => r.redemptionId).sort());
    expect(seen.length).toBeGreaterThan(14);
  });

  it('when a claim’s period has not ended, then it is refused, through the gateway and from a venue’s own Fabric client', async () => {
    const future = {
      funderMspId: 'GemeenteMSP',
      periodFrom: iso(-day),
      periodTo: iso(day),
    };

    const refused = await cashier.post('/claims', { claimId: `${unique}-future`, ...future });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.message).toMatch(/a claim covers a period that has ended/);
    expect(
      await refusalOf(
        submitJson(sessions.venues.contract, 'claims:SubmitClaim', {
          claimId: `${unique}-future`,
          ...future,
        }),
      ),
    ).toMatch(/INVALID_ARGUMENT: a claim covers a period that has ended/);
  });

  it('when a venue registered with the claim index is indexed again, then nothing changes; anyone but its organisation’s admin is refused', async () => {
    const indexed = await venuesAdmin.post(`/venues/${venueId}/claim-lines`);
    expect(indexed.status).toBe(200);
    expect(indexed.body).toMatchObject({ venueId, claimLinesIndexed: true });

    for (const session of [sessions.gemeente, sessions.venues]) {
      expect(await refusalOf(submitJson(session.contract, 'claims:IndexClaimLines', { venueId }))).toMatch(
        /FORBIDDEN/,
      );
    }
  });
});
