import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { type Organisation, endpointOf, tlsHostsOf } from '../description/config';
import type { StatePaths } from '../description/paths';
import { makePrivateDir } from '../description/private-files';

/** The bootstrap identity of every CA; it registers all others. */
export const REGISTRAR = 'registrar';

const REGISTRAR_ATTRS = {
  'hf.Registrar.Roles': '*',
  'hf.Registrar.DelegateRoles': '*',
  'hf.Registrar.Attributes': '*',
  'hf.Revoker': true,
  'hf.GenCRL': true,
  'hf.AffiliationMgr': true,
  'hf.IntermediateCA': true,
};

/**
 * The identity whose TLS certificate (from the organisation's TLS CA) the CA server's operations endpoint serves.
 * The CA issues it, so the server's first start opens that endpoint on loopback only, without TLS, until it is
 * enrolled (see `caProcess`).
 */
export const CA_OPERATIONS = 'ca-operations';

/** The TLS files of the CA server's operations endpoint. */
export function caOperationsTls(
  paths: StatePaths,
  org: Organisation,
): { cert: string; key: string; ca: string } {
  const dir = join(paths.org(org).identity(CA_OPERATIONS), 'tls');
  return { cert: join(dir, 'server.crt'), key: join(dir, 'server.key'), ca: join(dir, 'ca.crt') };
}

/**
 * The operations endpoint of the CA server (`/healthz`, `/version`): HTTPS with a certificate of the
 * organisation's TLS CA, and only for callers that show a client certificate of that TLS CA.
 */
function operationsConfig(paths: StatePaths, org: Organisation): Record<string, unknown> {
  const tls = caOperationsTls(paths, org);
  return {
    listenAddress: endpointOf(org, org.ports.caOperations),
    tls: {
      enabled: true,
      cert: { file: tls.cert },
      key: { file: tls.key },
      // The server reads these two by its own field names (its sample configuration's names are ignored).
      clientCertRequired: true,
      clientCACertFiles: [tls.ca],
    },
  };
}

/** The CA server's configuration file (identity CA `ca`, and the defaults the TLS CA inherits). */
export function caServerConfigFile(paths: StatePaths, org: Organisation): string {
  return join(paths.org(org).caHome, 'fabric-ca-server-config.yaml');
}

/** The TLS CA's configuration file, given to the server with `--cafiles`. */
export function tlsCaConfigFile(paths: StatePaths, org: Organisation): string {
  return join(paths.org(org).caHome, 'tlsca', 'fabric-ca-config.yaml');
}

function registry(registrarSecret: string): Record<string, unknown> {
  const registrar = {
    name: REGISTRAR,
    pass: registrarSecret,
    type: 'client',
    affiliation: '',
    attrs: REGISTRAR_ATTRS,
  };
  return { maxenrollments: -1, identities: [registrar] };
}

/**
 * The server-wide settings. fabric-ca-server would otherwise write its own default file on the first
 * start, which needs the registrar's secret on its command line or in `boot`, and it logs `boot`.
 */
function serverConfig(
  paths: StatePaths,
  org: Organisation,
  registrarSecret: string,
  lifetime: string,
): Record<string, unknown> {
  // A certificate is valid from a while before it is issued, for nodes whose clocks run behind: five minutes as
  // usual, half a minute for the minutes a test of renewal gives its certificates.
  const backdate = lifetime.endsWith('m') ? '30s' : '5m';
  return {
    registry: registry(registrarSecret),
    db: { type: 'sqlite3', datasource: 'fabric-ca-server.db' },
    affiliations: {},
    signing: {
      default: { usage: ['digital signature'], expiry: lifetime, backdate },
      profiles: {
        ca: {
          usage: ['cert sign', 'crl sign'],
          expiry: '43800h',
          caconstraint: { isca: true, maxpathlen: 0 },
        },
        tls: {
          usage: ['signing', 'key encipherment', 'server auth', 'client auth', 'key agreement'],
          expiry: lifetime,
          backdate,
        },
      },
    },
    csr: {
      keyrequest: { algo: 'ecdsa', size: 256 },
      names: [{ C: 'NL', O: org.displayName, OU: 'Stadspas' }],
      ca: { expiry: '131400h', pathlength: 1 },
    },
    crl: { expiry: '24h' },
    idemix: { rhpoolsize: 1000, nonceexpiration: '15s', noncesweepinterval: '15m', curve: 'amcl.Fp256bn' },
    bccsp: { default: 'SW', sw: { hash: 'SHA2', security: 256, filekeystore: { keystore: 'msp/keystore' } } },
    cfg: { identities: { passwordattempts: 10 } },
    metrics: { provider: 'disabled' },
    operations: operationsConfig(paths, org),
  };
}

function tlsCaConfig(org: Organisation, registrarSecret: string): Record<string, unknown> {
  return {
    ca: { name: 'tlsca' },
    csr: { cn: `tlsca.${org.name}.stadspas`, hosts: tlsHostsOf(org) },
    registry: registry(registrarSecret),
    db: { type: 'sqlite3', datasource: 'fabric-ca-server.db' },
  };
}

/**
 * Writes both CA configuration files of an organisation, once, owner-only in owner-only folders:
 * their registries hold the registrar's secret, which therefore never needs to go on a command line.
 * `lifetime` is how long the certificates they issue stay valid (the CA's own TLS certificate too).
 */
export function writeCaConfigs(
  paths: StatePaths,
  org: Organisation,
  registrarSecret: string,
  lifetime: string,
): void {
  makePrivateDir(join(paths.org(org).caHome, 'tlsca'));
  const files: [string, Record<string, unknown>][] = [
    [caServerConfigFile(paths, org), serverConfig(paths, org, registrarSecret, lifetime)],
    [tlsCaConfigFile(paths, org), tlsCaConfig(org, registrarSecret)],
  ];
  for (const [file, config] of files) {
    if (!existsSync(file)) {
      writeFileSync(file, stringify(config), { mode: 0o600 });
    }
  }
  upgradeOperations(paths, org);
}

/** Gives a CA configuration written before its operations endpoint had TLS the section it has now. */
function upgradeOperations(paths: StatePaths, org: Organisation): void {
  const file = caServerConfigFile(paths, org);
  const config = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const operations = operationsConfig(paths, org);
  if (!isDeepStrictEqual(config.operations, operations)) {
    writeFileSync(file, stringify({ ...config, operations }), { mode: 0o600 });
  }
}
