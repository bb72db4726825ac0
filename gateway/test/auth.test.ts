import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashApiKey } from '../src/auth/api-key';
import { loadKeyStore } from '../src/auth/key-store';
import { makeClient } from './support/clients';
import { errorOf } from './support/responses';
import { buildTestApp } from './support/test-app';

describe('API key authentication', () => {
  it('when a request has no Authorization header, then it is refused with 401 UNAUTHENTICATED', async () => {
    const { http } = buildTestApp();

    const res = await http.get('/api/v1/offers');

    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) as string } });
  });

  it('when the key is unknown, then it is refused with 401 and the ledger is not called', async () => {
    const { http, ledger } = buildTestApp();

    const res = await http.get('/api/v1/offers').set('Authorization', 'Bearer not-a-key');

    expect(res.status).toBe(401);
    expect(errorOf(res).code).toBe('UNAUTHENTICATED');
    expect(ledger.calls).toHaveLength(0);
  });

  it('when the header is not a bearer token, then it is refused with 401', async () => {
    const { http, clients } = buildTestApp();

    const res = await http.get('/api/v1/offers').set('Authorization', `Basic ${clients.staff.apiKey}`);

    expect(res.status).toBe(401);
  });

  it('when the key is valid, then the ledger is called as that client’s identity', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    ledger.on('offers:ListOffers', () => []);

    const res = await http.get('/api/v1/offers').set(as(clients.venue));

    expect(res.status).toBe(200);
    expect(ledger.calls[0]?.identity).toMatchObject({
      name: 'kardinge-scanner',
      venueId: 'zwembad-kardinge',
    });
    expect(ledger.calls[0]?.identity).not.toHaveProperty('apiKeySha256');
  });
});

describe('per-key rate limit', () => {
  it('when a key exceeds its requests per minute, then it gets 429 RATE_LIMITED while other keys go on', async () => {
    const { http, ledger, clients, as } = buildTestApp({ rateLimitPerMinute: 3 });
    ledger.on('offers:ListOffers', () => []);
    for (let i = 0; i < 3; i++) {
      await http.get('/api/v1/offers').set(as(clients.venue)).expect(200);
    }

    const limited = await http.get('/api/v1/offers').set(as(clients.venue));
    const other = await http.get('/api/v1/offers').set(as(clients.staff));

    expect(limited.status).toBe(429);
    expect(errorOf(limited).code).toBe('RATE_LIMITED');
    expect(other.status).toBe(200);
  });
});

describe('key store file', () => {
  it('when a client is added, then the file holds its sha256 hash and never the key itself', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'keystore-'));
    const path = join(dir, 'clients.json');
    await writeFile(
      path,
      JSON.stringify({ clients: [makeClient('gemeente-admin', { role: 'admin' }).record] }),
    );
    const store = await loadKeyStore(path);
    const added = makeClient('new-scanner', {
      role: 'venue',
      mspId: 'VenuesMSP',
      venueId: 'zwembad-kardinge',
    });

    await store.add(added.record);

    const text = await readFile(path, 'utf8');
    expect(text).toContain(hashApiKey(added.apiKey));
    expect(text).not.toContain(added.apiKey);
    expect((await loadKeyStore(path)).findByApiKey(added.apiKey)?.name).toBe('new-scanner');
  });

  it('when a client of the same name exists, then adding it again is refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'keystore-'));
    const path = join(dir, 'clients.json');
    const existing = makeClient('gemeente-admin', { role: 'admin' });
    await writeFile(path, JSON.stringify({ clients: [existing.record] }));
    const store = await loadKeyStore(path);

    await expect(store.add(makeClient('gemeente-admin').record)).rejects.toThrow(/already exists/);
  });

  it('when the file has an unknown field, then loading it fails and names the problem', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'keystore-'));
    const path = join(dir, 'clients.json');
    await writeFile(path, JSON.stringify({ clients: [{ ...makeClient('x').record, apiKey: 'plain' }] }));

    await expect(loadKeyStore(path)).rejects.toThrow(/apiKey/);
  });
});
