import { randomUUID } from 'node:crypto';
import type { QrKeyRecord } from '@stadspas/chaincode/vocabulary';
import { evaluateJson, fetchTrusting } from '@stadspas/network';
import type { BenchFixture } from './bench-setup';
import { measure } from './measure';
import { summarise, type Summary } from './statistics';
import { fixed } from './table';

/** A venue books a pass this often offline per day at most in the demo's scheme: each pass takes two. */
export const OFFLINE_BOOKINGS_PER_PASS = 2;

/**
 * The passes one step takes: two offline bookings each at most (the allowance), and twice as many as are in
 * flight, so that no two bookings in flight at once book the same pass.
 */
export function passesPerStep(count: number, inFlight: number): number {
  return Math.max(Math.ceil(count / OFFLINE_BOOKINGS_PER_PASS), 2 * inFlight);
}

/** The offline settlement and online booking at one number in flight. */
export interface SettleStep {
  readonly inFlight: number;
  readonly offline: Summary;
  readonly online: Summary;
}

/** How long ago the outage began: the bookings to settle were made then. */
const OUTAGE_MS = 60 * 60 * 1000;

/**
 * When the bookings were made: an hour ago, or, on a network younger than that, just after its municipalities'
 * newest card key was published (a booking made before a key existed is rightly refused).
 */
async function outageStart(fixture: BenchFixture): Promise<string> {
  const keys = await evaluateJson<QrKeyRecord[]>(fixture.municipality.contract, 'config:ListQrKeys');
  const newestKey = Math.max(...keys.map((key) => Date.parse(key.validFrom)));
  return new Date(Math.max(Date.now() - OUTAGE_MS, newestKey + 1_000)).toISOString();
}

/**
 * Settles `count` bookings an offline counter made an hour ago (see {@link outageStart}), as the scanner does on reconnect (each through the
 * venue's REST gateway under its own idempotency key, with `offlineAt`), at each number in flight, beside as many
 * ordinary bookings at the same number in flight. Each step books passes of its own (see {@link passesPerStep}),
 * so the scheme's allowance refuses none.
 */
export async function timeOfflineSettle(
  fixture: BenchFixture,
  options: { inFlight: readonly number[]; count: number; progress: (line: string) => void },
): Promise<SettleStep[]> {
  const api = `${fixture.venuesGateway.url}/api/v1/redemptions`;
  const fetch = fetchTrusting(fixture.venuesGateway.ca);
  const book = async (card: string, apiKey: string, offlineAt?: string): Promise<void> => {
    const response = await fetch(api, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${apiKey}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({
        qr: card,
        offerId: fixture.offerId,
        quantity: 1,
        ...(offlineAt ? { offlineAt } : {}),
      }),
      signal: AbortSignal.timeout(120_000),
    });
    if (response.status !== 201) {
      throw new Error(`REST answered ${String(response.status)}: ${await response.text()}`);
    }
  };
  const keyFor = (i: number): string => fixture.restKeys[i % fixture.restKeys.length] ?? '';
  const steps: SettleStep[] = [];
  let firstCard = 0;
  for (const inFlight of options.inFlight) {
    const passes = passesPerStep(options.count, inFlight);
    const cards = fixture.cards.slice(firstCard, firstCard + passes);
    firstCard += passes;
    const offlineAt = await outageStart(fixture);
    options.progress(
      `${String(inFlight)} in flight: settling ${String(options.count)} offline bookings, then booking as many online`,
    );
    const run = { count: options.count, inFlight, budgetMs: 600_000 };
    // Bookings of one pass follow each other (as the scanner settles them); passes run side by side.
    const offline = await measure('offline settle', run, (i) =>
      book(cards[i % cards.length] ?? '', keyFor(i), offlineAt),
    );
    const online = await measure('online booking', run, (i) =>
      book(cards[i % cards.length] ?? '', keyFor(i)),
    );
    steps.push({ inFlight, offline: summarise(offline), online: summarise(online) });
  }
  return steps;
}

/** Offline bookings settled per second beside online bookings per second, and their ratio, per step. */
export function settleTable(steps: readonly SettleStep[]): string[][] {
  return [
    ['in flight', 'offline settled/s', 'online booked/s', 'offline ÷ online', 'settle p50/p95 ms', 'failed'],
    ...steps.map((s) => [
      String(s.inFlight),
      fixed(s.offline.throughput, 1),
      fixed(s.online.throughput, 1),
      fixed(s.offline.throughput / s.online.throughput, 2),
      `${fixed(s.offline.p50Ms, 0)}/${fixed(s.offline.p95Ms, 0)}`,
      String(s.offline.failures + s.online.failures),
    ]),
  ];
}
