import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NetworkConfig, Organisation } from './config';
import { run, type FabricInstall } from './fabric';
import { NODE_IDENTITIES } from './identities';
import { ordererTls, peerAdminEnv } from './nodes';
import type { StatePaths } from './paths';
import type { ProcessSpec } from './processes';
import { grpcTlsReady } from './tls-probes';

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

/** A label that changes whenever the compiled chaincode, its dependencies or its collections change. */
export function chaincodeLabel(network: NetworkConfig, chaincodeDir: string): string {
  const hash = createHash('sha256');
  // What runs: the compiled JavaScript, the package manifest and the collections (not maps or build info).
  const code = filesBelow(join(chaincodeDir, 'dist')).filter((file) => file.endsWith('.js'));
  const files = [...code, join(chaincodeDir, 'package.json'), join(chaincodeDir, 'collections.json')].sort();
  for (const file of files) hash.update(relative(chaincodeDir, file)).update('\0').update(readFileSync(file));
  return `${network.chaincode.name}_${hash.digest('hex').slice(0, 12)}`;
}

/**
 * Builds (once per label) the package that tells every peer to dial the one chaincode service over TLS.
 */
export async function packageChaincode(
  fabric: FabricInstall,
  paths: StatePaths,
  network: NetworkConfig,
  label: string,
): Promise<ChaincodePackage> {
  const dir = join(paths.chaincode, label);
  const file = join(dir, `${label}.tar.gz`);
  if (!existsSync(file)) {
    const host = hostOrg(network);
    mkdirSync(join(dir, 'src'), { recursive: true });
    const connection = {
      address: network.chaincode.address,
      dial_timeout: '10s',
      tls_required: true,
      client_auth_required: false,
      root_cert: readFileSync(paths.org(host).tlsCaCert, 'utf8'),
    };
    writeFileSync(join(dir, 'src', 'connection.json'), JSON.stringify(connection, null, 2));
    writeFileSync(join(dir, 'src', 'metadata.json'), JSON.stringify({ type: 'ccaas', label }));
    await run('tar', ['-C', join(dir, 'src'), '-czf', join(dir, 'code.tar.gz'), 'connection.json']);
    await run('tar', ['-C', dir, '-czf', file, 'code.tar.gz', '-C', join(dir, 'src'), 'metadata.json']);
  }
  const { stdout } = await run(fabric.bin('peer'), ['lifecycle', 'chaincode', 'calculatepackageid', file], {
    FABRIC_CFG_PATH: fabric.sampleConfigDir,
  });
  return { label, file, packageId: stdout.trim() };
}

/** The organisation that runs the chaincode service. */
export function hostOrg(network: NetworkConfig): Organisation {
  const host = network.organisations.find((o) => o.name === network.chaincode.hostOrg);
  if (!host) throw new Error(`chaincode.hostOrg ${network.chaincode.hostOrg} is not an organisation`);
  return host;
}

/** The chaincode service: one Node process that every peer connects to over TLS. */
export function chaincodeProcess(
  paths: StatePaths,
  network: NetworkConfig,
  chaincodeDir: string,
  pkg: ChaincodePackage,
): ProcessSpec {
  const tls = join(paths.org(hostOrg(network)).identity(NODE_IDENTITIES.chaincode), 'tls');
  const port = Number(network.chaincode.address.split(':')[1]);
  return {
    name: 'chaincode',
    command: process.execPath,
    args: [
      require.resolve('fabric-shim/cli.js', { paths: [chaincodeDir] }),
      'server',
      '--chaincode-address',
      network.chaincode.address,
      '--chaincode-id',
      pkg.packageId,
      '--chaincode-tls-cert-file',
      join(tls, 'server.crt'),
      '--chaincode-tls-key-file',
      join(tls, 'server.key'),
      '--module-path',
      chaincodeDir,
    ],
    env: { NODE_ENV: 'production', CORE_CHAINCODE_LOGGING_LEVEL: 'warning' },
    // Peers dial it over TLS, trusting the host organisation's TLS CA.
    ready: () => grpcTlsReady(port, { ca: paths.org(hostOrg(network)).tlsCaCert }),
    readyWhen: 'its gRPC TLS listener accepts connections',
    port,
  };
}

/** What the channel says of the committed chaincode definition. */
export interface CommittedDefinition {
  readonly sequence: number;
  readonly version: string;
}

/** The chaincode definition committed on the channel, or undefined before the first deployment. */
export async function committedDefinition(
  fabric: FabricInstall,
  paths: StatePaths,
  network: NetworkConfig,
): Promise<CommittedDefinition | undefined> {
  const env = peerAdminEnv(fabric, paths, hostOrg(network));
  try {
    const { stdout } = await run(
      fabric.bin('peer'),
      [
        'lifecycle',
        'chaincode',
        'querycommitted',
        '-C',
        network.channel,
        '-n',
        network.chaincode.name,
        '--output',
        'json',
      ],
      env,
    );
    return JSON.parse(stdout) as CommittedDefinition;
  } catch (error) {
    if (String(error).includes('404')) return undefined;
    throw error;
  }
}

/**
 * Runs a peer CLI command that sends a transaction for ordering. Right after the orderers start,
 * Raft may not have elected a leader yet: such refusals are retried for up to a minute.
 */
async function runOrdered(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await run(command, args, env);
      return;
    } catch (error) {
      const leaderless = /SERVICE_UNAVAILABLE|no Raft leader/.test(String(error));
      if (!leaderless || Date.now() > deadline) throw error;
      await sleep(1_000);
    }
  }
}

/**
 * Runs the chaincode lifecycle for a package: install on every peer, approve by every organisation,
 * commit with the channel's majority endorsement policy and the chaincode's collection config.
 * A changed chaincode gets the next sequence number.
 */
export async function deployChaincode(
  fabric: FabricInstall,
  paths: StatePaths,
  network: NetworkConfig,
  chaincodeDir: string,
  pkg: ChaincodePackage,
  progress: (message: string) => void,
): Promise<void> {
  const committed = await committedDefinition(fabric, paths, network);
  if (committed?.version === pkg.label) return;
  const sequence = String((committed?.sequence ?? 0) + 1);
  const collections = join(chaincodeDir, 'collections.json');
  const host = hostOrg(network);
  const orderer = ['-o', `127.0.0.1:${host.ports.orderer}`, '--tls', '--cafile', ordererTls(paths, host).ca];
  const definition = [
    '-C',
    network.channel,
    '-n',
    network.chaincode.name,
    '-v',
    pkg.label,
    '--sequence',
    sequence,
    '--collections-config',
    collections,
  ];

  for (const org of network.organisations) {
    const env = peerAdminEnv(fabric, paths, org);
    const { stdout } = await run(
      fabric.bin('peer'),
      ['lifecycle', 'chaincode', 'queryinstalled', '--output', 'json'],
      env,
    );
    if (!stdout.includes(pkg.packageId)) {
      progress(`installing ${pkg.label} on peer-${org.name}`);
      await run(fabric.bin('peer'), ['lifecycle', 'chaincode', 'install', pkg.file], env);
    }
    progress(`approving sequence ${sequence} for ${org.mspId}`);
    await runOrdered(
      fabric.bin('peer'),
      [
        'lifecycle',
        'chaincode',
        'approveformyorg',
        ...orderer,
        ...definition,
        '--package-id',
        pkg.packageId,
        '--waitForEventTimeout',
        '60s',
      ],
      env,
    );
  }

  progress(`committing sequence ${sequence} on ${network.channel}`);
  const peers = network.organisations.flatMap((o) => [
    '--peerAddresses',
    `127.0.0.1:${o.ports.peer}`,
    '--tlsRootCertFiles',
    paths.org(o).tlsCaCert,
  ]);
  await runOrdered(
    fabric.bin('peer'),
    ['lifecycle', 'chaincode', 'commit', ...orderer, ...definition, ...peers, '--waitForEventTimeout', '60s'],
    peerAdminEnv(fabric, paths, host),
  );
}
