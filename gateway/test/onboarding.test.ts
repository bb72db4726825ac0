import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inMemoryKeyStore } from '../src/auth/key-store';
import { AppError } from '../src/errors/app-error';
import type { CertificateAuthority, NewIdentity } from '../src/onboarding/certificate-authority';
import { fabricCaClient } from '../src/onboarding/fabric-ca-client';
import { caConfig, scanner, scriptedCaBinary } from './support/certificate-authority';
import { makeClient, standardClients, type TestClient } from './support/clients';
import { errorOf } from './support/responses';
import { buildTestApp, type TestApp } from './support/test-app';

/** A CA double that remembers whom it registered and refuses a name twice, as Fabric CA does. */
type RecordingCa = CertificateAuthority & {
  registered: NewIdentity[];
  settled: string[];
  revoked: string[];
  /** While set, revoking fails as a CA that does not answer. */
  down: boolean;
};

function inMemoryCa(): RecordingCa {
  const registered: NewIdentity[] = [];
  const settled: string[] = [];
  const ca: RecordingCa = {
    registered,
    settled,
    revoked: [],
    down: false,
    revoke: (name) => {
      if (ca.down) {
        return Promise.reject(new AppError('UNAVAILABLE', 'the certificate authority did not answer'));
      }
      ca.revoked.push(name);
      return Promise.resolve();
    },
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
  return ca;
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

describe('GET /clients', () => {
  it('when the org admin lists the clients, then each is named with its role and venue, never its key, and a venue may not list them', async () => {
    const { http, as, admin, venue, ca, keyStore } = venuesGateway();
    const byVenue = await http.get('/api/v1/clients').set(as(venue));
    ca.down = true;
    await http.delete(`/api/v1/clients/${venue.record.name}`).set(as(admin)).expect(503);

    const listed = await http.get('/api/v1/clients').set(as(admin));

    expect(listed.status).toBe(200);
    const revokedAt = keyStore.list().find((c) => c.name === venue.record.name)?.revokedAt;
    expect(revokedAt).toEqual(expect.any(String));
    expect(listed.body).toEqual({
      clients: [
        { name: admin.record.name, role: 'admin' },
        { name: venue.record.name, role: 'venue', venueId: venue.record.venueId, revokedAt },
      ].sort((a, b) => a.name.localeCompare(b.name)),
    });
    expect(JSON.stringify(listed.body)).not.toMatch(/apiKey|certPath|keyPath/);
    expect([byVenue.status, errorOf(byVenue).code]).toEqual([403, 'FORBIDDEN']);
  });
});

describe('DELETE /clients/{name}', () => {
  it('when the org admin revokes a venue, then its key is refused from the next request on and the CA revokes its certificate', async () => {
    const { http, as, admin, venue, keyStore, ca } = venuesGateway();
    await http.get('/api/v1/offers').set(as(venue)).expect(200);

    const res = await http.delete(`/api/v1/clients/${venue.record.name}`).set(as(admin));

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ name: venue.record.name, apiKeyRevoked: true, certificateRevoked: true });
    expect(ca.revoked).toEqual([venue.record.name]);
    expect(keyStore.list().map((c) => c.name)).toEqual([admin.record.name]);
    expect((await http.get('/api/v1/offers').set(as(venue))).status).toBe(401);
  });

  it('when the CA does not answer, then the key is refused at once, and the same request again revokes the certificate', async () => {
    const { http, as, admin, venue, keyStore, ca } = venuesGateway();
    ca.down = true;

    const first = await http.delete(`/api/v1/clients/${venue.record.name}`).set(as(admin));

    expect([first.status, errorOf(first).code]).toEqual([503, 'UNAVAILABLE']);
    expect(errorOf(first).message).toMatch(/API key .* is revoked, its certificate not yet/);
    expect((await http.get('/api/v1/offers').set(as(venue))).status).toBe(401);
    expect(keyStore.list().find((c) => c.name === venue.record.name)?.revokedAt).toEqual(expect.any(String));

    ca.down = false;
    const again = await http.delete(`/api/v1/clients/${venue.record.name}`).set(as(admin));

    expect(again.status).toBe(200);
    expect(ca.revoked).toEqual([venue.record.name]);
    expect(keyStore.list().map((c) => c.name)).toEqual([admin.record.name]);
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
    expect(keyStore.list().every((c) => c.revokedAt === undefined)).toBe(true);
  });
});

describe('fabric-ca-client invocation', () => {
  it('when a venue is enrolled, then it is registered with role and venueId as ecert attributes', async () => {
    // Logs its arguments and writes what enrol writes.
    const { dir, binary } = await scriptedCaBinary((state) => [
      'set -euo pipefail',
      `echo "$* url=\${FABRIC_CA_CLIENT_URL:-} secret=\${FABRIC_CA_CLIENT_ID_SECRET:-}" >> '${state}/calls.log'`,
      'if [ "$1" = enroll ]; then',
      '  msp=""; while [ $# -gt 0 ]; do [ "$1" = --mspdir ] && msp="$2"; shift; done',
      '  mkdir -p "$msp/signcerts" "$msp/keystore"; echo cert > "$msp/signcerts/cert.pem"; echo key > "$msp/keystore/abc_sk"',
      'fi',
    ]);
    const log = join(dir, 'calls.log');
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

  it('when a client is revoked, then its registrar revokes it by name for key compromise, and a repeat is no error', async () => {
    const { dir, binary } = await scriptedCaBinary((state) => [
      `echo "$*" >> '${state}/calls.log'`,
      `[ "$(wc -l < '${state}/calls.log')" -gt 1 ] && { echo "Identity kardinge-scanner-2 is already revoked" >&2; exit 1; }`,
      'exit 0',
    ]);
    const log = join(dir, 'calls.log');
    const ca = fabricCaClient(caConfig(binary), join(dir, 'clients'));

    await ca.revoke(scanner.name);
    await ca.revoke(scanner.name);

    const [revoke] = (await readFile(log, 'utf8')).trim().split('\n');
    expect(revoke).toMatch(/^revoke /);
    expect(revoke).toContain(`--revoke.name ${scanner.name} --revoke.reason keycompromise`);
    expect(revoke).toContain('--mspdir /registrar/msp');
  });

  it('when the CA says the name is registered, then it is ALREADY_EXISTS', async () => {
    const { dir, binary } = await scriptedCaBinary(() => [
      'echo "Identity kardinge is already registered" >&2',
      'exit 1',
    ]);
    const ca = fabricCaClient(caConfig(binary), join(dir, 'clients'));

    await expect(ca.registerAndEnrol(scanner)).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
  });
});
