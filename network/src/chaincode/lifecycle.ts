import { setTimeout as sleep } from 'node:timers/promises';
import { isMajority } from '@stadspas/chaincode/vocabulary';
import { endpointOf, type Organisation } from '../description/config';
import type { NetworkContext } from '../description/context';
import { run } from '../description/fabric';
import type { StatePaths } from '../description/paths';
import { ordererTls, peerAdminEnv } from '../channel/nodes';
import {
  type CommittedDefinition,
  type Definition,
  type Target,
  definitionArgs,
  pendingDefinition,
  targetOf,
} from './definition';
import type { ChaincodePackage } from './package';

// The lifecycle of the chaincode definition on the channel, through the peer CLI: what is committed, each
// organisation's install and approval, and the commit once a majority approved.

/** What the lifecycle commands need of the network: the binaries, the state folder, the description, progress. */
export type LifecycleContext = Pick<NetworkContext, 'fabric' | 'paths' | 'network' | 'progress'>;

/** The chaincode definition committed on the channel, as an organisation's peer knows it; undefined before the first deployment. */
export async function committedDefinition(
  ctx: Omit<LifecycleContext, 'progress'>,
  org: Organisation,
): Promise<CommittedDefinition | undefined> {
  const { fabric, paths, network } = ctx;
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

/**
 * The committed definition when this organisation has not approved it: an organisation that joined the channel
 * after the chaincode was deployed approves the definition in force, so that its peer endorses.
 */
async function unapprovedCommitted(
  ctx: LifecycleContext,
  org: Organisation,
  committed: CommittedDefinition | undefined,
  target: Target,
): Promise<Definition | undefined> {
  if (!committed) {
    return undefined;
  }
  const { fabric, paths, network } = ctx;
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

/** Arguments that send a transaction through an organisation's own orderer. */
function ordererArgs(paths: StatePaths, org: Organisation): string[] {
  return ['-o', endpointOf(org, org.ports.orderer), '--tls', '--cafile', ordererTls(paths, org).ca];
}

/** `peer lifecycle chaincode <command>` as the organisation's admin, through its own orderer, awaiting the commit. */
function lifecycleOrdered(
  ctx: LifecycleContext,
  org: Organisation,
  command: 'approveformyorg' | 'commit',
  args: readonly string[],
): Promise<void> {
  const { fabric, paths } = ctx;
  return runOrdered(
    fabric.bin('peer'),
    ['lifecycle', 'chaincode', command, ...ordererArgs(paths, org), ...args, '--waitForEventTimeout', '60s'],
    peerAdminEnv(fabric, paths, org),
  );
}

/**
 * An organisation's part of a deployment, on its own node: installs its own package on its own peer and, when
 * the channel does not run this label yet, approves the definition with the next sequence for its organisation.
 * @returns the sequence it approved, or undefined when the channel runs the label already.
 */
export async function approveChaincode(
  ctx: LifecycleContext,
  org: Organisation,
  pkg: ChaincodePackage,
): Promise<number | undefined> {
  const { fabric, paths, network, progress } = ctx;
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
  const committed = await committedDefinition(ctx, org);
  const target = targetOf(paths, network, org, pkg.label);
  const definition =
    pendingDefinition(committed, target) ?? (await unapprovedCommitted(ctx, org, committed, target));
  if (!definition) {
    return undefined;
  }
  progress(`approving sequence ${definition.sequence} for ${org.mspId}`);
  try {
    await lifecycleOrdered(ctx, org, 'approveformyorg', [
      ...definitionArgs(network, definition),
      '--package-id',
      pkg.packageId,
    ]);
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
  ctx: LifecycleContext,
  org: Organisation,
  label: string,
): Promise<number | undefined> {
  const { fabric, paths, network, progress } = ctx;
  const target = targetOf(paths, network, org, label);
  const definition = pendingDefinition(await committedDefinition(ctx, org), target);
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
  if (!isMajority(network.organisations.length - missing.length, network.organisations.length)) {
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
  await lifecycleOrdered(ctx, org, 'commit', [...args, ...peers]);
  return definition.sequence;
}
