import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { caServerConfigFile, tlsCaConfigFile, writeCaConfigs } from '../src/identities/ca-config';
import type { Organisation } from '../src/description/config';
import { StatePaths } from '../src/description/paths';

const org = {
  name: 'gemeente',
  displayName: 'Gemeente Groningen',
  host: '127.0.0.1',
  ports: { caOperations: 17054 },
} as Organisation;
const SECRET = 'registrar-secret-for-test';

function written(lifetime = '8760h'): { paths: StatePaths; files: string[] } {
  const paths = new StatePaths(mkdtempSync(join(tmpdir(), 'ca-config-')));
  writeCaConfigs(paths, org, SECRET, lifetime);
  return { paths, files: [caServerConfigFile(paths, org), tlsCaConfigFile(paths, org)] };
}

describe('the CA configuration files', () => {
  test('when they are written, then both are owner-only files in owner-only folders', () => {
    const { files } = written();

    for (const file of files) {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(dirname(file)).mode & 0o777).toBe(0o700);
    }
  });

  test('when they are written, then each registry holds the registrar, so the server needs no -b', () => {
    const { files } = written();

    for (const file of files) {
      const config = parse(readFileSync(file, 'utf8')) as {
        registry: { identities: { name: string; pass: string }[] };
      };
      expect(config.registry.identities).toEqual([
        expect.objectContaining({ name: 'registrar', pass: SECRET }),
      ]);
    }
  });

  test('when the server configuration is written, then it has the tls enrolment profile the TLS CA inherits', () => {
    const { files } = written();
    const [server] = files;

    const config = parse(readFileSync(server ?? '', 'utf8')) as {
      signing: { profiles: Record<string, unknown> };
    };

    expect(Object.keys(config.signing.profiles)).toContain('tls');
  });

  test('when a lifetime is given, then enrolment and TLS certificates are issued for it, valid from a while before', () => {
    const signingOf = (lifetime: string): unknown => {
      const [server] = written(lifetime).files;
      return (parse(readFileSync(server ?? '', 'utf8')) as { signing: unknown }).signing;
    };

    expect(signingOf('8760h')).toMatchObject({
      default: { expiry: '8760h', backdate: '5m' },
      profiles: { tls: { expiry: '8760h', backdate: '5m' } },
    });
    expect(signingOf('4m')).toMatchObject({
      default: { expiry: '4m', backdate: '30s' },
      profiles: { tls: { expiry: '4m', backdate: '30s' } },
    });
  });

  test('when the server configuration is written, then its operations endpoint takes HTTPS callers with a certificate of the TLS CA only', () => {
    const { paths, files } = written();

    const config = parse(readFileSync(files[0] ?? '', 'utf8')) as { operations: unknown };

    const tls = join(paths.org(org).identity('ca-operations'), 'tls');
    expect(config.operations).toEqual({
      listenAddress: '127.0.0.1:17054',
      tls: {
        enabled: true,
        cert: { file: join(tls, 'server.crt') },
        key: { file: join(tls, 'server.key') },
        clientCertRequired: true,
        clientCACertFiles: [join(tls, 'ca.crt')],
      },
    });
  });

  test('when a configuration was written before its operations endpoint had TLS, then writing again adds it and keeps the rest', () => {
    const { paths, files } = written();
    const [server = ''] = files;
    const { operations, ...older } = parse(readFileSync(server, 'utf8')) as Record<string, unknown>;
    writeFileSync(server, stringify(older));

    writeCaConfigs(paths, org, 'another-secret', '8760h');

    const upgraded = parse(readFileSync(server, 'utf8')) as Record<string, unknown>;
    expect(upgraded).toEqual({ ...older, operations });
    expect(statSync(server).mode & 0o777).toBe(0o600);
  });
});
