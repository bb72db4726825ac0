/**
 * The gateway onboards clients with a registrar of its own, which the CA lets register clients with the
 * chaincode's attributes only: the organisation's CA bootstrap registrar, which may register anything, stays
 * with the node's tooling.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { orgByMsp, testNetwork } from './support/network';
import { readClients, restClient } from './support/rest-client';

interface GatewayConfigFile {
  readonly ca: {
    readonly url: string;
    readonly caName: string;
    readonly tlsCertPath: string;
    readonly registrarMspDir: string;
  };
}

const ctx = testNetwork();
const gemeente = orgByMsp(ctx, 'GemeenteMSP');
const config = JSON.parse(readFileSync(ctx.paths.org(gemeente).gatewayConfig, 'utf8')) as GatewayConfigFile;
const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;

/** `fabric-ca-client register` as the gateway's registrar, as a partner holding its files could run it. */
function registerAsGateway(
  name: string,
  type: string,
  attrs: string,
): { status: number | null; output: string } {
  const result = spawnSync(
    ctx.fabric.bin('fabric-ca-client'),
    [
      'register',
      '-u',
      config.ca.url,
      '--caname',
      config.ca.caName,
      '--tls.certfiles',
      config.ca.tlsCertPath,
      '--home',
      mkdtempSync(join(tmpdir(), 'registrar-')),
      '--mspdir',
      config.ca.registrarMspDir,
      '--id.name',
      name,
      '--id.type',
      type,
      '--id.secret',
      randomBytes(12).toString('hex'),
      ...(attrs === '' ? [] : ['--id.attrs', attrs]),
    ],
    { encoding: 'utf8' },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

test('when the gateway’s registrar files are used to register a peer, an admin or a registrar, then the CA refuses each', () => {
  expect(config.ca.registrarMspDir).toMatch(/\/identities\/gateway-registrar\/msp$/);
  const attempts = [
    registerAsGateway(`fake-peer-${runId}`, 'peer', ''),
    registerAsGateway(`fake-admin-${runId}`, 'admin', 'role=admin:ecert'),
    registerAsGateway(`fake-registrar-${runId}`, 'client', 'hf.Registrar.Roles=*'),
  ];

  for (const attempt of attempts) {
    expect(attempt.status).not.toBe(0);
    expect(attempt.output).toMatch(
      /Authorization failure|not authorized|is not a registrar|cannot register/i,
    );
  }
});

test('when the municipality’s admin onboards a desk clerk, then the gateway registers it with its own registrar, the new key works, and once revoked it is refused at once', async () => {
  const clients = readClients(ctx.paths.clientsFile);
  const admin = restClient<{ apiKey?: string }>(clients, 'gemeente-admin');
  const name = `clerk-${runId}`;

  const onboarded = await admin.post('/clients', { name, role: 'staff' });

  expect(onboarded.status).toBe(201);
  const apiKey = onboarded.body.apiKey ?? '';
  const clerk = restClient<unknown>(
    { ...clients, clients: [{ name, org: gemeente.name, role: 'staff', apiKey }] },
    name,
  );
  expect((await clerk.get('/offers')).status).toBe(200);

  const revoked = await admin.del(`/clients/${name}`);

  expect(revoked.status).toBe(200);
  expect((await clerk.get('/offers')).status).toBe(401);
});
