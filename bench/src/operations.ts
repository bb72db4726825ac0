import { randomUUID } from 'node:crypto';
import { evaluateJson, fetchTrusting, presentingCard, submitJson, type Fetch } from '@stadspas/network';
import type { BenchFixture } from './bench-setup';
import type { Kind } from './kinds';

/** One operation of a kind; `i` picks the pass, so operations in flight at once book on different passes. */
export type Operation = (i: number) => Promise<unknown>;

async function postJson(
  fetch: Fetch,
  url: string,
  apiKey: string,
  body: unknown,
  expected: number,
  headers = {},
): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(120_000),
  });
  const text = await response.text();
  if (response.status !== expected) {
    throw new Error(`REST answered ${response.status}: ${text}`);
  }
}

/**
 * The operations of the sweep on the run's own venue, offer and passes: redemptions and scans by the venue's
 * identity (directly and through the venues' REST gateway), and a trivial write by the municipality
 * (registering a venue: one new key).
 */
export function operationsOf(fixture: BenchFixture): Readonly<Record<Kind, Operation>> {
  const cardFor = (i: number): string => fixture.cards[i % fixture.cards.length] ?? '';
  const api = `${fixture.venuesGateway.url}/api/v1`;
  const fetch = fetchTrusting(fixture.venuesGateway.ca);
  const keyFor = (i: number): string => fixture.restKeys[i % fixture.restKeys.length] ?? '';
  let trivial = 0;
  return {
    'redeem-direct': (i) =>
      submitJson(
        fixture.venue.contract,
        'redemptions:Redeem',
        { requestId: randomUUID(), offerId: fixture.offerId, quantity: 1 },
        presentingCard(cardFor(i)),
      ),
    'redeem-rest': (i) =>
      postJson(
        fetch,
        `${api}/redemptions`,
        keyFor(i),
        { qr: cardFor(i), offerId: fixture.offerId, quantity: 1 },
        201,
        {
          'idempotency-key': randomUUID(),
        },
      ),
    'trivial-direct': () => {
      trivial += 1;
      return submitJson(fixture.municipality.contract, 'venues:RegisterVenue', {
        venueId: `${fixture.venueId}-t${trivial}`,
        name: 'Benchmark venue (trivial write)',
        kind: 'swimming-pool',
        mspId: fixture.orgs.venues.mspId,
      });
    },
    'scan-direct': (i) =>
      evaluateJson(fixture.venue.contract, 'redemptions:Scan', undefined, presentingCard(cardFor(i))),
    'scan-rest': (i) => postJson(fetch, `${api}/scan`, keyFor(i), { qr: cardFor(i) }, 200),
  };
}
