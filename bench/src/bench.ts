import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  createContext,
  createOfferWithPasses,
  enrolledCredentials,
  ensureConfiguredWithVenue,
  municipalityCards,
  openGateway,
  submitJson,
  type CardMaker,
  type ClientsFile,
  type Organisation,
} from '@stadspas/network';
import { measure, merge, printTable, row, throughput, type Sample } from './measure';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '150' },
    concurrency: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '3' },
  },
});
const count = Number(values.count);
const concurrency = Number(values.concurrency);
const rounds = Number(values.rounds);
const VENUE = 'zwembad-kardinge';

const repoRoot = resolve(__dirname, '..', '..');
const ctx = createContext({
  repoRoot,
  home: resolve(process.env.STADSPAS_HOME ?? resolve(repoRoot, '.stadspas')),
});
const org = (msp: string): Organisation => {
  const found = ctx.network.organisations.find((o) => o.mspId === msp);
  if (!found) {
    throw new Error(`no organisation ${msp}`);
  }
  return found;
};
const clients = JSON.parse(readFileSync(ctx.paths.clientsFile, 'utf8')) as ClientsFile;
const venueKey = clients.clients.find((c) => c.name === VENUE)?.apiKey ?? '';
const venueUrl = clients.gateways.venues?.url ?? '';

const municipality = openGateway(
  ctx,
  org('GemeenteMSP'),
  enrolledCredentials(ctx, org('GemeenteMSP'), 'gemeente-admin'),
);
const venue = openGateway(ctx, org('VenuesMSP'), enrolledCredentials(ctx, org('VenuesMSP'), VENUE));
const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const offerId = `bench-${runId}`;
const passIds = Array.from({ length: concurrency * 4 }, (_, i) => `BENCH-${runId}-${i}`);
let cards: readonly string[] = [];
/** The card of the i-th pass: venues book with the card's QR payload, verified by the chaincode. */
const cardFor = (i: number): string => cards[i % cards.length] ?? '';

async function setUp(): Promise<void> {
  await ensureConfiguredWithVenue(municipality.contract, VENUE, 'Sportcentrum Kardinge');
  await createOfferWithPasses(municipality.contract, { offerId, venueId: VENUE, entries: 1_000, passIds });
  const cardOf: CardMaker = await municipalityCards(ctx, municipality.contract);
  cards = passIds.map(cardOf);
}

const operations: Record<string, (i: number) => Promise<unknown>> = {
  'redeem (Fabric Gateway client)': (i) =>
    submitJson(venue.contract, 'redemptions:Redeem', {
      requestId: randomUUID(),
      qr: cardFor(i),
      offerId,
      quantity: 1,
    }),
  'trivial write (Fabric Gateway client)': () =>
    submitJson(municipality.contract, 'venues:RegisterVenue', {
      venueId: `bench-${randomUUID()}`,
      name: 'Benchmark venue',
      kind: 'pool',
      mspId: 'VenuesMSP',
    }),
  'redeem (REST gateway)': async (i) => {
    const response = await fetch(`${venueUrl}/api/v1/redemptions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${venueKey}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({ qr: cardFor(i), offerId, quantity: 1 }),
    });
    if (response.status !== 201) {
      throw new Error(`REST answered ${response.status}: ${await response.text()}`);
    }
  },
};

async function main(): Promise<void> {
  console.log(`Setting up offer ${offerId} and ${passIds.length} passes…`);
  await setUp();
  const perRound = Math.ceil(count / rounds);
  const samples = new Map<string, Sample[]>();
  for (let round = 1; round <= rounds; round += 1) {
    // Interleaved rounds: every kind sees the same background noise of this shared machine.
    for (const [label, operation] of Object.entries(operations)) {
      process.stdout.write(`  round ${round}/${rounds}: ${label}…\n`);
      const sample = await measure(label, perRound, concurrency, operation);
      samples.set(label, [...(samples.get(label) ?? []), sample]);
    }
  }
  const merged = new Map([...samples].map(([label, list]) => [label, merge(list)]));
  console.log(`\n${count} operations per kind, ${concurrency} in flight, ${rounds} interleaved rounds\n`);
  printTable([['operation', 'tx/s', 'p50 ms', 'p95 ms', 'failed'], ...[...merged.values()].map(row)]);

  const get = (label: string): Sample => merged.get(label) as Sample;
  const direct = get('redeem (Fabric Gateway client)');
  const trivial = get('trivial write (Fabric Gateway client)');
  const rest = get('redeem (REST gateway)');
  const ratio = (a: Sample, b: Sample): string => (throughput(a) / throughput(b)).toFixed(2);
  console.log('\nRatios (throughput, measured side by side in this run):');
  console.log(`  redemption / trivial write          ${ratio(direct, trivial)}`);
  console.log(`  REST redemption / direct redemption ${ratio(rest, direct)}`);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    municipality.close();
    venue.close();
  });
