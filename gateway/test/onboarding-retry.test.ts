import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inMemoryKeyStore, type KeyStore } from '../src/auth/key-store';
import { fabricCaClient } from '../src/onboarding/fabric-ca-client';
import { caConfig, scanner, scriptedCaBinary } from './support/certificate-authority';
import { makeClient } from './support/clients';
import { errorOf } from './support/responses';
import { buildTestApp } from './support/test-app';

/**
 * A stand-in for the fabric-ca-client binary at the process boundary that behaves like the CA: register keeps the
 * secret and refuses a name twice, enrol checks the secret and writes a fresh key. A file `fail-enroll` in its
 * directory makes the next enrolment fail as an unreachable CA would.
 */
async function fakeCaBinary(): Promise<{ dir: string; binary: string; calls: () => Promise<string[]> }> {
  const { dir, binary } = await scriptedCaBinary((state) => [
    'set -euo pipefail',
    `state='${state}'`,
    'cmd=$1; echo "$cmd" >> "$state/calls.log"',
    'secret="${FABRIC_CA_CLIENT_ID_SECRET:-}"; url="${FABRIC_CA_CLIENT_URL:-}"; msp=""',
    'while [ $# -gt 0 ]; do case "$1" in --mspdir) msp=$2;; esac; shift; done',
    'if [ "$cmd" = register ]; then',
    '  if [ -f "$state/secret" ]; then echo "Identity is already registered" >&2; exit 1; fi',
    '  printf %s "$secret" > "$state/secret"; exit 0',
    'fi',
    'if [ -f "$state/fail-enroll" ]; then rm "$state/fail-enroll"; echo "connection refused" >&2; exit 1; fi',
    'case "$url" in *":$(cat "$state/secret")@"*) ;; *) echo "authentication failure" >&2; exit 1;; esac',
    'mkdir -p "$msp/signcerts" "$msp/keystore"; echo cert > "$msp/signcerts/cert.pem"; echo key > "$msp/keystore/k$RANDOM$RANDOM"_sk',
  ]);
  const calls = async (): Promise<string[]> =>
    (await readFile(join(dir, 'calls.log'), 'utf8')).trim().split('\n');
  return { dir, binary, calls };
}

describe('an onboarding that fails half-way', () => {
  it('when enrolment fails after registration, then the same request again enrols the registered identity', async () => {
    const { dir, binary, calls } = await fakeCaBinary();
    const ca = fabricCaClient(caConfig(binary), join(dir, 'clients'));
    await writeFile(join(dir, 'fail-enroll'), '');

    await expect(ca.registerAndEnrol(scanner)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    const pending = join(dir, 'clients', scanner.name, 'pending-registration.json');
    expect((await stat(pending)).mode & 0o777).toBe(0o600);
    const enrolled = await ca.registerAndEnrol(scanner);

    expect(await calls()).toEqual(['register', 'enroll', 'register', 'enroll']);
    expect(await readdir(join(dir, 'clients', scanner.name, 'msp', 'keystore'))).toHaveLength(1);
    expect(await readFile(enrolled.keyPath, 'utf8')).toBe('key\n');
    await ca.settle(scanner.name);
    await expect(stat(pending)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('when a registration awaiting its key is retried with another venueId, then it is ALREADY_EXISTS and nothing is enrolled', async () => {
    const { dir, binary, calls } = await fakeCaBinary();
    const ca = fabricCaClient(caConfig(binary), join(dir, 'clients'));
    await writeFile(join(dir, 'fail-enroll'), '');
    await expect(ca.registerAndEnrol(scanner)).rejects.toMatchObject({ code: 'UNAVAILABLE' });

    await expect(ca.registerAndEnrol({ ...scanner, venueId: 'groninger-museum' })).rejects.toMatchObject({
      code: 'ALREADY_EXISTS',
    });
    expect(await calls()).toEqual(['register', 'enroll']);
  });

  it('when the CA knows the name from an identity registered elsewhere, then it is ALREADY_EXISTS and no secret is kept', async () => {
    const { dir, binary } = await fakeCaBinary();
    await writeFile(join(dir, 'secret'), 'someone-elses');
    const ca = fabricCaClient(caConfig(binary), join(dir, 'clients'));

    await expect(ca.registerAndEnrol(scanner)).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    expect(await readdir(join(dir, 'clients', scanner.name))).toEqual([]);
  });

  it('when the key cannot be stored after enrolment, then POST /clients again completes it with one registration', async () => {
    const { dir, binary, calls } = await fakeCaBinary();
    const admin = makeClient('venues-admin', { role: 'admin', mspId: 'VenuesMSP' });
    const store = inMemoryKeyStore([admin.record]);
    let failNextAdd = true;
    const flakyStore: KeyStore = {
      findByApiKey: (key) => store.findByApiKey(key),
      findByName: (name) => store.findByName(name),
      list: () => store.list(),
      add: (record) => {
        if (failNextAdd) {
          failNextAdd = false;
          return Promise.reject(new Error('disk full'));
        }
        return store.add(record);
      },
      remove: (name) => store.remove(name),
      revoke: (name, at) => store.revoke(name, at),
    };
    const { http, as, ledger } = buildTestApp({
      org: 'venues',
      mspId: 'VenuesMSP',
      keyStore: flakyStore,
      certificateAuthority: fabricCaClient(caConfig(binary), join(dir, 'clients')),
    });
    ledger.on('offers:ListOffers', () => []);

    expect((await http.post('/api/v1/clients').set(as(admin)).send(scanner)).status).toBe(500);
    const res = await http.post('/api/v1/clients').set(as(admin)).send(scanner);

    expect(res.status).toBe(201);
    const { apiKey } = res.body as { apiKey: string };
    await http
      .get('/api/v1/offers')
      .set({ Authorization: `Bearer ${apiKey}` })
      .expect(200);
    expect(await calls()).toEqual(['register', 'enroll', 'register', 'enroll']);
    expect(await readdir(join(dir, 'clients', scanner.name))).toEqual(['msp']);
  });

  it('when a venueId has capitals, as POST /venues accepts, then the venue is onboarded with it', async () => {
    const { dir, binary } = await fakeCaBinary();
    const admin = makeClient('venues-admin', { role: 'admin', mspId: 'VenuesMSP' });
    const { http, as, keyStore } = buildTestApp({
      org: 'venues',
      mspId: 'VenuesMSP',
      keyStore: inMemoryKeyStore([admin.record]),
      certificateAuthority: fabricCaClient(caConfig(binary), join(dir, 'clients')),
    });

    const res = await http
      .post('/api/v1/clients')
      .set(as(admin))
      .send({ ...scanner, venueId: 'Zwembad-Kardinge' });

    expect(res.status).toBe(201);
    expect(keyStore.findByName(scanner.name)).toMatchObject({ venueId: 'Zwembad-Kardinge' });
  });

  it.each([
    ['a venueId with a slash', { ...scanner, venueId: 'zwembad/kardinge' }],
    ['a name with a space', { ...scanner, name: 'kardinge scanner' }],
    ['a role no organisation issues', { ...scanner, role: 'cashier' }],
  ])('when the request has %s, then it is refused with 400 before the CA is asked', async (_case, body) => {
    const { dir, binary } = await fakeCaBinary();
    const admin = makeClient('venues-admin', { role: 'admin', mspId: 'VenuesMSP' });
    const { http, as } = buildTestApp({
      org: 'venues',
      mspId: 'VenuesMSP',
      keyStore: inMemoryKeyStore([admin.record]),
      certificateAuthority: fabricCaClient(caConfig(binary), join(dir, 'clients')),
    });

    const res = await http.post('/api/v1/clients').set(as(admin)).send(body);

    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('INVALID_ARGUMENT');
    await expect(readdir(join(dir, 'clients'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
