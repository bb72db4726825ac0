/**
 * `npm run verify` on the real network: every organisation rebuilds the books from its own peer and every check
 * passes, with a booking, a claim and its payment among them; a copy of a peer's block file verifies offline,
 * and the same copy with one byte altered inside a block makes verify fail naming that block; with the other
 * organisations' peers stopped, verify does not claim the books are confirmed.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createOfferWithPasses,
  enrolledCredentials,
  ensureConfiguredWithVenue,
  openGateway,
  peerProcess,
  readBlockFile,
  startProcess,
  stopProcess,
  submitJson,
  waitUntilReady,
} from '@stadspas/network';
import { readModelCaughtUp } from './support/gateway-process';
import { eventually, orgByMsp, runCli, testNetwork, type CliRun } from './support/network';
import { refusalOf } from './support/refusal';
import { readClients, restClient, type RestClient } from './support/rest-client';

interface Body {
  readonly redemption?: { readonly redemptionId: string };
  readonly claimId?: string;
  readonly status?: string;
}

const ctx = testNetwork();
const gemeente = orgByMsp(ctx, 'GemeenteMSP');
const unique = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const KARDINGE = 'zwembad-kardinge';
const offerId = `verify-swim-${unique}`;
const passId = `verify-${unique}`;
const claimId = `verify-claim-${unique}`;
const paymentReference = `SVB-verify-${unique}`;
const discountOfferId = `verify-museum-${unique}`;
const FIGURES = ['reach', 'unspent-budget', 'discount-norm'] as const;
const scratch = mkdtempSync(join(tmpdir(), 'verify-e2e-'));
let redemptionId = '';

function as(name: string): RestClient<Body> {
  return restClient<Body>(readClients(ctx.paths.clientsFile), name);
}

async function bookByNumberAndClaim(): Promise<void> {
  const admin = as('gemeente-admin');
  const pool = as(KARDINGE);
  const periodFrom = new Date(Date.now() - 1_000).toISOString();
  const permission = `/venues/${KARDINGE}/book-by-number`;
  expect((await admin.post(permission, { reason: 'verify test bookings' })).status).toBe(200);
  try {
    const booked = await pool.post(
      '/redemptions',
      { passId, offerId, quantity: 1 },
      { 'Idempotency-Key': unique },
    );
    expect(booked.status).toBe(201);
    redemptionId = booked.body.redemption?.redemptionId ?? '';
  } finally {
    expect((await admin.post(`${permission}/revoke`, { reason: 'verify test done' })).status).toBe(200);
  }
  const period = { funderMspId: 'GemeenteMSP', periodFrom };
  expect((await pool.post('/claims', { claimId, ...period })).status).toBe(201);
  expect((await as('gemeente-staff').post(`/claims/${claimId}/approve`)).status).toBe(200);
  const paid = await as('svb-payer').post(`/claims/${claimId}/payment`, {
    paymentReference,
    paidOn: new Date().toISOString().slice(0, 10),
  });
  expect(paid.body.status).toBe('paid');
}

/** A discount offer at the pool for the suite's pass, and one booking of it by number. */
async function bookDiscount(): Promise<void> {
  const admin = as('gemeente-admin');
  const day = 86_400_000;
  const created = await admin.post('/offers', {
    offerId: discountOfferId,
    name: 'Verify discount',
    kind: 'discount',
    discountPercent: 40,
    maxAmountCentsPerBooking: 5000,
    discountCentsPerPeriod: 10_000,
    eligibleVenueIds: [KARDINGE],
    eligibleCategories: ['adult'],
    reimbursement: { shareBasisPoints: 5000 },
    funderMspId: 'GemeenteMSP',
    validFrom: new Date(Date.now() - day).toISOString(),
    validUntil: new Date(Date.now() + 30 * day).toISOString(),
    grantByRule: false,
  });
  expect(created.status).toBe(201);
  const permission = `/venues/${KARDINGE}/book-by-number`;
  expect((await admin.post(permission, { reason: 'verify test discount' })).status).toBe(200);
  try {
    const booked = await as(KARDINGE).post(
      '/redemptions',
      { passId, offerId: discountOfferId, amountCents: 2000 },
      { 'Idempotency-Key': `${unique}-discount` },
    );
    expect(booked.status).toBe(201);
  } finally {
    expect((await admin.post(`${permission}/revoke`, { reason: 'verify test done' })).status).toBe(200);
  }
}

/** A council figure's CSV as the municipality's gateway serves it from its read model. */
async function gatewayFigure(name: string): Promise<string> {
  const staff = as('gemeente-staff');
  const res = await fetch(`${staff.url}/reports/council/${name}?format=csv`, {
    headers: { Authorization: `Bearer ${staff.apiKey}` },
  });
  expect(res.status).toBe(200);
  return res.text();
}

/** A copy of the municipality's block file, laid out as in a peer data folder. */
function ledgerCopy(name: string): { root: string; file: string } {
  const chain = join('ledgersData', 'chains', 'chains', ctx.network.channel);
  const root = join(scratch, name);
  mkdirSync(join(root, chain), { recursive: true });
  const file = join(root, chain, 'blockfile_000000');
  copyFileSync(join(ctx.paths.org(gemeente).peerData, chain, 'blockfile_000000'), file);
  return { root, file };
}

/** `npm run verify -- --org gemeente --ledger <copy>`. */
function verifyOffline(root: string): Promise<CliRun> {
  return runCli(ctx, ['verify', '--org', gemeente.name, '--ledger', root, '--out', join(scratch, 'offline')]);
}

beforeAll(async () => {
  const session = openGateway(ctx, gemeente, enrolledCredentials(ctx, gemeente, 'admin'));
  try {
    await ensureConfiguredWithVenue(session.contract, KARDINGE, 'Sportcentrum Kardinge');
    await createOfferWithPasses(session.contract, {
      offerId,
      venueId: KARDINGE,
      entries: 5,
      passIds: [passId],
    });
  } finally {
    session.close();
  }
  await bookByNumberAndClaim();
});

describe('verifying the books from an organisation’s own node', () => {
  test.each(ctx.network.organisations.map((o) => o.name))(
    'when %s verifies from its own peer, then every check passes and the CSV files hold the books',
    async (org) => {
      const out = join(scratch, org);

      const run = await runCli(ctx, ['verify', '--org', org, '--out', out]);

      expect(run.output).toContain('Every check passed.');
      expect(run.exitCode).toBe(0);
      expect(run.output).toMatch(
        /Peers compared: +\w+: height \d+, same blocks; \w+: height \d+, same blocks/,
      );
      expect(readFileSync(join(out, 'balances.csv'), 'utf8')).toContain(`${passId},${offerId},`);
      expect(readFileSync(join(out, 'redemptions.csv'), 'utf8')).toContain(redemptionId);
      expect(readFileSync(join(out, 'claims.csv'), 'utf8')).toContain(paymentReference);
    },
  );

  test('when the municipality verifies, then its peer holds every key as replayed and shows every claim as replayed', async () => {
    const run = await runCli(ctx, ['verify', '--org', gemeente.name, '--out', join(scratch, 'again')]);

    expect(run.output).toMatch(/Peer state: +[1-9]\d* records compared, 0 mismatches/);
    expect(run.output).toMatch(/Peer keys: +[1-9]\d* keys compared by digest, 0 mismatches/);
    expect(run.output).not.toContain('not shown to this organisation');
  });

  test('when the municipality sets its discount norm, then verify recomputes from its own peer the council figures its gateway shows, byte for byte', async () => {
    const venues = orgByMsp(ctx, 'VenuesMSP');
    const partner = openGateway(ctx, venues, enrolledCredentials(ctx, venues, 'admin'));
    try {
      expect(
        await refusalOf(submitJson(partner.contract, 'config:SetDiscountNorm', { discountPercent: 1 })),
      ).toMatch(/FORBIDDEN: only municipality identities with role admin/);
    } finally {
      partner.close();
    }
    expect((await as('gemeente-staff').put('/config/discount-norm', { discountPercent: 50 })).status).toBe(
      403,
    );
    const norm = await as('gemeente-admin').put('/config/discount-norm', { discountPercent: 50 });
    expect(norm.status).toBe(200);
    await bookDiscount();
    const out = join(scratch, 'figures');

    // Another client may commit between the gateway's answer and verify's walk: then both are read again.
    const figures = await eventually(async () => {
      await readModelCaughtUp(gemeente);
      const served = await Promise.all(FIGURES.map(gatewayFigure));
      const run = await runCli(ctx, ['verify', '--org', gemeente.name, '--out', out]);
      expect(run.exitCode).toBe(0);
      const recomputed = FIGURES.map((name) => readFileSync(join(out, `${name}.csv`), 'utf8'));
      expect(recomputed).toEqual(served);
      return served;
    }, 300_000);

    expect(figures[0]).toMatch(
      /^month,category,activePasses,passesUsed,reachPercent\r\n\d{4}-\d{2},[\w-]+,\d+,\d+,[\d.]+\r\n/,
    );
    expect(figures[2]).toContain(`${discountOfferId},Verify discount,1,2000,800,40,50,-10\r\n`);
  }, 360_000);

  test('when a copy of the peer’s block file is verified offline, then the chain checks pass', async () => {
    const copy = ledgerCopy('intact');

    const run = await verifyOffline(copy.root);

    expect(run.output).toContain('Every check passed.');
    expect(run.exitCode).toBe(0);
  });

  test('when one byte inside a block of the copy is altered, then verify fails naming that block', async () => {
    const copy = ledgerCopy('altered');
    const bytes = readFileSync(copy.file);
    const { blocks } = readBlockFile(bytes);
    const target = blocks[blocks.length - 2];
    const envelope = target?.getData()?.getDataList_asU8()[0];
    if (target === undefined || envelope === undefined) {
      throw new Error('the block file holds too few blocks');
    }
    const at = bytes.indexOf(Buffer.from(envelope)) + Math.floor(envelope.length / 2);
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0x01, at);
    writeFileSync(copy.file, bytes);
    const number = target.getHeader()?.getNumber() ?? -1;

    const run = await verifyOffline(copy.root);

    expect(run.exitCode).not.toBe(0);
    expect(run.output).toContain(`block ${number}: DATA_HASH_MISMATCH`);
  });

  test('when the other two organisations’ peers are stopped, then SVB’s verify fails with its own exit code naming each peer it could not compare with', async () => {
    const svb = orgByMsp(ctx, 'SVBMSP');
    const others = ctx.network.organisations.filter((o) => o !== svb);
    for (const other of others) {
      await stopProcess(ctx.paths, `peer-${other.name}`);
    }
    let run: CliRun;
    try {
      run = await runCli(ctx, ['verify', '--org', svb.name, '--out', join(scratch, 'alone')]);
    } finally {
      for (const other of others) {
        await startProcess(ctx.paths, peerProcess(ctx, other));
      }
      await waitUntilReady(ctx);
    }

    expect(run.exitCode).toBe(2);
    expect(run.output).not.toContain('Every check passed.');
    expect(run.output).toContain(`NOT CONFIRMED (${String(others.length)}):`);
    for (const other of others) {
      expect(run.output).toContain(`could not compare with ${other.name}'s peer`);
    }
  });

  test('when a member of the channel is unknown to the node, then verify does not confirm the books and names it', async () => {
    const svb = orgByMsp(ctx, 'SVBMSP');
    const received = ctx.paths.org(svb).publicOf(gemeente).definition;
    renameSync(received, `${received}.away`);
    let run: CliRun;
    try {
      run = await runCli(ctx, ['verify', '--org', svb.name, '--out', join(scratch, 'unknown-member')]);
    } finally {
      renameSync(`${received}.away`, received);
    }

    expect(run.exitCode).toBe(2);
    expect(run.output).toContain(
      "could not compare with GemeenteMSP's peer: a member of the channel whose definition this node has not imported",
    );
  });
});
