import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { NetworkConfig } from '../../network/src/config';
import { readClients, restClient, type RestClient } from './support/rest-client';
import { runCommand } from './support/run-command';

// A second network whose organisations all live on a non-loopback address: a Linux network namespace that
// this test makes, reached over a veth pair. Every node listens on that address only, so any endpoint, anchor
// peer, consenter, chaincode address, certificate name or gateway configuration still on loopback breaks it.

interface Body {
  readonly qr?: string;
  readonly vouchers?: readonly { readonly offerId: string; readonly remaining: number }[];
  readonly redemption?: { readonly passId: string; readonly presented: string };
}

const repoRoot = resolve(__dirname, '..', '..');
const namespace = `stadspas-hosts-${String(process.pid)}`;
const outside = 'sph0';
const inside = 'sph1';
const host = '10.77.0.2';
const home = mkdtempSync(join(tmpdir(), 'stadspas-hosts-'));
const networkFile = join(home, 'network.json');

/** Runs the network tooling inside the namespace, on the description whose hosts are the namespace's address. */
function inNamespace(command: 'up' | 'down'): string {
  return runCommand(
    'ip',
    ['netns', 'exec', namespace, 'npx', '--no-install', 'tsx', 'network/src/cli.ts', command],
    { STADSPAS_HOME: join(home, 'state'), STADSPAS_NETWORK: networkFile },
  );
}

function createNamespace(): void {
  runCommand('ip', ['netns', 'add', namespace]);
  runCommand('ip', ['link', 'add', outside, 'type', 'veth', 'peer', 'name', inside]);
  runCommand('ip', ['link', 'set', inside, 'netns', namespace]);
  runCommand('ip', ['addr', 'add', '10.77.0.1/24', 'dev', outside]);
  runCommand('ip', ['link', 'set', outside, 'up']);
  runCommand('ip', ['netns', 'exec', namespace, 'ip', 'addr', 'add', `${host}/24`, 'dev', inside]);
  runCommand('ip', ['netns', 'exec', namespace, 'ip', 'link', 'set', inside, 'up']);
  runCommand('ip', ['netns', 'exec', namespace, 'ip', 'link', 'set', 'lo', 'up']);
}

function removeNamespace(): void {
  spawnSync('ip', ['netns', 'del', namespace]);
  spawnSync('ip', ['link', 'del', outside]);
}

let municipality: RestClient<Body>;
let pool: RestClient<Body>;

beforeAll(() => {
  if (process.getuid?.() !== 0) {
    throw new Error('the hosts suite makes a network namespace (ip netns): run npm test as root, as CI does');
  }
  const network = JSON.parse(
    readFileSync(join(repoRoot, 'network', 'network.json'), 'utf8'),
  ) as NetworkConfig;
  writeFileSync(
    networkFile,
    JSON.stringify({ ...network, organisations: network.organisations.map((o) => ({ ...o, host })) }),
  );
  removeNamespace();
  createNamespace();
  inNamespace('up');
  const clients = readClients(join(home, 'state', 'clients.json'));
  municipality = restClient<Body>(clients, 'gemeente-admin');
  pool = restClient<Body>(clients, 'zwembad-kardinge');
}, 600_000);

afterAll(() => {
  try {
    inNamespace('down');
  } finally {
    removeNamespace();
    rmSync(home, { recursive: true, force: true });
  }
}, 120_000);

test('when every organisation runs on its own host address, then a pass is issued, scanned and booked through it', async () => {
  expect(municipality.url).toBe(`http://${host}:3000/api/v1`);
  const passId = `HOST-${Date.now().toString(36)}`;

  const issued = await municipality.post('/passes', {
    passId,
    category: 'adult',
    validFrom: '2026-01-01T00:00:00Z',
    validUntil: '2030-12-31T00:00:00Z',
    personalData: {
      name: 'Sanne Host',
      bsn: '123456782',
      dateOfBirth: '1990-02-03',
      address: 'Vismarkt 1, 9712 CA Groningen',
    },
  });
  expect(issued.status).toBe(201);
  const qr = issued.body.qr ?? '';
  expect(
    (await municipality.post(`/passes/${passId}/vouchers`, { offerId: 'swim-5', amount: 2 })).status,
  ).toBe(201);

  const remaining = async (): Promise<number | undefined> =>
    (await pool.post('/scan', { qr })).body.vouchers?.find((v) => v.offerId === 'swim-5')?.remaining;
  const before = await remaining();
  const booked = await pool.post('/redemptions', { qr, offerId: 'swim-5' }, { 'Idempotency-Key': passId });

  expect(booked.status).toBe(201);
  expect(booked.body.redemption).toMatchObject({ passId, presented: 'card' });
  expect(await remaining()).toBe((before ?? 0) - 1);
});
