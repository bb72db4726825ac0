/**
 * The gateway onboards clients with a registrar of its own, which the CA lets register clients with the
 * chaincode's attributes only: the organisation's CA bootstrap registrar, which may register anything, stays
 * with the node's tooling.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, X509Certificate } from 'node:crypto';
import {
  credentialsFrom,
  enrolledCredentials,
  evaluateJson,
  municipalityCards,
  openGateway,
  presentingCard,
  submitJson,
} from '@stadspas/network';
import { eventually, orgByMsp, runCli, testNetwork } from './support/network';
import { refusalOf } from './support/refusal';
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

/** The one private key file of an MSP keystore folder. */
function onlyKeyIn(keystore: string): string {
  const [key] = readdirSync(keystore).filter((file) => file.endsWith('_sk'));
  if (key === undefined) {
    throw new Error(`no key in ${keystore}`);
  }
  return join(keystore, key);
}

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

test('when the municipality’s admin onboards a desk clerk and revokes it, then its key is refused at once, and its certificate by every peer once the revocation list is published, even from its own Fabric client', async () => {
  const clients = readClients(ctx.paths.clientsFile);
  const admin = restClient<{ apiKey?: string; certificateRevoked?: boolean }>(clients, 'gemeente-admin');
  const name = `clerk-${runId}`;

  const onboarded = await admin.post('/clients', { name, role: 'staff' });

  expect(onboarded.status).toBe(201);
  const apiKey = onboarded.body.apiKey ?? '';
  const clerk = restClient<unknown>(
    { ...clients, clients: [{ name, org: gemeente.name, role: 'staff', apiKey }] },
    name,
  );
  expect((await clerk.get('/offers')).status).toBe(200);
  // What a partner holding the clerk's files could do with them: its own Fabric client, through any peer.
  const msp = join(ctx.paths.org(gemeente).gatewayState, 'clients', name, 'msp');
  const credentials = credentialsFrom(
    gemeente.mspId,
    readFileSync(join(msp, 'signcerts', 'cert.pem')),
    readFileSync(onlyKeyIn(join(msp, 'keystore'))),
  );
  const sessions = ctx.network.organisations.map((org) => openGateway(ctx, org, credentials));
  try {
    for (const session of sessions) {
      await expect(evaluateJson(session.contract, 'offers:ListOffers')).resolves.toEqual(expect.any(Array));
    }

    const revoked = await admin.del(`/clients/${name}`);

    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ apiKeyRevoked: true, certificateRevoked: true });
    expect((await clerk.get('/offers')).status).toBe(401);

    const published = await runCli(ctx, ['node', 'publish-revocations', '--org', gemeente.name]);
    expect(published).toMatchObject({ exitCode: 0 });
    expect(published.output).toContain('revocation list now');

    for (const session of sessions) {
      await eventually(async () => {
        expect(await refusalOf(evaluateJson(session.contract, 'offers:ListOffers'))).toMatch(
          /revoked|access denied|creator/i,
        );
      }, 30_000);
    }
    // Published again (a list the CA signs anew), the certificate stays refused.
    expect(await runCli(ctx, ['node', 'publish-revocations', '--org', gemeente.name])).toMatchObject({
      exitCode: 0,
    });
    for (const session of sessions) {
      expect(await refusalOf(evaluateJson(session.contract, 'offers:ListOffers'))).toMatch(
        /revoked|access denied|creator/i,
      );
    }
  } finally {
    for (const session of sessions) {
      session.close();
    }
  }
});

/** The enrolment certificate of an MSP folder, with the CA's attributes extension as text. */
function certificateIn(msp: string): { cert: X509Certificate; pem: string; attributes: string } {
  const pem = readFileSync(join(msp, 'signcerts', 'cert.pem'), 'utf8');
  const text = spawnSync('openssl', ['x509', '-noout', '-text'], { input: pem, encoding: 'utf8' }).stdout;
  return { cert: new X509Certificate(pem), pem, attributes: /\{"attrs":.*\}/.exec(text)?.[0] ?? '' };
}

test('when a cashier is onboarded and the nodes enrolled, then their enrolment certificates carry no more than is read from them', async () => {
  const clients = readClients(ctx.paths.clientsFile);
  const admin = restClient<{ apiKey?: string }>(clients, 'gemeente-admin');
  const name = `desk-${runId}`;
  expect((await admin.post('/clients', { name, role: 'staff' })).status).toBe(201);

  const client = certificateIn(join(ctx.paths.org(gemeente).gatewayState, 'clients', name, 'msp'));
  const peer = certificateIn(join(ctx.paths.org(gemeente).identity('peer0'), 'msp'));

  expect(client.cert.subject.split('\n')).toEqual(['C=NL', 'OU=client', `CN=${name}`]);
  expect(client.cert.subjectAltName).toBeUndefined();
  expect(client.attributes).toBe('{"attrs":{"role":"staff"}}');
  expect(peer.cert.subject.split('\n')).toEqual(['C=NL', 'OU=peer', 'CN=peer0']);
  expect(peer.cert.subjectAltName).toBeUndefined();
  expect(peer.attributes).toBe('{"attrs":{}}');
  // Each goes into a transaction as PEM: the client's twice, each endorsing peer's once.
  expect(client.pem.length).toBeLessThan(900);
  expect(peer.pem.length).toBeLessThan(800);
});

test('when the gateway’s own reader identity is used from a direct Fabric client, then it reads a card for the holder page and nothing else', async () => {
  const { reader } = JSON.parse(readFileSync(ctx.paths.org(gemeente).gatewayConfig, 'utf8')) as {
    reader: { certPath: string; keyPath: string };
  };
  expect(reader.certPath).toMatch(/\/identities\/gateway-reader\/msp\//);
  const admin = openGateway(ctx, gemeente, enrolledCredentials(ctx, gemeente, 'gemeente-admin'));
  const session = openGateway(
    ctx,
    gemeente,
    credentialsFrom(gemeente.mspId, readFileSync(reader.certPath), readFileSync(reader.keyPath)),
  );
  try {
    const cardOf = await municipalityCards(ctx, admin.contract);
    const passId = 'SP-1001';

    await expect(
      evaluateJson(session.contract, 'redemptions:Scan', undefined, presentingCard(cardOf(passId))),
    ).resolves.toMatchObject({ passId });
    const attempts = [
      () => evaluateJson(session.contract, 'passes:GetPass', { passId }),
      () => evaluateJson(session.contract, 'redemptions:ListRedemptionsByPass', { passId }),
      () => submitJson(session.contract, 'passes:BlockPass', { passId, reason: 'lost' }),
    ];
    for (const attempt of attempts) {
      expect(await refusalOf(attempt())).toMatch(/FORBIDDEN/);
    }
  } finally {
    session.close();
    admin.close();
  }
});
