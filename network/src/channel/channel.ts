import { existsSync } from 'node:fs';
import { type Organisation, endpointOf } from '../description/config';
import { run } from '../description/fabric';
import { adminTls, operationsOf, peerAdminEnv } from './nodes';
import type { NetworkContext } from '../description/context';
import type { StatePaths } from '../description/paths';
import { channelMetric } from '../processes/probes';

/** What the orderer admin API reports about one channel of an orderer. */
export interface OrdererChannelInfo {
  readonly name: string;
  readonly status: string;
  readonly consensusRelation: string;
  readonly height: number;
}

function osnadminArgs(paths: StatePaths, org: Organisation): string[] {
  const tls = adminTls(paths, org);
  return [
    '-o',
    endpointOf(org, org.ports.ordererAdmin),
    '--ca-file',
    paths.org(org).tlsCaCert,
    '--client-cert',
    tls.cert,
    '--client-key',
    tls.key,
  ];
}

/** The orderer's view of the channel, or undefined when it has not joined it. */
export async function ordererChannelInfo(
  ctx: Pick<NetworkContext, 'fabric' | 'paths' | 'network'>,
  org: Organisation,
): Promise<OrdererChannelInfo | undefined> {
  const { fabric, paths } = ctx;
  const { channel } = ctx.network;
  const { stdout } = await run(fabric.bin('osnadmin'), [
    'channel',
    'list',
    '--channelID',
    channel,
    ...osnadminArgs(paths, org),
  ]);
  const body = stdout.slice(stdout.indexOf('{'));
  if (!stdout.startsWith('Status: 200')) {
    return undefined;
  }
  return JSON.parse(body) as OrdererChannelInfo;
}

/** Joins the organisation's orderer to the channel through the channel participation API, once. */
export async function joinOrderer(
  ctx: Pick<NetworkContext, 'fabric' | 'paths' | 'network'>,
  org: Organisation,
): Promise<void> {
  const { fabric, paths, network } = ctx;
  if (await ordererChannelInfo(ctx, org)) {
    return;
  }
  const { stdout } = await run(fabric.bin('osnadmin'), [
    'channel',
    'join',
    '--channelID',
    network.channel,
    '--config-block',
    existsSync(paths.org(org).joinBlock) ? paths.org(org).joinBlock : paths.org(org).genesisBlock,
    ...osnadminArgs(paths, org),
  ]);
  if (!stdout.startsWith('Status: 201')) {
    throw new Error(`orderer-${org.name} refused to join ${network.channel}: ${stdout}`);
  }
}

/** Joins the organisation's peer to the channel from the genesis block, once. */
export async function joinPeer(
  ctx: Pick<NetworkContext, 'fabric' | 'paths' | 'network'>,
  org: Organisation,
): Promise<void> {
  const { fabric, paths, network } = ctx;
  const env = peerAdminEnv(fabric, paths, org);
  const { stdout } = await run(fabric.bin('peer'), ['channel', 'list'], env);
  if (stdout.split('\n').includes(network.channel)) {
    return;
  }
  await run(fabric.bin('peer'), ['channel', 'join', '-b', paths.org(org).genesisBlock], env);
}

/**
 * The peer's block height on the channel, from its operations metrics; undefined when it does not answer, or
 * when this machine holds no certificate of the peer's organisation to ask with.
 */
export async function peerHeight(
  ctx: Pick<NetworkContext, 'paths' | 'network'>,
  org: Organisation,
): Promise<number | undefined> {
  const operations = operationsOf(ctx, org, 'peerOperations');
  return operations === undefined
    ? undefined
    : channelMetric(operations, 'ledger_blockchain_height', ctx.network.channel);
}
