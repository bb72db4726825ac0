import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  certificatesUnder,
  earliestCertificateOf,
  needsRenewal,
} from '../src/observability/certificate-expiry';
import { buildTestApp } from './support/test-app';

/** A node folder with certificates valid for the given days, a key file, and a partner's certificate. */
function nodeFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'node-certs-'));
  const mint = (file: string, days: number, name: string): void => {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'].concat([
        '-keyout',
        join(dir, `${file}.key`),
        '-subj',
        `/CN=${name}`,
        '-days',
        String(days),
        '-out',
        join(dir, file),
      ]),
      { stdio: 'ignore' },
    );
  };
  mint('identities/peer/tls/server.crt', 400, 'peer');
  mint('identities/gateway-client/msp/signcerts/cert.pem', 12, 'gateway-client');
  mint('public/svb/msp/cacerts/ca.pem', 1, 'a partner');
  writeFileSync(join(dir, 'notes.pem'), 'not a certificate');
  return dir;
}

describe("the node's certificates", () => {
  it('when a node folder is searched, then its own certificates come earliest first with their days left, and a partner’s are passed over', () => {
    const found = certificatesUnder(nodeFolder());

    expect(found.map((c) => [c.file, c.subject, c.daysLeft])).toEqual([
      ['identities/gateway-client/msp/signcerts/cert.pem', 'CN=gateway-client', 11],
      ['identities/peer/tls/server.crt', 'CN=peer', 399],
    ]);
    expect(found.map(needsRenewal)).toEqual([true, false]);
  });

  it('when the gateway watches the node folder, then /health and /metrics give the earliest expiry and say to renew within 30 days', async () => {
    const { http } = buildTestApp({ earliestCertificate: earliestCertificateOf(nodeFolder()) });

    const health = await http.get('/health');
    const metrics = await http.get('/metrics');

    expect((health.body as { certificates?: unknown }).certificates).toEqual({
      earliestExpiry: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
      daysLeft: 11,
      file: 'identities/gateway-client/msp/signcerts/cert.pem',
      renewSoon: true,
    });
    expect(metrics.text).toMatch(/^stadspas_certificate_days_left 11$/m);
    expect(metrics.text).toMatch(/^stadspas_certificate_earliest_expiry_seconds \d{10}$/m);
  });
});
