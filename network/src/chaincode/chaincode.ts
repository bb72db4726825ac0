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
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type NetworkConfig,
  type Organisation,
  endpointOf,
  isMunicipality,
  personalDataCollection,
} from '../description/config';
import { run, type FabricInstall } from '../description/fabric';
import { NODE_IDENTITIES } from '../identities/identities';
import { ordererTls, peerAdminEnv } from '../channel/nodes';
import type { StatePaths } from '../description/paths';
import type { ProcessSpec } from '../processes/processes';
import { grpcTlsReady } from '../processes/tls-probes';

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
  fabric: FabricInstall,
  paths: StatePaths,
  org: Organisation,
  label: string,
): Promise<ChaincodePackage> {
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
  paths: StatePaths,
  org: Organisation,
  chaincodeDir: string,
  pkg: ChaincodePackage,
): ProcessSpec {
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

/** What the channel says of the committed chaincode definition. */
export interface CommittedDefinition {
  readonly sequence: number;
  readonly version: string;
}

/** The chaincode definition committed on the channel, as an organisation's peer knows it; undefined before the first deployment. */
export async function committedDefinition(
  fabric: FabricInstall,
  paths: StatePaths,
  network: NetworkConfig,
  org: Organisation,
): Promise<CommittedDefinition | undefined> {
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
      peerAdminEnv(fabric, paths, org),
    );
    return JSON.parse(stdout) as CommittedDefinition;
  } catch (error) {
    if (String(error).includes('404')) {
      return undefined;
    }
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
      if (!leaderless || Date.now() > deadline) {
        throw error;
      }
      await sleep(1_000);
    }
  }
}

/** The private data collection config of one municipality's holders, as the peer CLI takes it. */
export interface CollectionConfig {
  readonly name: string;
  readonly policy: string;
  readonly requiredPeerCount: number;
  readonly maxPeerCount: number;
  readonly blockToLive: number;
  readonly memberOnlyRead: boolean;
  readonly memberOnlyWrite: boolean;
  readonly endorsementPolicy: { readonly signaturePolicy: string };
}

/**
 * The private data collections of the chaincode definition: one per municipality of the network description,
 * held, read and written by that municipality's peers only. A municipality that joins adds its own with the
 * next sequence.
 */
export function collectionsOf(network: NetworkConfig): CollectionConfig[] {
  return network.organisations
    .filter(isMunicipality)
    .map((org) => ({
      name: personalDataCollection(org),
      policy: `OR('${org.mspId}.member')`,
      requiredPeerCount: 0,
      maxPeerCount: 0,
      blockToLive: 0,
      memberOnlyRead: true,
      memberOnlyWrite: true,
      endorsementPolicy: { signaturePolicy: `OR('${org.mspId}.peer')` },
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The chaincode's endorsement policy: peers of a majority of the organisations of the network description.
 *
 * It is written out as a signature policy rather than left to the channel's implicit `MAJORITY Endorsement`:
 * when a peer validates a transaction against the implicit policy, it checks the endorsements' signatures once
 * for every organisation's sub-policy (six ECDSA verifications for two endorsements among three organisations),
 * and a signature policy checks each signature once. The majority is the same; an organisation that joins
 * changes it, so, like the collections, it comes with the definition of the next sequence.
 */
export function endorsementPolicyOf(network: NetworkConfig): string {
  const peers = network.organisations.map((org) => `'${org.mspId}.peer'`).sort();
  return `OutOf(${Math.floor(peers.length / 2) + 1}, ${peers.join(', ')})`;
}

/** What an organisation approves or commits for a label: the same for every organisation. */
interface Target {
  /** The definition's version: the package label and a digest of the endorsement policy and collections. */
  readonly version: string;
  readonly endorsementPolicy: string;
  /** The collections file the peer CLI reads, in the organisation's own node folder. */
  readonly collectionsFile: string;
}

/** The chaincode definition an organisation approves or commits. */
interface Definition extends Target {
  readonly sequence: number;
}

/** The definition of the network description for a label; writes its collections into the organisation's node folder. */
function targetOf(paths: StatePaths, network: NetworkConfig, org: Organisation, label: string): Target {
  const collections = `${JSON.stringify(collectionsOf(network), null, 2)}\n`;
  const collectionsFile = join(paths.org(org).chaincode, 'collections.json');
  mkdirSync(dirname(collectionsFile), { recursive: true });
  writeFileSync(collectionsFile, collections);
  const endorsementPolicy = endorsementPolicyOf(network);
  const digest = createHash('sha256')
    .update(`${endorsementPolicy}\n${collections}`)
    .digest('hex')
    .slice(0, 8);
  return { version: `${label}.${digest}`, endorsementPolicy, collectionsFile };
}

/**
 * The definition that deploys this target: nothing when the channel runs it already, else the next sequence.
 */
function pendingDefinition(
  committed: CommittedDefinition | undefined,
  target: Target,
): Definition | undefined {
  return committed?.version === target.version
    ? undefined
    : { ...target, sequence: (committed?.sequence ?? 0) + 1 };
}

/**
 * The committed definition when this organisation has not approved it: an organisation that joined the channel
 * after the chaincode was deployed approves the definition in force, so that its peer endorses.
 */
async function unapprovedCommitted(
  fabric: FabricInstall,
  paths: StatePaths,
  network: NetworkConfig,
  org: Organisation,
  committed: CommittedDefinition | undefined,
  target: Target,
): Promise<Definition | undefined> {
  if (!committed) {
    return undefined;
  }
  try {
    await run(
      fabric.bin('peer'),
      [
        'lifecycle',
        'chaincode',
        'queryapproved',
        '-C',
        network.channel,
        '-n',
        network.chaincode.name,
        '--sequence',
        String(committed.sequence),
      ],
      peerAdminEnv(fabric, paths, org),
    );
    return undefined;
  } catch {
    return { ...target, sequence: committed.sequence };
  }
}

function definitionArgs(network: NetworkConfig, definition: Definition): string[] {
  return [
    '-C',
    network.channel,
    '-n',
    network.chaincode.name,
    '-v',
    definition.version,
    '--sequence',
    String(definition.sequence),
    '--signature-policy',
    definition.endorsementPolicy,
    '--collections-config',
    definition.collectionsFile,
  ];
}

/** Arguments that send a transaction through an organisation's own orderer. */
function ordererArgs(paths: StatePaths, org: Organisation): string[] {
  return ['-o', endpointOf(org, org.ports.orderer), '--tls', '--cafile', ordererTls(paths, org).ca];
}

/**
 * An organisation's part of a deployment, on its own node: installs its own package on its own peer and, when
 * the channel does not run this label yet, approves the definition with the next sequence for its organisation.
 * @returns the sequence it approved, or undefined when the channel runs the label already.
 */
export async function approveChaincode(
  fabric: FabricInstall,
  paths: StatePaths,
  network: NetworkConfig,
  org: Organisation,
  chaincodeDir: string,
  pkg: ChaincodePackage,
  progress: (message: string) => void,
): Promise<number | undefined> {
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
  const committed = await committedDefinition(fabric, paths, network, org);
  const target = targetOf(paths, network, org, pkg.label);
  const definition =
    pendingDefinition(committed, target) ??
    (await unapprovedCommitted(fabric, paths, network, org, committed, target));
  if (!definition) {
    return undefined;
  }
  progress(`approving sequence ${definition.sequence} for ${org.mspId}`);
  try {
    await runOrdered(
      fabric.bin('peer'),
      [
        'lifecycle',
        'chaincode',
        'approveformyorg',
        ...ordererArgs(paths, org),
        ...definitionArgs(network, definition),
        '--package-id',
        pkg.packageId,
        '--waitForEventTimeout',
        '60s',
      ],
      env,
    );
  } catch (error) {
    // Approving the same definition twice is refused as a redefinition: the approval stands.
    if (!String(error).includes('unchanged content')) {
      throw error;
    }
  }
  return definition.sequence;
}

/**
 * Commits the approved definition, from one organisation's node: it asks every organisation's peer (at the
 * endpoints and with the TLS CAs of the definitions it received) to endorse the commit.
 * @returns the committed sequence, or undefined when the channel runs the label already.
 * @throws Error naming the organisations that have not approved, when a majority has not.
 */
export async function commitChaincode(
  fabric: FabricInstall,
  paths: StatePaths,
  network: NetworkConfig,
  org: Organisation,
  chaincodeDir: string,
  label: string,
  progress: (message: string) => void,
): Promise<number | undefined> {
  const target = targetOf(paths, network, org, label);
  const definition = pendingDefinition(await committedDefinition(fabric, paths, network, org), target);
  if (!definition) {
    return undefined;
  }
  const env = peerAdminEnv(fabric, paths, org);
  const args = definitionArgs(network, definition);
  const { stdout } = await run(
    fabric.bin('peer'),
    ['lifecycle', 'chaincode', 'checkcommitreadiness', ...args, '--output', 'json'],
    env,
  );
  const approvals = (JSON.parse(stdout) as { approvals: Record<string, boolean> }).approvals;
  const missing = network.organisations.filter((o) => approvals[o.mspId] !== true);
  if (network.organisations.length - missing.length <= network.organisations.length / 2) {
    throw new Error(
      `sequence ${definition.sequence} (${label}) is not approved by a majority yet; waiting for ` +
        `${missing.map((o) => o.name).join(', ')} (each runs: npm run node -- approve --org <name>)`,
    );
  }
  progress(`committing sequence ${definition.sequence} on ${network.channel}`);
  const own = paths.org(org);
  // A peer endorses the commit only for an organisation that approved the definition.
  const approving = network.organisations.filter((o) => approvals[o.mspId] === true);
  const peers = approving.flatMap((o) => [
    '--peerAddresses',
    endpointOf(o, o.ports.peer),
    '--tlsRootCertFiles',
    own.publicOf(o).tlsCaCert,
  ]);
  await runOrdered(
    fabric.bin('peer'),
    [
      'lifecycle',
      'chaincode',
      'commit',
      ...ordererArgs(paths, org),
      ...args,
      ...peers,
      '--waitForEventTimeout',
      '60s',
    ],
    env,
  );
  return definition.sequence;
}
