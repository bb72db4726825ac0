import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { GatewayConfig } from '../src/config/gateway-config';
import { parseConfig } from '../src/config/load-config';
import { startGateway, type RunningGateway } from '../src/start-gateway';
import { makeClient, type TestClient } from './support/clients';

const tlsRoot = join(__dirname, 'fixtures', 'peer-tls-root.pem');

/** A configuration whose only peer does not listen, with an admin whose key is a real EC key. */
async function configWithPeerDown(withAdmin = true): Promise<{ config: GatewayConfig; admin: TestClient }> {
  const dir = await mkdtemp(join(tmpdir(), 'gateway-'));
  const keyPath = join(dir, 'admin-key.pem');
  await writeFile(
    keyPath,
    generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
  );
  const admin = makeClient('gemeente-admin', {
    role: withAdmin ? 'admin' : 'staff',
    certPath: tlsRoot,
    keyPath,
  });
  await writeFile(join(dir, 'clients.json'), JSON.stringify({ clients: [admin.record] }));
  const config = parseConfig({
    org: 'gemeente',
    mspId: 'GemeenteMSP',
    port: 0,
    stateDir: join(dir, 'state'),
    peers: [{ mspId: 'GemeenteMSP', endpoint: '127.0.0.1:1', tlsRootCertPath: tlsRoot }],
    keyStorePath: join(dir, 'clients.json'),
  });
  return { config, admin };
}

describe('starting and stopping a gateway', () => {
  let running: RunningGateway | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  it('when its peer is down, then it still serves and reports 503 on /health', async () => {
    const { config } = await configWithPeerDown();

    running = await startGateway(config, 'test', pino({ level: 'silent' }));
    const res = await fetch(`${running.url}/health`);

    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'unavailable', ledger: { reachable: false } });
  });

  it('when it is stopped, then it no longer accepts connections', async () => {
    const { config } = await configWithPeerDown();
    const gateway = await startGateway(config, 'test', pino({ level: 'silent' }));
    await fetch(`${gateway.url}/openapi.json`);

    await gateway.stop();

    await expect(fetch(`${gateway.url}/openapi.json`)).rejects.toThrow();
  });

  it('when the key store has no admin of the organisation, then start-up fails and says so', async () => {
    const { config } = await configWithPeerDown(false);

    await expect(startGateway(config, 'test', pino({ level: 'silent' }))).rejects.toThrow(
      /no client with role admin/,
    );
  });
});
