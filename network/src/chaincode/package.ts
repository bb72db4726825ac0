import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { endpointOf, type NetworkConfig, type Organisation } from '../description/config';
import type { NetworkContext } from '../description/context';
import { run } from '../description/fabric';
import type { StatePaths } from '../description/paths';
import { NODE_IDENTITIES } from '../identities/identities';
import type { ProcessSpec } from '../processes/processes';
import { grpcTlsReady } from '../processes/tls-probes';

// The chaincode's package and service: what each organisation's peer installs (a package that says where to
// dial) and the chaincode-as-a-service process that answers there.

/** A chaincode package built for the chaincode-as-a-service builder. */
export interface ChaincodePackage {
  readonly label: string;
  readonly file: string;
  readonly packageId: string;
}

function filesBelow(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesBelow(path) : [path];
  });
}

/**
 * A label that changes whenever what the chaincode service runs changes: the compiled JavaScript, the package
 * manifest, and the installed version of each runtime dependency (a lockfile change alone changes what runs).
 * Every organisation's service must run the same code, so they all derive the same label.
 */
export function chaincodeLabel(network: NetworkConfig, chaincodeDir: string): string {
  const hash = createHash('sha256');
  // Not maps or build info: they do not run.
  const code = filesBelow(join(chaincodeDir, 'dist')).filter((file) => file.endsWith('.js'));
  const files = [...code, join(chaincodeDir, 'package.json')].sort();
  for (const file of files) {
    hash.update(relative(chaincodeDir, file)).update('\0').update(readFileSync(file));
  }
  for (const dependency of runtimeDependencies(chaincodeDir)) {
    hash.update(`${dependency}@${installedVersion(chaincodeDir, dependency)}`).update('\0');
  }
  return `${network.chaincode.name}_${hash.digest('hex').slice(0, 12)}`;
}

function runtimeDependencies(chaincodeDir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(chaincodeDir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  return Object.keys(manifest.dependencies ?? {}).sort();
}

/**
 * The version of a dependency as Node resolves it from the chaincode's folder: the nearest
 * `node_modules/<name>` up the tree (a workspace's dependencies are hoisted to the root).
 * @throws Error when it is not installed.
 */
function installedVersion(chaincodeDir: string, name: string): string {
  for (let dir = chaincodeDir; ; dir = dirname(dir)) {
    const manifest = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) {
      return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
    }
    if (dirname(dir) === dir) {
      throw new Error(`the chaincode's dependency ${name} is not installed: run npm install`);
    }
  }
}

/**
 * Builds (once per label and organisation) the package that tells an organisation's peer to dial that
 * organisation's own chaincode service, over mutual TLS with certificates of the organisation's TLS CA.
 * Every organisation installs its own package; the package ids differ, the label (and so the definition)
 * is the same.
 */
export async function packageChaincode(
  ctx: Pick<NetworkContext, 'fabric' | 'paths'>,
  org: Organisation,
  label: string,
): Promise<ChaincodePackage> {
  const { fabric, paths } = ctx;
  const dir = join(paths.org(org).chaincode, label);
  const file = join(dir, `${label}.tar.gz`);
  if (!existsSync(file)) {
    mkdirSync(join(dir, 'src'), { recursive: true, mode: 0o700 });
    const peerTls = peerClientTls(paths, org);
    const connection = {
      address: chaincodeAddress(org),
      dial_timeout: '10s',
      tls_required: true,
      client_auth_required: true,
      root_cert: readFileSync(paths.org(org).tlsCaCert, 'utf8'),
      client_cert: readFileSync(peerTls.cert, 'utf8'),
      client_key: readFileSync(peerTls.key, 'utf8'),
    };
    // The package holds the peer's TLS key: only the organisation's own peer ever reads it.
    writeFileSync(join(dir, 'src', 'connection.json'), JSON.stringify(connection, null, 2), { mode: 0o600 });
    writeFileSync(join(dir, 'src', 'metadata.json'), JSON.stringify({ type: 'ccaas', label }));
    await run('tar', ['-C', join(dir, 'src'), '-czf', join(dir, 'code.tar.gz'), 'connection.json']);
    await run('tar', ['-C', dir, '-czf', file, 'code.tar.gz', '-C', join(dir, 'src'), 'metadata.json']);
    chmodSync(join(dir, 'code.tar.gz'), 0o600);
    chmodSync(file, 0o600);
  }
  const { stdout } = await run(fabric.bin('peer'), ['lifecycle', 'chaincode', 'calculatepackageid', file], {
    FABRIC_CFG_PATH: fabric.sampleConfigDir,
  });
  return { label, file, packageId: stdout.trim() };
}

/** The TLS certificate and key an organisation's peer presents to its own chaincode service. */
function peerClientTls(paths: StatePaths, org: Organisation): { cert: string; key: string } {
  const dir = join(paths.org(org).identity(NODE_IDENTITIES.peer), 'tls');
  return { cert: join(dir, 'server.crt'), key: join(dir, 'server.key') };
}

/** Where an organisation's chaincode service listens; only that organisation's peer dials it. */
export function chaincodeAddress(org: Organisation): string {
  return endpointOf(org, org.ports.chaincode);
}

/** The name of an organisation's chaincode service process. */
export function chaincodeProcessName(org: Organisation): string {
  return `chaincode-${org.name}`;
}

/**
 * An organisation's chaincode service: one Node process that only its own peer connects to, and only with a
 * client certificate of the organisation's TLS CA.
 */
export function chaincodeProcess(
  ctx: Pick<NetworkContext, 'paths' | 'chaincodeDir'>,
  org: Organisation,
  pkg: ChaincodePackage,
): ProcessSpec {
  const { paths, chaincodeDir } = ctx;
  const tls = join(paths.org(org).identity(NODE_IDENTITIES.chaincode), 'tls');
  return {
    name: chaincodeProcessName(org),
    command: process.execPath,
    args: [
      require.resolve('fabric-shim/cli.js', { paths: [chaincodeDir] }),
      'server',
      '--chaincode-address',
      chaincodeAddress(org),
      '--chaincode-id',
      pkg.packageId,
      '--chaincode-tls-cert-file',
      join(tls, 'server.crt'),
      '--chaincode-tls-key-file',
      join(tls, 'server.key'),
      '--chaincode-tls-client-cacert-file',
      paths.org(org).tlsCaCert,
      '--module-path',
      chaincodeDir,
    ],
    // The organisation of the peer it serves, as a peer tells the chaincode processes it launches itself.
    env: { NODE_ENV: 'production', CORE_CHAINCODE_LOGGING_LEVEL: 'warning', CORE_PEER_LOCALMSPID: org.mspId },
    // Probed as its peer dials it: over TLS with the peer's client certificate.
    ready: () =>
      grpcTlsReady(chaincodeAddress(org), { ca: paths.org(org).tlsCaCert, ...peerClientTls(paths, org) }),
    readyWhen: 'its gRPC TLS listener accepts its peer',
    port: org.ports.chaincode,
    host: org.host,
  };
}
