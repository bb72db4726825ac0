import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, renameSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { TLSSocket } from 'node:tls';
import { join } from 'node:path';
import pino from 'pino';
import { gatewayServer, type GatewayServer } from '../src/http/server';
import { regionScheme } from './support/schemes';
import { buildTestApp, type TestApp } from './support/test-app';

/** A self-signed certificate for 127.0.0.1, written to `<dir>/<name>.crt` and `.key`. */
function selfSigned(dir: string, name: string): { certPath: string; keyPath: string } {
  const certPath = join(dir, `${name}.crt`);
  const keyPath = join(dir, `${name}.key`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '1',
      '-subj',
      `/CN=${name}`,
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyPath,
      '-out',
      certPath,
    ],
    { stdio: 'ignore' },
  );
  return { certPath, keyPath };
}

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly served: string;
}

/** One request over HTTPS, trusting only `ca`; `served` is the fingerprint of the certificate the server showed. */
function call(
  port: number,
  ca: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        ca,
        agent: false,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        const socket = res.socket;
        const served = socket instanceof TLSSocket ? socket.getPeerCertificate().fingerprint256 : '';
        res.resume();
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, served });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the gateway over HTTPS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-tls-'));
  const tls = selfSigned(dir, 'gateway');
  let app: TestApp;
  let running: GatewayServer;
  let port: number;

  beforeAll(async () => {
    app = buildTestApp();
    app.ledger.on('scheme:GetScheme', () => regionScheme);
    running = gatewayServer(app.gateway.express, tls, pino({ level: 'silent' }), 50);
    await new Promise<void>((resolve) => running.server.listen(0, '127.0.0.1', resolve));
    port = (running.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    running.unwatch();
    await new Promise((resolve) => running.server.close(resolve));
  });

  it('when a page signs in, then its session cookie is Secure and __Host-, and every answer carries HSTS', async () => {
    const ca = readFileSync(tls.certPath, 'utf8');

    const signedIn = await call(port, ca, {
      method: 'POST',
      path: '/sign-in',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin' },
      body: `apiKey=${encodeURIComponent(app.clients.venue.apiKey)}&next=%2Fscanner`,
    });
    const cookie = signedIn.headers['set-cookie']?.[0] ?? '';
    const scanner = await call(port, ca, {
      path: '/scanner',
      headers: { Cookie: cookie.split(';')[0] ?? '' },
    });

    expect(signedIn.status).toBe(303);
    expect(cookie).toMatch(/^__Host-stadspas_session=[\w-]{43}; /);
    expect(cookie.split('; ')).toEqual(
      expect.arrayContaining(['Secure', 'HttpOnly', 'SameSite=Strict', 'Path=/']),
    );
    expect(cookie).not.toMatch(/Domain=/i);
    expect(signedIn.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(scanner.status).toBe(200);
  });

  it('when the certificate is renewed on disk, then the next connection gets the new one without a restart', async () => {
    const renewed = selfSigned(dir, 'renewed');
    const before = await call(port, readFileSync(tls.certPath, 'utf8'), { path: '/health' });

    renameSync(renewed.keyPath, tls.keyPath);
    renameSync(renewed.certPath, tls.certPath);
    const next = readFileSync(tls.certPath, 'utf8');
    const expected = new X509Certificate(next).fingerprint256;
    let after = before;
    for (let tries = 0; after.served !== expected && tries < 40; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      after = await call(port, next, { path: '/health' }).catch(() => before);
    }

    expect(before.served).not.toBe(expected);
    expect(after.served).toBe(expected);
  });
});
