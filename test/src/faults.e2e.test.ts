import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PassView } from '../../chaincode/src/vocabulary';
import {
  createOfferWithPasses,
  enrolledCredentials,
  ensureConfiguredWithVenue,
  evaluateJson,
  fetchTrusting,
  killGroup,
  municipalityCards,
  nodeProcessNames,
  openGateway,
  ordererProcess,
  peerHeight,
  peerProcess,
  runningPid,
  startProcess,
  operationsOf,
  up,
  waitUntilReady,
  type CardMaker,
  type Fetch,
  type GatewaySession,
  type Organisation,
} from '@stadspas/network';
import { eventually, orgByMsp, testNetwork } from './support/network';
import { readClients, restClient } from './support/rest-client';

interface Body {
  readonly redemption?: { readonly redemptionId: string };
}

const ctx = testNetwork();
const VENUE = 'zwembad-kardinge';
const REQUESTS = 40;
const IN_FLIGHT = 4;
const gemeente = orgByMsp(ctx, 'GemeenteMSP');
const svb = orgByMsp(ctx, 'SVBMSP');
const venues = orgByMsp(ctx, 'VenuesMSP');
const pool = restClient<Body>(readClients(ctx.paths.clientsFile), VENUE);
const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const offerId = `fault-${runId}`;
const passIds = Array.from({ length: 8 }, (_, i) => `FAULT-${runId}-${i}`);

/**
 * The municipality's admin reading through every organisation's peer in turn (a peer's gateway evaluates on its
 * own organisation's peer), so each read shows what that peer committed; the municipality may read every booking.
 */
const readers: Organisation[] = [gemeente, svb, venues];
let sessions: GatewaySession[] = [];
let cardOf: CardMaker;

/** An orderer's metrics, read with its organisation's admin's TLS certificate. */
function metricsOf(org: Organisation): ReturnType<Fetch> {
  const operations = operationsOf(ctx, org, 'ordererOperations');
  if (operations === undefined) {
    throw new Error(`no admin TLS certificate of ${org.name} here`);
  }
  return fetchTrusting(operations.caPath, operations.client)(`https://${operations.endpoint}/metrics`);
}

async function leaderOrderer(): Promise<Organisation> {
  return eventually(async () => {
    for (const org of ctx.network.organisations) {
      const metrics = await (await metricsOf(org)).text();
      if (/^consensus_etcdraft_is_leader\{channel="stadspas"\} 1$/m.test(metrics)) {
        return org;
      }
    }
    throw new Error('no Raft leader yet');
  });
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) {
    await sleep(100);
  }
}

function kill(name: string): void {
  const pid = runningPid(ctx.paths, name);
  if (pid === undefined) {
    throw new Error(`${name} is not running`);
  }
  killGroup(pid);
}

/** A scanner as it should behave: on trouble it retries with the same idempotency key until it gets an answer. */
async function redeemUntilAnswered(key: string, passId: string): Promise<{ status: number; id?: string }> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const answer = await pool.post(
        '/redemptions',
        { qr: cardOf(passId), offerId, quantity: 1 },
        { 'Idempotency-Key': key },
      );
      if (answer.status < 500 || attempt >= 30) {
        return { status: answer.status, id: answer.body.redemption?.redemptionId };
      }
    } catch (error) {
      if (attempt >= 30) {
        throw error;
      }
    }
    await sleep(1_000);
  }
}

beforeAll(async () => {
  sessions = readers.map((org) =>
    openGateway(ctx, org, enrolledCredentials(ctx, gemeente, 'gemeente-admin')),
  );
  const municipality = sessions[0]?.contract;
  if (!municipality) {
    throw new Error('no municipality session');
  }
  await ensureConfiguredWithVenue(municipality, VENUE, 'Sportcentrum Kardinge');
  await createOfferWithPasses(municipality, { offerId, venueId: VENUE, entries: 100, passIds });
  cardOf = await municipalityCards(ctx, municipality);
});

afterAll(() => {
  for (const session of sessions) {
    session.close();
  }
});

// The venue's gateway dials its own organisation's peer only; the partner's peer killed here is SVB's, whose
// endorsement the majority can do without.
test('when the Raft leader and a partner’s peer are killed during load, then every acknowledged redemption is committed once on every peer', async () => {
  const leader = await leaderOrderer();
  const answers: { status: number; id?: string }[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < REQUESTS) {
      const i = next;
      next += 1;
      answers[i] = await redeemUntilAnswered(`fault-${runId}-${i}`, passIds[i % passIds.length] ?? '');
    }
  };

  const load = Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  await until(() => next >= REQUESTS / 4);
  kill(`orderer-${leader.name}`);
  await until(() => next >= REQUESTS / 2);
  kill(`peer-${svb.name}`);
  await load;
  await startProcess(ctx.paths, ordererProcess(ctx, leader));
  await startProcess(ctx.paths, peerProcess(ctx, svb));
  await waitUntilReady(ctx);

  expect(answers.map((a) => a.status)).toEqual(Array.from({ length: REQUESTS }, () => 201));
  const ids = new Set(answers.map((a) => a.id));
  expect(ids.size).toBe(REQUESTS);
  await eventually(async () => {
    const heights = await Promise.all(ctx.network.organisations.map((o) => peerHeight(ctx, o)));
    if (heights.includes(undefined) || new Set(heights).size !== 1) {
      throw new Error(`peer heights differ: ${heights.join(', ')}`);
    }
  });
  for (const session of sessions) {
    for (const id of ids) {
      await expect(
        evaluateJson(session.contract, 'redemptions:GetRedemption', { redemptionId: id }),
      ).resolves.toMatchObject({
        redemptionId: id,
      });
    }
  }
  const municipality = sessions[0]?.contract;
  if (!municipality) {
    throw new Error('no municipality session');
  }
  let used = 0;
  for (const passId of passIds) {
    const pass = await evaluateJson<PassView>(municipality, 'passes:GetPass', { passId });
    used += pass.vouchers.find((v) => v.offerId === offerId)?.used ?? 0;
  }
  expect(used).toBe(REQUESTS);
});

const FIRST_PASS = passIds[0] ?? '';

/** The holder page of a pass's card on the venues organisation's gateway, as a resident's browser posts it. */
async function holderPageAtVenues(passId: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${readClients(ctx.paths.clientsFile).gateways.venues?.url ?? ''}/pass`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ qr: cardOf(passId) }).toString(),
  });
  return { status: res.status, text: await res.text() };
}

test("when every process of the municipality is killed, then a venue keeps booking, a holder still sees their pass on a partner's gateway, and the municipality's node catches up after its restart", async () => {
  const municipalityProcesses = nodeProcessNames(gemeente);
  expect(municipalityProcesses).toEqual([
    'gateway-gemeente',
    'chaincode-gemeente',
    'peer-gemeente',
    'orderer-gemeente',
    'ca-gemeente',
  ]);
  for (const name of municipalityProcesses) {
    kill(name);
  }

  const answers: { status: number; id?: string }[] = [];
  for (let i = 0; i < 10; i += 1) {
    answers.push(await redeemUntilAnswered(`outage-${runId}-${i}`, passIds[i % passIds.length] ?? ''));
  }
  const holder = await holderPageAtVenues(FIRST_PASS);
  await up(ctx);
  await waitUntilReady(ctx);

  expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 10 }, () => 201));
  expect(holder.status).toBe(200);
  expect(holder.text).toContain(`Pas ${FIRST_PASS}`);
  const municipality = sessions[0]?.contract;
  if (!municipality) {
    throw new Error('no municipality session');
  }
  for (const { id } of answers) {
    await eventually(() => evaluateJson(municipality, 'redemptions:GetRedemption', { redemptionId: id }));
  }
});
