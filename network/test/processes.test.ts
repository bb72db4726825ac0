import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { rootCertificates } from 'node:tls';
import { join } from 'node:path';
import { StatePaths } from '../src/description/paths';
import { startProcess, stopProcess, type ProcessSpec } from '../src/processes/processes';
import { grpcTlsReady, httpsOk } from '../src/processes/tls-probes';

function sleeper(ready: () => Promise<boolean>): ProcessSpec {
  return {
    name: 'sleeper',
    command: 'sleep',
    args: ['30'],
    env: {},
    ready,
    readyWhen: 'its admin endpoint (port 7053) lists channels',
    port: 7050,
  };
}

describe('starting a process', () => {
  const paths = new StatePaths(mkdtempSync(join(tmpdir(), 'processes-')));
  afterEach(async () => {
    await stopProcess(paths, 'sleeper', 1_000);
  });

  test('when it runs but never serves what comes next, then starting fails naming what was awaited, the port and the log', async () => {
    const start = startProcess(
      paths,
      sleeper(() => Promise.resolve(false)),
      600,
    );

    await expect(start).rejects.toThrow(
      `sleeper (port 7050) was not ready within 0.6 s (waited until its admin endpoint (port 7053) lists channels); see ${paths.logFile('sleeper')}`,
    );
  });

  test('when its readiness probe succeeds, then starting returns its pid', async () => {
    const pid = await startProcess(
      paths,
      sleeper(() => Promise.resolve(true)),
      5_000,
    );

    expect(pid).toBeGreaterThan(0);
  });
});

describe('readiness probes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'probes-'));
  const ca = join(dir, 'ca.pem');
  let plain: Server;
  const sockets: Socket[] = [];
  let port = 0;
  beforeAll(async () => {
    // Any CA certificate will do: the probes must fail before any certificate is checked.
    writeFileSync(ca, rootCertificates[0] ?? '');
    // Like a node whose operations port is up: it accepts connections but speaks no TLS.
    plain = createServer((socket) => {
      sockets.push(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    port = (plain.address() as AddressInfo).port;
  });
  const closePlain = (): void => {
    plain.close();
    for (const socket of sockets) {
      socket.destroy();
    }
  };
  afterAll(closePlain);

  test('when a port accepts connections but serves no TLS, then neither the HTTPS nor the gRPC probe reports ready', async () => {
    expect(await httpsOk(`127.0.0.1:${String(port)}`, '/api/v1/cainfo', { ca })).toBe(false);
    expect(await grpcTlsReady(`127.0.0.1:${String(port)}`, { ca })).toBe(false);
  }, 15_000);

  test('when nothing listens on the port, then neither probe reports ready', async () => {
    closePlain();

    expect(await httpsOk(`127.0.0.1:${String(port)}`, '/api/v1/cainfo', { ca })).toBe(false);
    expect(await grpcTlsReady(`127.0.0.1:${String(port)}`, { ca })).toBe(false);
  });
});
