import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inMemoryKeyStore } from '../src/auth/key-store';
import { AppError } from '../src/errors/app-error';
import type { CertificateAuthority, NewIdentity } from '../src/onboarding/certificate-authority';
import { fabricCaClient } from '../src/onboarding/fabric-ca-client';
import { caConfig, scanner } from './support/certificate-authority';
import { makeClient, standardClients, type TestClient } from './support/clients';
import { errorOf } from './support/responses';
import { buildTestApp, type TestApp } from './support/test-app';

/** A CA double that remembers whom it registered and refuses a name twice, as Fabric CA does. */
type RecordingCa = CertificateAuthority & { registered: NewIdentity[]; settled: string[] };

function inMemoryCa(): RecordingCa {
  const registered: NewIdentity[] = [];
  const settled: string[] = [];
  return {
    registered,
    settled,
    settle: (name) => {
      settled.push(name);
      return Promise.resolve();
    },
    registerAndEnrol: (identity) => {
      if (registered.some((r) => r.name === identity.name)) {
        return Promise.reject(
          new AppError('ALREADY_EXISTS', `identity ${identity.name} is already registered`),
        );
      }
      registered.push(identity);
      return Promise.resolve({
        certPath: `ca/${identity.name}/cert.pem`,
        keyPath: `ca/${identity.name}/key.pem`,
      });
    },
  };
}

/** The venues organisation's gateway with its admin and one venue client. */
function venuesGateway(): TestApp & { admin: TestClient; venue: TestClient; ca: RecordingCa } {
  const admin = makeClient('venues-admin', { role: 'admin', mspId: 'VenuesMSP' });
  const venue = standardClients().venue;
  const ca = inMemoryCa();
  const world = buildTestApp({
    org: 'venues',
    mspId: 'VenuesMSP',
    roles: ['venues'],
    keyStore: inMemoryKeyStore([admin.record, venue.record]),
    certificateAuthority: ca,
  });
  world.ledger.on('offers:ListOffers', () => []);
  return { ...world, admin, venue, ca };
}

describe('POST /clients', () => {
  it('when the org admin onboards a venue, then the CA enrols it with its attributes and the new key works', async () => {
    const { http, as, admin, ca, keyStore } = venuesGateway();

    const res = await http.post('/api/v1/clients').set(as(admin)).send(scanner);

    expect(res.status).toBe(201);
    const { apiKey } = res.body as { apiKey: string };
    expect(apiKey).toMatch(/^spk_[A-Za-z0-9_-]{43}$/);
    expect(ca.registered).toEqual([scanner]);
    expect(keyStore.findByApiKey(apiKey)).toMatchObject({ ...scanner, mspId: 'VenuesMSP' });
    await http
      .get('/api/v1/offers')
      .set({ Authorization: `Bearer ${apiKey}` })
      .expect(200);
  });

  it('when a venue key tries to onboard, then it is refused with 403 and the CA is not asked', async () => {
    const { http, as, venue, ca } = venuesGateway();

    const res = await http.post('/api/v1/clients').set(as(venue)).send(scanner);

    expect(res.status).toBe(403);
    expect(ca.registered).toEqual([]);
  });

  it.each([
    ['a venue without venueId', { name: 'x-1', role: 'venue' }],
    ['a role the organisation does not issue', { name: 'x-2', role: 'payer' }],
    ['another admin', { name: 'x-3', role: 'admin' }],
  ])('when the admin asks for %s, then it is refused with 400', async (_case, body) => {
    const { http, as, admin, ca } = venuesGateway();

    const res = await http.post('/api/v1/clients').set(as(admin)).send(body);

    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('INVALID_ARGUMENT');
    expect(ca.registered).toEqual([]);
  });

  it('when the name is taken, then it is refused with 409 ALREADY_EXISTS', async () => {
    const { http, as, admin } = venuesGateway();
    await http.post('/api/v1/clients').set(as(admin)).send(scanner).expect(201);

    const res = await http.post('/api/v1/clients').set(as(admin)).send(scanner);

    expect(res.status).toBe(409);
  });

  it('when the gateway has no CA configured, then onboarding answers 503', async () => {
    const { http, as, clients } = buildTestApp();

    const res = await http
      .post('/api/v1/clients')
      .set(as(clients.admin))
      .send({ name: 'clerk-2', role: 'staff' });

    expect(res.status).toBe(503);
  });
});

describe('DELETE /clients/{name}', () => {
  it('when the org admin revokes a venue, then its key and its page session are refused from the next request on', async () => {
    const { http, as, admin, venue, keyStore } = venuesGateway();
    await http.get('/api/v1/offers').set(as(venue)).expect(200);

    const res = await http.delete(`/api/v1/clients/${venue.record.name}`).set(as(admin));

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ name: venue.record.name, apiKeyRevoked: true });
    expect(keyStore.findByName(venue.record.name)).toBeUndefined();
    expect((await http.get('/api/v1/offers').set(as(venue))).status).toBe(401);
  });

  it('when a venue, an admin of its own key or an unknown name is given, then it is refused and nothing changes', async () => {
    const { http, as, admin, venue, keyStore } = venuesGateway();

    const byVenue = await http.delete(`/api/v1/clients/${admin.record.name}`).set(as(venue));
    const ownKey = await http.delete(`/api/v1/clients/${admin.record.name}`).set(as(admin));
    const unknown = await http.delete('/api/v1/clients/nobody').set(as(admin));

    expect([byVenue.status, errorOf(byVenue).code]).toEqual([403, 'FORBIDDEN']);
    expect([ownKey.status, errorOf(ownKey).code]).toEqual([403, 'FORBIDDEN']);
    expect([unknown.status, errorOf(unknown).code]).toEqual([404, 'NOT_FOUND']);
    expect(keyStore.list()).toHaveLength(2);
  });
});

describe('fabric-ca-client invocation', () => {
  it('when a venue is enrolled, then it is registered with role and venueId as ecert attributes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ca-'));
    const log = join(dir, 'calls.log');
    const binary = join(dir, 'fabric-ca-client');
    // Stands in for the binary at the process boundary: logs its arguments and writes what enrol writes.
    await writeFile(
      binary,
      [
        '#!/usr/bin/env bash',
        'set -euo pipefail',
        `echo "$* url=\${FABRIC_CA_CLIENT_URL:-} secret=\${FABRIC_CA_CLIENT_ID_SECRET:-}" >> '${log}'`,
        'if [ "$1" = enroll ]; then',
        '  msp=""; while [ $# -gt 0 ]; do [ "$1" = --mspdir ] && msp="$2"; shift; done',
        '  mkdir -p "$msp/signcerts" "$msp/keystore"; echo cert > "$msp/signcerts/cert.pem"; echo key > "$msp/keystore/abc_sk"',
        'fi',
      ].join('\n'),
    );
    await chmod(binary, 0o755);
    const ca = fabricCaClient(caConfig(binary), join(dir, 'clients'));

    const enrolled = await ca.registerAndEnrol(scanner);

    const [register, enrol] = (await readFile(log, 'utf8')).trim().split('\n');
    expect(register).toContain('--id.attrs role=venue:ecert,venueId=zwembad-kardinge:ecert');
    expect(register).toContain('--mspdir /registrar/msp');
    expect(register).toMatch(/ secret=[A-Za-z0-9_-]{32}$/);
    expect(enrol).toMatch(/ url=https:\/\/kardinge-scanner-2:[A-Za-z0-9_-]+@127\.0\.0\.1:7054 /);
    // Secrets never appear among the arguments, which every local user can read in the process list.
    expect([register, enrol].map((line) => line?.split(' url=')[0])).not.toContainEqual(
      expect.stringMatching(/secret|@127/),
    );
    expect(enrolled.keyPath).toBe(join(dir, 'clients', scanner.name, 'msp', 'keystore', 'abc_sk'));
    expect(await readFile(enrolled.certPath, 'utf8')).toBe('cert\n');
  });

  it('when the CA says the name is registered, then it is ALREADY_EXISTS', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ca-'));
    const binary = join(dir, 'fabric-ca-client');
    await writeFile(
      binary,
      '#!/usr/bin/env bash\necho "Identity kardinge is already registered" >&2\nexit 1\n',
    );
    await chmod(binary, 0o755);
    const ca = fabricCaClient(caConfig(binary), join(dir, 'clients'));

    await expect(ca.registerAndEnrol(scanner)).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
  });
});
