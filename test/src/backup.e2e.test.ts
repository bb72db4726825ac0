/**
 * A municipality that loses its node's disk: restored from a backup, with every holder's personal data (which no
 * other node holds), every balance and the books intact, while the venues booked on.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PassView } from '../../chaincode/src/vocabulary';
import {
  createOfferWithPasses,
  enrolledCredentials,
  ensureConfiguredWithVenue,
  evaluateJson,
  municipalityCards,
  openGateway,
  peerHeight,
  type GatewaySession,
} from '@stadspas/network';
import { eventually, orgByMsp, runCli, testNetwork } from './support/network';
import { readClients, restClient } from './support/rest-client';

const ctx = testNetwork();
const gemeente = orgByMsp(ctx, 'GemeenteMSP');
const VENUE = 'zwembad-kardinge';
const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const offerId = `backup-${runId}`;
const passIds = Array.from({ length: 3 }, (_, i) => `BACKUP-${runId}-${i}`);
const pool = restClient<unknown>(readClients(ctx.paths.clientsFile), VENUE);
const backupDir = mkdtempSync(join(tmpdir(), 'stadspas-backup-test-'));

/** A session of the municipality's admin through its own peer. */
function municipalitySession(): GatewaySession {
  return openGateway(ctx, gemeente, enrolledCredentials(ctx, gemeente, 'gemeente-admin'));
}

/** What only the municipality's node can show: each holder's record, and each pass's voucher use. */
async function municipalityView(session: GatewaySession): Promise<unknown[]> {
  return Promise.all(
    passIds.map(async (passId) => ({
      holder: await evaluateJson(session.contract, 'passes:GetHolder', { passId }),
      used: (await evaluateJson<PassView>(session.contract, 'passes:GetPass', { passId })).vouchers.find(
        (v) => v.offerId === offerId,
      )?.used,
    })),
  );
}

async function book(cardOf: (passId: string) => string, key: string, passId: string): Promise<number> {
  const answer = await pool.post(
    '/redemptions',
    { qr: cardOf(passId), offerId, quantity: 1 },
    { 'Idempotency-Key': key },
  );
  return answer.status;
}

afterAll(() => {
  rmSync(backupDir, { recursive: true, force: true });
});

test('when the municipality’s node is wiped while the venues book and restored from its backup, then every holder, every balance and verify are intact', async () => {
  const before = municipalitySession();
  let cardOf: (passId: string) => string;
  let expected: unknown[];
  try {
    await ensureConfiguredWithVenue(before.contract, VENUE, 'Sportcentrum Kardinge');
    await createOfferWithPasses(before.contract, { offerId, venueId: VENUE, entries: 20, passIds });
    cardOf = await municipalityCards(ctx, before.contract);
    expect(await book(cardOf, `${runId}-before`, passIds[0] ?? '')).toBe(201);

    const file = join(backupDir, 'gemeente.tar.gz');
    const backup = await runCli(ctx, ['node', 'backup', '--org', gemeente.name, '--file', file]);
    expect(backup).toMatchObject({ exitCode: 0 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expected = await municipalityView(before);
  } finally {
    before.close();
  }

  const own = ctx.paths.org(gemeente);
  expect(await runCli(ctx, ['node', 'stop', '--org', gemeente.name])).toMatchObject({ exitCode: 0 });
  rmSync(own.root, { recursive: true, force: true });
  expect(existsSync(own.root)).toBe(false);

  // The venues book on without the municipality's node.
  const statuses = [];
  for (const [i, passId] of passIds.entries()) {
    statuses.push(await book(cardOf, `${runId}-down-${String(i)}`, passId));
  }
  expect(statuses).toEqual([201, 201, 201]);

  const started = Date.now();
  const restored = await runCli(ctx, [
    'node',
    'restore',
    '--org',
    gemeente.name,
    '--file',
    join(backupDir, 'gemeente.tar.gz'),
  ]);
  expect(restored).toMatchObject({ exitCode: 0 });
  console.log(`restored the municipality's node in ${String((Date.now() - started) / 1000)} s`);

  const after = municipalitySession();
  try {
    await eventually(async () => {
      const heights = await Promise.all(ctx.network.organisations.map((o) => peerHeight(ctx, o)));
      if (heights.includes(undefined) || new Set(heights).size !== 1) {
        throw new Error(`peer heights differ: ${heights.join(', ')}`);
      }
    }, 120_000);
    const view = (await municipalityView(after)) as { holder: unknown; used?: number }[];
    expect(view.map((v) => v.holder)).toEqual((expected as { holder: unknown }[]).map((v) => v.holder));
    // Each pass booked once more while the node was away.
    expect(view.map((v) => v.used)).toEqual((expected as { used?: number }[]).map((v) => (v.used ?? 0) + 1));
  } finally {
    after.close();
  }
  const verified = await runCli(ctx, ['verify', '--org', gemeente.name]);
  expect(verified).toMatchObject({ exitCode: 0 });
}, 600_000);
