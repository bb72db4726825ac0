/**
 * The scheme out and in: the municipality exports its books from its own peer, each organisation carries its part
 * into a fresh network of its own through its own gateway, and `npm run verify` writes byte-identical balances on
 * both. A pass that has been booked in its new books refuses a second import, and no other organisation's own
 * client can import passes.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import {
  createContext,
  createOfferWithPasses,
  down,
  enrolledCredentials,
  ensureConfiguredWithVenue,
  openGateway,
  submitJson,
  up,
  type NetworkConfig,
  type NetworkContext,
} from '@stadspas/network';
import { orgByMsp, runCli, testNetwork } from './support/network';
import { refusalOf } from './support/refusal';
import { readClients, restClient, type RestClient } from './support/rest-client';

interface Body {
  readonly error?: { readonly code: string; readonly message: string };
  readonly status?: string;
}

const PORT_SHIFT = 700;
const KARDINGE = 'zwembad-kardinge';
const repoRoot = resolve(__dirname, '..', '..');
const source = testNetwork();
const base = mkdtempSync(join(tmpdir(), 'stadspas-migration-'));
const networkFile = join(base, 'network.json');
const description = JSON.parse(
  readFileSync(join(repoRoot, 'network', 'network.json'), 'utf8'),
) as NetworkConfig;
writeFileSync(
  networkFile,
  JSON.stringify({
    ...description,
    organisations: description.organisations.map((o) => ({
      ...o,
      ports: Object.fromEntries(Object.entries(o.ports).map(([k, p]) => [k, p + PORT_SHIFT])),
    })),
  }),
);
const target = createContext({ repoRoot, home: join(base, 'home'), networkFile });
const exported = join(base, 'export');
const unique = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const passId = `mig-${unique}`;
const svbOffer = `mig-svb-budget-${unique}`;

function as(ctx: NetworkContext, name: string): RestClient<Body> {
  return restClient<Body>(readClients(ctx.paths.clientsFile), name);
}

/** `npm run <command>` on the fresh network. */
const onTarget = (args: readonly string[]): ReturnType<typeof runCli> =>
  runCli(target, args, 600_000, { STADSPAS_NETWORK: networkFile });

beforeAll(async () => {
  const gemeente = orgByMsp(source, 'GemeenteMSP');
  const session = openGateway(source, gemeente, enrolledCredentials(source, gemeente, 'admin'));
  try {
    await ensureConfiguredWithVenue(session.contract, KARDINGE, 'Sportcentrum Kardinge');
    await createOfferWithPasses(session.contract, {
      offerId: `mig-swim-${unique}`,
      venueId: KARDINGE,
      entries: 5,
      passIds: [passId],
    });
  } finally {
    session.close();
  }
  // A pass's balance on an offer another organisation funds: the municipality alone cannot carry it in.
  const svb = as(source, 'svb-admin');
  const created = await svb.post('/offers', {
    offerId: svbOffer,
    name: 'Migration budget',
    kind: 'budget',
    budgetCentsPerPeriod: 10_000,
    eligibleVenueIds: [KARDINGE],
    eligibleCategories: ['adult'],
    reimbursement: { shareBasisPoints: 10_000 },
    funderMspId: 'SVBMSP',
    validFrom: new Date(Date.now() - 86_400_000).toISOString(),
    validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    grantByRule: false,
  });
  expect(created.status).toBe(201);
  const granted = await svb.post(
    `/passes/${passId}/vouchers`,
    { offerId: svbOffer, amount: 2500 },
    { 'Idempotency-Key': `mig-grant-${unique}` },
  );
  expect(granted.status).toBe(201);
  await up(target);
}, 600_000);

afterAll(async () => {
  await down(target);
  rmSync(base, { recursive: true, force: true });
}, 120_000);

describe('the scheme out and in', () => {
  test('when the municipality exports its books and each organisation carries its part into a fresh network, then verify writes byte-identical balances on both', async () => {
    const exportRun = await runCli(source, ['export', '--org', 'gemeente', '--out', exported]);
    expect(exportRun.exitCode).toBe(0);
    const ajv = new Ajv2020({ strict: false });
    for (const file of readdirSync(exported).filter((name) => name.endsWith('.jsonl'))) {
      const name = file.replace(/\.jsonl$/, '');
      const validate = ajv.compile(
        JSON.parse(readFileSync(join(exported, 'schemas', `${name}.schema.json`), 'utf8')) as object,
      );
      const records = readFileSync(join(exported, file), 'utf8')
        .split('\n')
        .filter((line) => line !== '');
      const invalid = records.filter((line) => !validate(JSON.parse(line)));
      expect({ file, invalid }).toEqual({ file, invalid: [] });
    }
    expect(readFileSync(join(exported, 'holders.jsonl'), 'utf8')).toContain(`"passId":"${passId}"`);

    const early = await onTarget(['import', '--org', 'gemeente', '--from', exported]);
    expect(early.exitCode).toBe(1);
    expect(early.output).toContain(`${svbOffer} (SVBMSP)`);
    for (const org of ['svb', 'gemeente', 'venues']) {
      const run = await onTarget(['import', '--org', org, '--from', exported]);
      expect({ org, exitCode: run.exitCode, output: run.output }).toMatchObject({ org, exitCode: 0 });
    }

    const books = async (ctx: NetworkContext, name: string): Promise<string> => {
      const out = join(base, name);
      const run =
        ctx === target
          ? await onTarget(['verify', '--org', 'gemeente', '--out', out])
          : await runCli(ctx, ['verify', '--org', 'gemeente', '--out', out]);
      expect(run.output).toContain('Every check passed.');
      return readFileSync(join(out, 'balances.csv'), 'utf8');
    };
    const before = await books(source, 'source-books');
    const after = await books(target, 'target-books');
    expect(after).toBe(before);
    expect(after).toContain(`${passId},${svbOffer},`);
  }, 900_000);

  test('when a carried-in pass has been booked, then importing it again is refused; a venues admin’s own client cannot import', async () => {
    const admin = as(target, 'gemeente-admin');
    const permission = `/venues/${KARDINGE}/book-by-number`;
    expect((await admin.post(permission, { reason: 'migration test' })).status).toBe(200);
    const booked = await as(target, KARDINGE).post(
      '/redemptions',
      { passId, offerId: `mig-swim-${unique}`, quantity: 1 },
      { 'Idempotency-Key': `mig-book-${unique}` },
    );
    expect(booked.status).toBe(201);
    const item = {
      passId,
      category: 'adult',
      validFrom: '2026-01-01T00:00:00.000Z',
      validUntil: '2027-01-01T00:00:00.000Z',
      holderRef: `holder-${passId}`,
      openingBalances: [],
    };

    const again = await admin.post('/passes/import', { passes: [item] });

    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('ALREADY_BOOKED');
    const venues = orgByMsp(target, 'VenuesMSP');
    const partner = openGateway(target, venues, enrolledCredentials(target, venues, 'admin'));
    try {
      expect(
        await refusalOf(
          submitJson(partner.contract, 'passes:ImportPasses', {
            passes: [{ ...item, passId: `mig-forged-${unique}`, holderErased: true }],
          }),
        ),
      ).toMatch(/FORBIDDEN: only municipality identities with role admin/);
    } finally {
      partner.close();
    }
  });
});
