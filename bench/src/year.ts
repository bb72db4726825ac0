import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  adminClientOf,
  createEntriesOffer,
  enrolledCredentials,
  ensureConfigured,
  evaluateJson,
  fetchTrusting,
  issueAdultPasses,
  municipalityCards,
  openGateway,
  organisationWithRole,
  presentingCard,
  registerVenue,
  sessionWith,
  submitJson,
  verifyBooks,
  type ClientsFile,
  type GatewaySession,
  type NetworkContext,
  type Organisation,
} from '@stadspas/network';
import { decodeBlock } from '@stadspas/gateway/blocks';
import { openReadModel } from '@stadspas/gateway/read-model';
import { newRunId } from './bench-setup';
import { cpuBetween, readProcessTable, snapshotCpu } from './cpu-usage';
import { measure } from './measure';
import { onboardVenueClient } from './onboarding';
import { processTree } from './proc-stat';
import { summarise } from './statistics';
import { fixed } from './table';

/** Groningen's year at scale 1.0. */
export const CITY_YEAR = { passes: 30_000, bookings: 300_000 } as const;

/** Bookings in flight while the year is built and measured. */
export const YEAR_IN_FLIGHT = 16;

/** The size of a year at a scale: at least enough to book and claim at every venue each month. */
export function yearAtScale(scale: number): {
  readonly passes: number;
  readonly bookings: number;
  readonly venues: number;
  readonly probe: number;
} {
  const venues = Math.max(2, Math.min(20, Math.round(20 * scale)));
  return {
    passes: Math.max(16, Math.round(CITY_YEAR.passes * scale)),
    bookings: Math.max(12 * venues * 2, Math.round(CITY_YEAR.bookings * scale)),
    venues,
    // Each quarter's measured bookings: enough for percentiles, a small part of the year.
    probe: Math.max(64, Math.min(1_000, Math.round(CITY_YEAR.bookings * scale * 0.01))),
  };
}

/** What one quarter's end measured. */
export interface QuarterMeasures {
  readonly quarter: number;
  /** Bookings on the ledger so far this year. */
  readonly booked: number;
  readonly cpuMsPerBooking: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly failures: number;
  readonly claimMs: number;
  readonly passReadMs: number;
  readonly monthReportMs: number;
  /** The bookings (net of reversals) the month's report summed. */
  readonly monthReportBookings: number;
  readonly passUsesMs: number;
  /** Per peer: block file bytes added since the year started, per transaction committed since. */
  readonly ledgerBytesPerTx: ReadonlyMap<string, number>;
  /** Per peer: the state database's size in bytes. */
  readonly stateBytes: ReadonlyMap<string, number>;
  /** Per process tree: resident memory in bytes. */
  readonly memoryBytes: ReadonlyMap<string, number>;
}

/** The whole year's measures, and the replays of its books at the end. */
export interface YearResult {
  readonly scale: number;
  readonly quarters: readonly QuarterMeasures[];
  readonly replays: YearReplays;
}

/** Replays of the year's blocks from block 0, in wall seconds, over the same transactions. */
export interface YearReplays {
  /** Transactions on the municipality's chain. */
  readonly transactions: number;
  /** `verify`: reading and checking the chain and replaying its writes. */
  readonly verifyChainSeconds: number;
  /** `verify` as a whole: with its comparisons with every peer and its CSV files. */
  readonly verifySeconds: number;
  /** A gateway's read model built again from block 0, from the municipality's peer. */
  readonly rebuildSeconds: number;
}

/** The bytes of every file under a folder (0 when it does not exist). */
export function folderBytes(folder: string): number {
  let total = 0;
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return 0;
  }
  for (const name of entries) {
    const path = join(folder, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat?.isDirectory() === true) {
      total += folderBytes(path);
    } else if (stat !== undefined) {
      total += stat.size;
    }
  }
  return total;
}

/** Resident memory of a process and its live descendants, from `/proc/<pid>/status`, in bytes. */
function treeMemory(root: number, table: ReturnType<typeof readProcessTable>): number {
  let total = 0;
  for (const { pid } of processTree(root, table)) {
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${String(pid)}/status`, 'utf8'));
      total += Number(rss?.[1] ?? 0) * 1024;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** What the year books with: its venues (each with its own identity), its offer, its passes' cards. */
interface YearFixture {
  readonly runId: string;
  readonly offerId: string;
  readonly venues: readonly { readonly venueId: string; readonly session: GatewaySession }[];
  readonly cards: readonly string[];
  readonly passIds: readonly string[];
  readonly municipality: GatewaySession;
  readonly municipalityApi: { readonly url: string; readonly apiKey: string; readonly ca: string };
  close(): void;
}

async function setUpYear(
  ctx: NetworkContext,
  size: ReturnType<typeof yearAtScale>,
  progress: (line: string) => void,
): Promise<YearFixture> {
  const clients = JSON.parse(readFileSync(ctx.paths.clientsFile, 'utf8')) as ClientsFile;
  const municipalityOrg = organisationWithRole(ctx.network, 'municipality');
  const venuesOrg = organisationWithRole(ctx.network, 'venues');
  const gatewayOf = (org: Organisation): { url: string; ca: string; apiKey: string } => {
    const gateway = clients.gateways[org.name];
    const admin = clients.clients.find((c) => c.org === org.name && c.role === 'admin');
    if (gateway === undefined || admin === undefined) {
      throw new Error(`clients.json names no gateway or admin of ${org.name}`);
    }
    return { url: gateway.url, ca: gateway.ca, apiKey: admin.apiKey };
  };
  const runId = newRunId();
  const offerId = `year-${runId}`;
  const municipality = openGateway(
    ctx,
    municipalityOrg,
    enrolledCredentials(ctx, municipalityOrg, adminClientOf(municipalityOrg).name),
  );
  const venues: { venueId: string; session: GatewaySession }[] = [];
  try {
    await ensureConfigured(municipality.contract);
    progress(`registering and onboarding ${String(size.venues)} venues`);
    const venuesGateway = gatewayOf(venuesOrg);
    for (let v = 0; v < size.venues; v += 1) {
      const venueId = `year-${runId}-v${String(v)}`;
      await registerVenue(municipality.contract, { venueId, name: `Year venue ${String(v)}` });
      const client = await onboardVenueClient(
        ctx,
        venuesOrg,
        { url: venuesGateway.url, ca: venuesGateway.ca },
        venuesGateway.apiKey,
        { name: venueId, venueId },
      );
      venues.push({ venueId, session: openGateway(ctx, venuesOrg, client.credentials) });
    }
    progress(`creating the year's offer and issuing ${String(size.passes)} passes with their holders`);
    await createEntriesOffer(municipality.contract, {
      offerId,
      venueIds: venues.map((v) => v.venueId),
      entries: 1_000,
      validDays: 400,
    });
    const passIds = Array.from({ length: size.passes }, (_, i) => `YEAR-${runId}-${String(i)}`);
    await issueAdultPasses(municipality.contract, passIds, 400);
    const cardOf = await municipalityCards(ctx, municipality.contract);
    return {
      runId,
      offerId,
      venues,
      cards: passIds.map(cardOf),
      passIds,
      municipality,
      municipalityApi: gatewayOf(municipalityOrg),
      close: () => {
        for (const v of venues) {
          v.session.close();
        }
        municipality.close();
      },
    };
  } catch (error) {
    for (const v of venues) {
      v.session.close();
    }
    municipality.close();
    throw error;
  }
}

/** Options of {@link runYear}. */
export interface YearOptions {
  readonly scale: number;
  /** The network's processes by name (their supervisors' pids), for CPU and memory. */
  readonly processes: ReadonlyMap<string, number>;
  readonly ticksPerSecond: number;
  readonly progress: (line: string) => void;
}

async function timed(call: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await call();
  return performance.now() - started;
}

/** Times a usage report and counts the bookings it summed. */
async function monthReport(
  call: () => Promise<unknown>,
): Promise<{ monthReportMs: number; monthReportBookings: number }> {
  const started = performance.now();
  const report = (await call()) as { items: readonly { uses: number }[] };
  return {
    monthReportMs: performance.now() - started,
    monthReportBookings: report.items.reduce((sum, item) => sum + item.uses, 0),
  };
}

/**
 * A month's other work: a hundredth of its bookings reversed by their venues, two in a thousand passes blocked and
 * as many renewed.
 * @returns the transactions it committed
 */
async function monthlyChores(
  fixture: YearFixture,
  month: number,
  made: readonly { readonly venue: number; readonly redemptionId: string }[],
  blocked: Set<number>,
): Promise<number> {
  let transactions = 0;
  for (const reversed of made.filter((_, i) => i % 100 === 50)) {
    const venue = fixture.venues[reversed.venue];
    if (venue !== undefined) {
      await submitJson(venue.session.contract, 'redemptions:Reverse', {
        requestId: randomUUID(),
        redemptionId: reversed.redemptionId,
      });
      transactions += 1;
    }
  }
  const count = fixture.passIds.length;
  for (let n = 0; n < Math.max(1, Math.round(count / 500)); n += 1) {
    // Pass 0 stays in use all year: its uses are the ones read back.
    const renewed = 1 + ((month * 7 + n * 13) % (count - 1));
    const lost = 1 + (renewed % (count - 1));
    if (!blocked.has(renewed)) {
      await submitJson(fixture.municipality.contract, 'passes:RenewPass', {
        passId: fixture.passIds[renewed],
        validUntil: new Date(Date.now() + 800 * 86_400_000).toISOString(),
      });
      transactions += 1;
    }
    if (!blocked.has(lost)) {
      await submitJson(fixture.municipality.contract, 'passes:BlockPass', {
        passId: fixture.passIds[lost],
        reason: 'lost',
      });
      blocked.add(lost);
      transactions += 1;
    }
  }
  return transactions;
}

/**
 * Each venue claims the month that just ended.
 * @returns how long the first venue's claim took, in ms
 */
async function claimMonth(fixture: YearFixture, month: number, from: string, to: string): Promise<number> {
  let firstMs = 0;
  for (const [v, venue] of fixture.venues.entries()) {
    const ms = await timed(() =>
      submitJson(venue.session.contract, 'claims:SubmitClaim', {
        claimId: `${fixture.runId}-m${String(month)}-v${String(v)}`,
        funderMspId: 'GemeenteMSP',
        periodFrom: from,
        periodTo: to,
      }),
    );
    firstMs = v === 0 ? ms : firstMs;
  }
  return firstMs;
}

/**
 * Builds a year of a city through the real clients, compressed in time: twelve months of bookings at its venues
 * (a hundredth of them reversed), a monthly claim of each venue, passes blocked and renewed; and at each quarter's
 * end measures what a booking, a claim and the reads cost, how the ledger and the state database grew and what
 * each process holds in memory. At the end, `verify` and a read-model rebuild replay the municipality's books.
 * @throws whatever the network throws; a refused booking is counted, not thrown.
 */
export async function runYear(ctx: NetworkContext, options: YearOptions): Promise<YearResult> {
  const size = yearAtScale(options.scale);
  const { progress } = options;
  const fixture = await setUpYear(ctx, size, progress);
  const peers = ctx.network.organisations.map((org) => ({
    name: org.name,
    chains: join(ctx.paths.org(org).root, 'peer-data', 'ledgersData', 'chains'),
    state: join(ctx.paths.org(org).root, 'peer-data', 'ledgersData', 'stateLeveldb'),
  }));
  const ledgerAtStart = new Map(peers.map((p) => [p.name, folderBytes(p.chains)]));
  const fetch = fetchTrusting(fixture.municipalityApi.ca);
  const get = async (path: string): Promise<unknown> => {
    const response = await fetch(`${fixture.municipalityApi.url}/api/v1${path}`, {
      headers: { authorization: `Bearer ${fixture.municipalityApi.apiKey}` },
      signal: AbortSignal.timeout(120_000),
    });
    const text = await response.text();
    if (response.status !== 200) {
      throw new Error(`${path} answered ${String(response.status)}`);
    }
    return JSON.parse(text) as unknown;
  };
  let booked = 0;
  let transactions = 0;
  let refused = 0;
  let started = 0;
  const blocked = new Set<number>();
  let active: readonly number[] = fixture.cards.map((_, i) => i);
  // Consecutive bookings take consecutive passes that are not blocked, so those in flight never share one.
  const book = async (): Promise<{ venue: number; redemptionId: string }> => {
    const k = started;
    started += 1;
    const venue = k % fixture.venues.length;
    const answer = await submitJson<{ redemption: { redemptionId: string } }>(
      (fixture.venues[venue] ?? fixture.venues[0])?.session.contract as GatewaySession['contract'],
      'redemptions:Redeem',
      { requestId: randomUUID(), offerId: fixture.offerId, quantity: 1 },
      presentingCard(fixture.cards[active[k % active.length] ?? 0] ?? ''),
    );
    booked += 1;
    transactions += 1;
    return { venue, redemptionId: answer.redemption.redemptionId };
  };
  const quarters: QuarterMeasures[] = [];
  const perMonth = Math.ceil(size.bookings / 12);
  try {
    for (let month = 1; month <= 12; month += 1) {
      const monthStart = new Date().toISOString();
      progress(`month ${String(month)}: ${String(perMonth)} bookings at ${String(YEAR_IN_FLIGHT)} in flight`);
      const made: { venue: number; redemptionId: string }[] = [];
      const sample = await measure(
        `month ${String(month)}`,
        { count: perMonth, inFlight: YEAR_IN_FLIGHT, budgetMs: 3_600_000 },
        async () => {
          made.push(await book());
        },
      );
      refused += sample.failures;
      transactions += await monthlyChores(fixture, month, made, blocked);
      active = fixture.cards.map((_, i) => i).filter((i) => !blocked.has(i));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const claimMs = await claimMonth(fixture, month, monthStart, new Date().toISOString());
      transactions += fixture.venues.length;
      if (month % 3 === 0) {
        quarters.push(await measureQuarter(month / 3, claimMs));
      }
    }
  } finally {
    fixture.close();
  }

  async function measureQuarter(quarter: number, claimMs: number): Promise<QuarterMeasures> {
    progress(
      `quarter ${String(quarter)}: measuring ${String(size.probe)} bookings, the reads and the ledger`,
    );
    const before = snapshotCpu(options.processes, options.ticksPerSecond);
    const probe = summarise(
      await measure(
        `quarter ${String(quarter)}`,
        { count: size.probe, inFlight: YEAR_IN_FLIGHT, budgetMs: 600_000 },
        () => book(),
      ),
    );
    const used = cpuBetween(before, snapshotCpu(options.processes, options.ticksPerSecond));
    const cpuMs = [...used.values()].reduce((a, b) => a + b, 0);
    const heavy = fixture.passIds[0] ?? '';
    const month = new Date().toISOString().slice(0, 7);
    const table = readProcessTable();
    return {
      quarter,
      booked,
      cpuMsPerBooking: probe.completed === 0 ? 0 : cpuMs / probe.completed,
      p50Ms: probe.p50Ms,
      p95Ms: probe.p95Ms,
      failures: probe.failures + refused,
      claimMs,
      passReadMs: await timed(() =>
        evaluateJson(fixture.municipality.contract, 'passes:GetPass', { passId: heavy }),
      ),
      ...(await monthReport(() => get(`/reports/usage?month=${month}`))),
      passUsesMs: await timed(() => get(`/redemptions?passId=${heavy}&order=newest`)),
      ledgerBytesPerTx: new Map(
        peers.map((p) => [
          p.name,
          (folderBytes(p.chains) - (ledgerAtStart.get(p.name) ?? 0)) / Math.max(1, transactions),
        ]),
      ),
      stateBytes: new Map(peers.map((p) => [p.name, folderBytes(p.state)])),
      memoryBytes: new Map([...options.processes].map(([name, pid]) => [name, treeMemory(pid, table)])),
    };
  }

  return { scale: options.scale, quarters, replays: await replayYear(ctx, progress) };
}

/**
 * Replays the municipality's chain from block 0 twice: `verify`, and a read model built again in a fresh file
 * as a gateway does on an upgrade.
 * @throws whatever the peer or the read model throws.
 */
async function replayYear(ctx: NetworkContext, progress: (line: string) => void): Promise<YearReplays> {
  const municipality = organisationWithRole(ctx.network, 'municipality');
  progress('verify: replaying the municipality’s books from its peer');
  const folder = mkdtempSync(join(tmpdir(), 'stadspas-year-replay-'));
  try {
    const started = performance.now();
    const report = await verifyBooks(ctx, municipality, { out: folder });
    const verifySeconds = (performance.now() - started) / 1000;
    progress('rebuilding a read model from block 0');
    const rebuildStarted = performance.now();
    const model = openReadModel({ path: join(folder, 'read-model.sqlite') });
    const session = sessionWith(ctx, municipality, municipality);
    try {
      for await (const block of session.blocks((await session.chainInfo()).height)) {
        model.applyBlock(decodeBlock(block, ctx.network.chaincode.name));
      }
    } finally {
      session.close();
      model.close();
    }
    return {
      transactions: report.chain.validTransactions + report.chain.invalidTransactions,
      verifyChainSeconds: report.seconds.chain,
      verifySeconds,
      rebuildSeconds: (performance.now() - rebuildStarted) / 1000,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const MB = 1024 * 1024;

/** The rows per peer (ledger, state database) and per process (memory) of the year's table. */
function perProcessRows(
  first: QuarterMeasures | undefined,
  row: (
    label: string,
    of: (q: QuarterMeasures) => number,
    digits: number,
    goal?: string,
    compare?: boolean,
  ) => string[],
): string[][] {
  if (first === undefined) {
    return [];
  }
  return [
    ...[...first.ledgerBytesPerTx.keys()].map((peer) =>
      row(`ledger bytes per tx, ${peer}`, (q) => q.ledgerBytesPerTx.get(peer) ?? 0, 0, '≤ 4096', false),
    ),
    ...[...first.stateBytes.keys()].map((peer) =>
      row(`state database MB, ${peer}`, (q) => (q.stateBytes.get(peer) ?? 0) / MB, 1, '', false),
    ),
    ...[...first.memoryBytes.keys()].map((name) =>
      row(`memory MB, ${name}`, (q) => (q.memoryBytes.get(name) ?? 0) / MB, 0, '', false),
    ),
  ];
}

/** The year's table: a row per measure, a column per quarter, then the last quarter against the first. */
export function yearTable(result: YearResult): string[][] {
  const { quarters } = result;
  const first = quarters[0];
  const last = quarters.at(-1);
  const ratio = (of: (q: QuarterMeasures) => number): string =>
    first === undefined || last === undefined || of(first) === 0 ? '' : fixed(of(last) / of(first), 2);
  const row = (
    label: string,
    of: (q: QuarterMeasures) => number,
    digits: number,
    goal = '',
    compare = true,
  ): string[] => [label, ...quarters.map((q) => fixed(of(q), digits)), compare ? ratio(of) : '', goal];
  const rows: string[][] = [
    ['measure', ...quarters.map((q) => `Q${String(q.quarter)}`), 'last ÷ first', 'goal'],
    row('bookings so far', (q) => q.booked, 0, '', false),
    row('CPU ms per booking (all processes)', (q) => q.cpuMsPerBooking, 2, '≤ 1.10'),
    row('booking p50 ms', (q) => q.p50Ms, 0),
    row('booking p95 ms', (q) => q.p95Ms, 0, '≤ 1.10'),
    row('refused bookings', (q) => q.failures, 0, '0', false),
    row('claim of a month (one venue) ms', (q) => q.claimMs, 0, '≤ 1.10'),
    row('pass read ms', (q) => q.passReadMs, 0),
    // The compressed year books every month in one calendar month, so the report of "this month" sums all of them:
    // what stays flat is its cost per booking it sums.
    row(
      "a month's report, ms per 1,000 bookings",
      (q) => (q.monthReportBookings === 0 ? 0 : (q.monthReportMs * 1000) / q.monthReportBookings),
      1,
    ),
    row("a pass's uses, newest page ms", (q) => q.passUsesMs, 0),
  ];
  rows.push(...perProcessRows(first, row));
  const { transactions, verifyChainSeconds, verifySeconds, rebuildSeconds } = result.replays;
  const atTheEnd = (label: string, seconds: number, goal: string): string[] => [
    label,
    ...quarters.map((_, i) =>
      i === quarters.length - 1 ? fixed(seconds === 0 ? 0 : transactions / seconds, 0) : '',
    ),
    '',
    goal,
  ];
  rows.push(
    atTheEnd('verify, chain only, transactions per second', verifyChainSeconds, ''),
    atTheEnd('verify, transactions per second', verifySeconds, '≥ 2000'),
    atTheEnd('read-model rebuild, transactions per second', rebuildSeconds, '≥ 2000'),
  );
  return rows;
}
