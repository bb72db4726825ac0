import { existsSync } from 'node:fs';
import { caProcess, prepareCaHome } from '../identities/ca';
import { approveChaincode, commitChaincode, committedDefinition } from '../chaincode/lifecycle';
import { chaincodeLabel, chaincodeProcessName, packageChaincode } from '../chaincode/package';
import { certificateLifetimeOf, type Organisation } from '../description/config';
import { createGenesisBlock } from '../channel/configtx';
import type { NetworkContext } from '../description/context';
import { importBlock, importDefinition, writeDefinition } from '../identities/definition';
import { writePeerConfig } from '../description/fabric-config';
import { gatewayProcess, provisionGateway } from '../clients/gateways';
import { enrollOrganisation } from '../identities/identities';
import {
  ensureChaincodeService,
  ensureRunning,
  joinOrdererToChannel,
  joinPeerToChannel,
  nodeProcessNames,
  restart,
  stopProcesses,
} from './network';
import { ordererProcess, peerProcess } from '../channel/nodes';
import { makePrivateDir, restrictToOwner } from '../description/private-files';
import type { ProcessSpec } from '../processes/processes';
import { portOpen } from '../processes/probes';
import { waitForRaftLeader, waitUntilEndorsableThrough } from '../clients/readiness';

/**
 * The organisation of that name.
 * @throws Error listing the organisations when there is none of that name.
 */
export function organisationNamed(ctx: NetworkContext, name: string | undefined): Organisation {
  const org = ctx.network.organisations.find((o) => o.name === name);
  if (!org) {
    const names = ctx.network.organisations.map((o) => o.name).join(', ');
    throw new Error(`--org must name an organisation of the network (${names}), got ${name ?? 'nothing'}`);
  }
  return org;
}

/** Starts a process of the node unless it runs, noting it in `started` when it had to be started. */
async function ensure(ctx: NetworkContext, spec: ProcessSpec, started: string[]): Promise<void> {
  if (await ensureRunning(ctx, spec)) {
    started.push(spec.name);
  }
}

/**
 * Creates (or completes) an organisation's node folder: its CA, every identity of the organisation enrolled
 * from it, and its organisation definition, the public material it gives the others. Idempotent.
 * @returns the processes that had to be started (its CA).
 */
export async function initNode(ctx: NetworkContext, org: Organisation): Promise<string[]> {
  const { fabric, paths } = ctx;
  const own = paths.org(org);
  makePrivateDir(own.root);
  restrictToOwner(own.root);
  const started: string[] = [];
  prepareCaHome(paths, org, certificateLifetimeOf(ctx.network));
  await ensure(ctx, caProcess(fabric, paths, org), started);
  if (!existsSync(own.definition)) {
    ctx.progress(`enrolling ${org.name}'s identities at its CA`);
  }
  await enrollOrganisation(fabric, paths, org);
  // The CA's first start opened its operations endpoint without TLS, on a loopback port of its own: now that it has
  // issued that endpoint's certificate, it restarts to serve it on its port.
  if (!(await portOpen(org.ports.caOperations, org.host))) {
    await restart(ctx, caProcess(fabric, paths, org));
  }
  writeDefinition(own, org);
  importDefinition(own, ctx.network, own.definition);
  return started;
}

/**
 * Public material another organisation sent: organisation definitions, the channel's genesis block, and (for an
 * organisation that joins a running channel) its latest configuration block.
 */
export interface PublicFiles {
  readonly definitions?: readonly string[];
  readonly genesis?: string;
  readonly configBlock?: string;
}

/**
 * Takes public material into an organisation's node folder after checking it.
 * @returns the organisations whose definitions it took.
 * @throws Error naming the file that is not what it should be.
 */
export function importPublic(ctx: NetworkContext, org: Organisation, files: PublicFiles): Organisation[] {
  const own = ctx.paths.org(org);
  const imported = (files.definitions ?? []).map((file) => importDefinition(own, ctx.network, file));
  if (files.genesis !== undefined) {
    importBlock(files.genesis, own.genesisBlock);
  }
  if (files.configBlock !== undefined) {
    importBlock(files.configBlock, own.joinBlock);
  }
  return imported;
}

/**
 * Makes the channel's genesis block from the definitions an organisation's node received (every organisation
 * of the network description must be among them). One organisation does this and sends the block to the
 * others.
 * @returns the genesis block's path.
 */
export function createChannel(ctx: NetworkContext, org: Organisation): Promise<string> {
  ctx.progress(`creating the genesis block of channel ${ctx.network.channel} from the definitions`);
  return createGenesisBlock(ctx.fabric, ctx.paths.org(org), ctx.network);
}

/** How {@link startNode} ends. */
export interface StartOptions {
  /** Wait until the node's peer gets transactions endorsed (when the chaincode is deployed); default true. */
  readonly waitUntilEndorsable?: boolean;
}

/**
 * Starts one organisation's node from its own folder: its CA, its orderer and its peer (each joined to the
 * channel, catching up from the others), its chaincode service for this checkout's build, and its gateway.
 * Processes already running stay. When the chaincode is deployed it waits until its peer gets transactions
 * endorsed.
 * @returns the processes that had to be started.
 * @throws Error when the node has no genesis block yet, or naming the process, port and log of a process
 * that does not start.
 */
export async function startNode(
  ctx: NetworkContext,
  org: Organisation,
  options: StartOptions = {},
): Promise<string[]> {
  const { fabric, paths, network } = ctx;
  const own = paths.org(org);
  if (!existsSync(own.genesisBlock)) {
    throw new Error(
      `${org.name}'s node has no genesis block of channel ${network.channel} yet: ` +
        'import it with npm run node -- import --org <name> --genesis <file>',
    );
  }
  writePeerConfig(fabric.sampleConfigDir, ctx.overridesDir, fabric.peerConfigDir);
  const started = await initNode(ctx, org);
  await ensure(ctx, ordererProcess(ctx, org), started);
  await joinOrdererToChannel(ctx, org);
  await ensure(ctx, peerProcess(ctx, org), started);
  await joinPeerToChannel(ctx, org);
  if ((await channelRunsThisBuild(ctx, org)) && (await runChaincodeService(ctx, org))) {
    started.push(chaincodeProcessName(org));
  }
  provisionGateway(ctx, org);
  const gateway = gatewayProcess(ctx, org);
  if (gateway) {
    await ensure(ctx, gateway, started);
  }
  if (options.waitUntilEndorsable !== false && (await committedDefinition(ctx, org))) {
    ctx.progress(`waiting until peer-${org.name} gets transactions endorsed`);
    await waitForRaftLeader(ctx);
    await waitUntilEndorsableThrough(ctx, org);
  }
  return started;
}

/**
 * Whether the channel runs this checkout's chaincode build (under any policy and collections), or none yet. While an upgrade waits for its commit, a
 * chaincode service of the new build would answer the peer's calls for the committed build under the wrong
 * package, and the peer would wait for the committed one until its start-up timeout: the service is left as it
 * is until the deployment commits the new build.
 */
async function channelRunsThisBuild(ctx: NetworkContext, org: Organisation): Promise<boolean> {
  let committed;
  try {
    committed = await committedDefinition(ctx, org);
  } catch {
    // A peer that joins the channel answers for it only once it has the block that admits its organisation: until
    // then nothing calls its chaincode, and the service starts as on a new channel.
    return true;
  }
  // A definition's version is the package label and a digest of its policy and collections.
  return (
    committed === undefined ||
    committed.version.startsWith(`${chaincodeLabel(ctx.network, ctx.chaincodeDir)}.`)
  );
}

/**
 * Runs an organisation's chaincode service for this checkout's build (the one the organisations approve),
 * restarting it when it runs another build.
 * @returns whether it had to be started.
 */
export async function runChaincodeService(ctx: NetworkContext, org: Organisation): Promise<boolean> {
  const pkg = await packageChaincode(ctx, org, chaincodeLabel(ctx.network, ctx.chaincodeDir));
  return ensureChaincodeService(ctx, org, pkg);
}

/**
 * An organisation's part of deploying this checkout's chaincode: installs its package on its own peer and
 * approves the definition for its organisation.
 * @returns the approved sequence, or undefined when the channel runs this build already.
 */
export async function approveNode(ctx: NetworkContext, org: Organisation): Promise<number | undefined> {
  const pkg = await packageChaincode(ctx, org, chaincodeLabel(ctx.network, ctx.chaincodeDir));
  return approveChaincode(ctx, org, pkg);
}

/**
 * Commits this checkout's chaincode definition once a majority approved it, from one organisation's node.
 * @returns the committed sequence, or undefined when the channel runs this build already.
 */
export function commitFromNode(ctx: NetworkContext, org: Organisation): Promise<number | undefined> {
  return commitChaincode(ctx, org, chaincodeLabel(ctx.network, ctx.chaincodeDir));
}

/**
 * Stops one organisation's node; its state stays on disk.
 * @returns the processes that were running.
 */
export function stopNode(ctx: NetworkContext, org: Organisation): Promise<string[]> {
  return stopProcesses(ctx, nodeProcessNames(org));
}
