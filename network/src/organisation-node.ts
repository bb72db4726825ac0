import { existsSync } from 'node:fs';
import { caProcess, prepareCaHome } from './ca';
import { chaincodeLabel, chaincodeProcessName, packageChaincode } from './chaincode';
import type { Organisation } from './config';
import type { NetworkContext } from './context';
import { writePeerConfig } from './fabric-config';
import { gatewayProcesses, provisionGateways } from './gateways';
import { enrollOrganisation } from './identities';
import {
  ensureChaincodeService,
  ensureRunning,
  joinOrdererToChannel,
  joinPeerToChannel,
  nodeProcessNames,
  stopProcesses,
} from './network';
import { ordererProcess, peerProcess } from './nodes';
import { waitForRaftLeader, waitUntilEndorsableThrough } from './readiness';

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

/**
 * Starts one organisation's node on a network whose channel exists: its CA, its orderer and its peer (each
 * joined to the channel, catching up from the others), its chaincode service for the committed definition,
 * and its gateway; then waits until its peer gets transactions endorsed. Processes already running stay.
 * @returns the processes that had to be started.
 * @throws Error when the channel does not exist yet, or naming the process, port and log of a node that does
 * not start.
 */
export async function startNode(ctx: NetworkContext, org: Organisation): Promise<string[]> {
  const { fabric, paths } = ctx;
  if (!existsSync(paths.genesisBlock)) {
    throw new Error(`channel ${ctx.network.channel} does not exist yet: create the network with npm start`);
  }
  writePeerConfig(fabric.sampleConfigDir, ctx.overridesDir, fabric.peerConfigDir);
  const started: string[] = [];
  const ensure = async (spec: Parameters<typeof ensureRunning>[1]): Promise<void> => {
    if (await ensureRunning(ctx, spec)) {
      started.push(spec.name);
    }
  };
  prepareCaHome(paths, org, ctx.secrets);
  await ensure(caProcess(fabric, paths, org));
  await enrollOrganisation(fabric, paths, org, ctx.secrets);
  await ensure(ordererProcess(fabric, paths, ctx.network, org));
  await joinOrdererToChannel(ctx, org);
  await ensure(peerProcess(fabric, paths, org, ctx.builderDir));
  await joinPeerToChannel(ctx, org);
  // The service runs this checkout's chaincode build: the one npm start deployed.
  const pkg = await packageChaincode(fabric, paths, org, chaincodeLabel(ctx.network, ctx.chaincodeDir));
  if (await ensureChaincodeService(ctx, org, pkg)) {
    started.push(chaincodeProcessName(org));
  }
  provisionGateways(ctx);
  const gateway = gatewayProcesses(ctx).find((spec) => spec.name === `gateway-${org.name}`);
  if (gateway) {
    await ensure(gateway);
  }
  ctx.progress(`waiting until peer-${org.name} gets transactions endorsed`);
  await waitForRaftLeader(ctx);
  await waitUntilEndorsableThrough(ctx, org);
  return started;
}

/**
 * Stops one organisation's node; its state stays on disk.
 * @returns the processes that were running.
 */
export function stopNode(ctx: NetworkContext, org: Organisation): Promise<string[]> {
  return stopProcesses(ctx, nodeProcessNames(org));
}
