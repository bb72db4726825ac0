import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { caProcess } from '../identities/ca';
import { joinOrderer, joinPeer } from '../channel/channel';
import { chaincodeProcess, type ChaincodePackage } from '../chaincode/package';
import type { Organisation } from '../description/config';
import type { NetworkContext } from '../description/context';
import { ordererProcess, peerProcess } from '../channel/nodes';
import { runningPid, startProcess, stopProcess, type ProcessSpec } from '../processes/processes';
import { portOpen } from '../processes/probes';
import { withRetries } from '../processes/retry';

/**
 * Starts one process unless it already runs; refuses clearly when a foreign program holds its port.
 * @returns whether it had to be started.
 */
export async function ensureRunning(ctx: NetworkContext, spec: ProcessSpec): Promise<boolean> {
  if (runningPid(ctx.paths, spec.name) !== undefined) {
    return false;
  }
  if (await portOpen(spec.port, spec.host)) {
    throw new Error(
      `port ${spec.port} for ${spec.name} is taken by another program (is another Stadspas network running? ` +
        `stop it with 'npm stop', or see 'ss -ltnp sport = :${spec.port}')`,
    );
  }
  ctx.progress(`starting ${spec.name} on port ${spec.port}`);
  await startProcess(ctx.paths, spec);
  return true;
}

/** Stops a process of the node and starts it again from its specification, waiting until it is ready. */
export async function restart(ctx: NetworkContext, spec: ProcessSpec): Promise<void> {
  ctx.progress(`restarting ${spec.name}`);
  await stopProcess(ctx.paths, spec.name);
  await ensureRunning(ctx, spec);
}

/** The Fabric processes of the network in start order (without the chaincode service). */
export function fabricProcesses(ctx: NetworkContext): {
  cas: ProcessSpec[];
  orderers: ProcessSpec[];
  peers: ProcessSpec[];
} {
  const { fabric, paths, network } = ctx;
  return {
    cas: network.organisations.map((o) => caProcess(fabric, paths, o)),
    orderers: network.organisations.map((o) => ordererProcess(ctx, o)),
    peers: network.organisations.map((o) => peerProcess(ctx, o)),
  };
}

/** Joins an organisation's orderer to the channel unless it is a member already, retrying while it starts. */
export async function joinOrdererToChannel(ctx: NetworkContext, org: Organisation): Promise<void> {
  const orderer = { name: `orderer-${org.name}`, port: org.ports.ordererAdmin };
  await withRetries(ctx.paths, orderer, 'joining the channel (osnadmin channel list/join)', () =>
    joinOrderer(ctx, org),
  );
}

/** Joins an organisation's peer to the channel unless it is a member already, retrying while it starts. */
export async function joinPeerToChannel(ctx: NetworkContext, org: Organisation): Promise<void> {
  const peer = { name: `peer-${org.name}`, port: org.ports.peer };
  await withRetries(ctx.paths, peer, 'joining the channel (peer channel list/join)', () =>
    joinPeer(ctx, org),
  );
}

/**
 * Runs an organisation's chaincode service for its package, restarting it when it runs another package.
 * @returns whether it had to be started.
 */
export async function ensureChaincodeService(
  ctx: NetworkContext,
  org: Organisation,
  pkg: ChaincodePackage,
): Promise<boolean> {
  const spec = chaincodeProcess(ctx, org, pkg);
  const idFile = join(ctx.paths.org(org).run, `${spec.name}.id`);
  const runningId = existsSync(idFile) ? readFileSync(idFile, 'utf8').trim() : undefined;
  if (runningId !== pkg.packageId) {
    await stopProcess(ctx.paths, spec.name);
  }
  const started = await ensureRunning(ctx, spec);
  if (started) {
    writeFileSync(idFile, pkg.packageId);
  }
  return started;
}

/** The kinds of process every organisation's node runs, in stop order (clients first). */
const NODE_PROCESS_KINDS = ['gateway', 'chaincode', 'peer', 'orderer', 'ca'] as const;

/** The processes of one organisation's node, in stop order. */
export function nodeProcessNames(org: Organisation): string[] {
  return NODE_PROCESS_KINDS.map((kind) => `${kind}-${org.name}`);
}

/** Every process name of the network, in stop order: each kind for every organisation before the next. */
export function processNames(ctx: NetworkContext): string[] {
  return NODE_PROCESS_KINDS.flatMap((kind) => ctx.network.organisations.map((o) => `${kind}-${o.name}`));
}

/** Stops the named processes in order; their state stays on disk. @returns those that were running. */
export async function stopProcesses(ctx: NetworkContext, names: readonly string[]): Promise<string[]> {
  const stopped: string[] = [];
  for (const name of names) {
    if (await stopProcess(ctx.paths, name)) {
      stopped.push(name);
    }
  }
  return stopped;
}

/** Stops every process of the network; its state stays on disk. */
export function down(ctx: NetworkContext): Promise<string[]> {
  return stopProcesses(ctx, processNames(ctx));
}

/** Stops the network and deletes its state folder: ledgers, CA databases, keys. */
export async function reset(ctx: NetworkContext): Promise<void> {
  await down(ctx);
  rmSync(ctx.paths.home, { recursive: true, force: true });
}
