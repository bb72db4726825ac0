import { randomBytes, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  createContext,
  createOfferWithPasses,
  down,
  enrolledCredentials,
  ensureConfiguredWithVenue,
  municipalityCards,
  openGateway,
  up,
  type NetworkConfig,
  type Organisation,
} from '@stadspas/network';
import { orgByMsp, runCli } from './support/network';
import { readClients, restClient } from './support/rest-client';

// A network of its own whose CAs issue certificates for four minutes: it books on while every node renews its
// certificates, and after the first certificates expired.
const LIFETIME_MINUTES = 4;
const PORT_SHIFT = 600;
const VENUE = 'zwembad-kardinge';

const repoRoot = resolve(__dirname, '..', '..');
const base = mkdtempSync(join(tmpdir(), 'stadspas-renewal-'));
const networkFile = join(base, 'network.json');
const description = JSON.parse(
  readFileSync(join(repoRoot, 'network', 'network.json'), 'utf8'),
) as NetworkConfig;
const shifted = {
  ...description,
  certificateLifetime: `${String(LIFETIME_MINUTES)}m`,
  organisations: description.organisations.map((o) => ({
    ...o,
    ports: Object.fromEntries(Object.entries(o.ports).map(([k, p]) => [k, p + PORT_SHIFT])),
  })),
};
writeFileSync(networkFile, JSON.stringify(shifted));
const ctx = createContext({ repoRoot, home: join(base, 'home'), networkFile });
const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const offerId = `renewal-${runId}`;
const passIds = Array.from({ length: 8 }, (_, i) => `RENEW-${runId}-${i}`);

/** Every certificate file of an organisation's node: its CA's TLS certificate and each identity's. */
function certificateFiles(org: Organisation): string[] {
  const own = ctx.paths.org(org);
  const identities = join(own.root, 'identities');
  // An identity has an enrolment certificate, a TLS certificate or both (the CA's operations endpoint only TLS).
  const files = readdirSync(identities).flatMap((name) =>
    [
      join(identities, name, 'msp', 'signcerts', 'cert.pem'),
      join(identities, name, 'tls', 'server.crt'),
    ].filter((file) => existsSync(file)),
  );
  return [join(own.caHome, 'tls-cert.pem'), ...files];
}

function notAfter(file: string): number {
  return new Date(new X509Certificate(readFileSync(file)).validTo).getTime();
}

async function sleepUntil(time: number): Promise<void> {
  while (Date.now() < time) {
    await sleep(500);
  }
}

interface Booking {
  readonly status: number;
  readonly at: string;
  /** The answer of a refused booking. */
  readonly body?: unknown;
}

beforeAll(async () => {
  await up(ctx);
  const gemeente = orgByMsp(ctx, 'GemeenteMSP');
  const session = openGateway(ctx, gemeente, enrolledCredentials(ctx, gemeente, 'gemeente-admin'));
  try {
    await ensureConfiguredWithVenue(session.contract, VENUE, 'Sportcentrum Kardinge');
    await createOfferWithPasses(session.contract, { offerId, venueId: VENUE, entries: 500, passIds });
  } finally {
    session.close();
  }
}, 300_000);

/** Set when a booking was refused: the network's folder, with every process's log, is kept to look into. */
let keep = process.env.KEEP_STATE !== undefined;

afterAll(async () => {
  await down(ctx);
  if (keep) {
    console.log(`the renewal network's folder, with its logs, is kept in ${base}`);
  } else {
    rmSync(base, { recursive: true, force: true });
  }
}, 120_000);

test('when every node renews its certificates while a venue books, then no booking is refused, before or after the first certificates expired', async () => {
  const gemeente = orgByMsp(ctx, 'GemeenteMSP');
  const session = openGateway(ctx, gemeente, enrolledCredentials(ctx, gemeente, 'gemeente-admin'));
  const cardOf = await municipalityCards(ctx, session.contract).finally(() => {
    session.close();
  });
  const pool = restClient<unknown>(readClients(ctx.paths.clientsFile), VENUE);
  const files = ctx.network.organisations.flatMap(certificateFiles);
  const expiries = new Map(files.map((file) => [file, notAfter(file)]));
  const firstExpiry = Math.min(...expiries.values());
  const lastExpiry = Math.max(...expiries.values());
  expect(lastExpiry - Date.now()).toBeLessThan(5 * 60_000);

  const bookings: Booking[] = [];
  const stop = new AbortController();
  const venue = (async () => {
    for (let i = 0; !stop.signal.aborted; i += 1) {
      const answer = await pool.post(
        '/redemptions',
        { qr: cardOf(passIds[i % passIds.length] ?? ''), offerId, quantity: 1 },
        { 'Idempotency-Key': `renewal-${runId}-${String(i)}` },
      );
      const at = new Date().toISOString();
      bookings.push(
        answer.status === 201 ? { status: 201, at } : { status: answer.status, at, body: answer.body },
      );
      await sleep(200);
    }
  })();

  try {
    // The CA counts a certificate's lifetime from the minute it issued it in (rounded), so a renewal in the
    // same minute would end where the first certificate ends: the renewals start in the next minute.
    await sleepUntil(lastExpiry - LIFETIME_MINUTES * 60_000 + 35_000);
    for (const org of ctx.network.organisations) {
      const started = Date.now();
      const renewal = await runCli(ctx, ['node', 'renew', '--org', org.name], 120_000, {
        STADSPAS_NETWORK: networkFile,
      });
      expect(renewal).toMatchObject({ exitCode: 0 });
      expect(renewal.output).toContain(`certificates of ${org.name}`);
      console.log(`renewed ${org.name} in ${String((Date.now() - started) / 1000)} s`);
    }
    expect(Date.now()).toBeLessThan(firstExpiry);
    const notRenewed = files.filter((file) => notAfter(file) <= (expiries.get(file) ?? 0));
    expect(notRenewed).toEqual([]);
    // The venue books on past the moment the last of the first certificates expired.
    await sleepUntil(lastExpiry + 15_000);
  } finally {
    stop.abort();
    await venue;
  }

  const refused = bookings.filter((b) => b.status !== 201);
  keep ||= refused.length > 0;
  expect(refused).toEqual([]);
  expect(bookings.filter((b) => Date.parse(b.at) > lastExpiry).length).toBeGreaterThan(10);
}, 600_000);
