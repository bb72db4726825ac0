import { setTimeout as sleep } from 'node:timers/promises';
import type { Organisation } from '../description/config';
import type { NetworkContext } from '../description/context';
import { enrolledCredentials, openGateway } from './fabric-client';
import { NODE_IDENTITIES } from '../identities/identities';
import { channelMetric } from '../processes/probes';
import { operationsOf } from '../channel/nodes';

/**
 * Waits until a transaction proposal can be endorsed, through every organisation's peer, by enough
 * organisations to satisfy the endorsement policy. After peers (re)start or a chaincode is
 * (re)deployed, the peers learn of each other and of the chaincode through gossip within seconds;
 * until then discovery finds no combination of endorsers. Endorsing a read (never submitted) proves
 * it without touching the ledger.
 * @throws Error naming the peer and discovery's last answer when it does not become ready in time.
 */
export async function waitUntilEndorsable(ctx: NetworkContext, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await Promise.all(ctx.network.organisations.map((org) => waitThroughPeer(ctx, org, deadline)));
}

/**
 * Waits until transactions can be endorsed through one organisation's peer (see {@link waitUntilEndorsable}).
 * @throws Error naming the peer and discovery's last answer when it does not become ready in time.
 */
export async function waitUntilEndorsableThrough(
  ctx: NetworkContext,
  org: Organisation,
  timeoutMs = 90_000,
): Promise<void> {
  await waitThroughPeer(ctx, org, Date.now() + timeoutMs);
}

async function waitThroughPeer(ctx: NetworkContext, org: Organisation, deadline: number): Promise<void> {
  const session = openGateway(ctx, org, enrolledCredentials(ctx, org, NODE_IDENTITIES.admin));
  let lastError: unknown;
  try {
    while (Date.now() < deadline) {
      try {
        await session.contract.newProposal('config:GetConfig').endorse();
        return;
      } catch (error) {
        lastError = error;
        await sleep(500);
      }
    }
  } finally {
    session.close();
  }
  const detail = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(`peer-${org.name} cannot get transactions endorsed: ${detail}`);
}

/** How long a node that reads only some orderers' metrics waits for one of them to lead. */
const PARTIAL_VIEW_WAIT_MS = 10_000;

/**
 * Waits until the channel's Raft cluster has a leader: right after orderers (re)start, transactions
 * are refused until one is elected. (A follower that is still catching up forwards to the leader, and
 * the peers' gateways try the other orderers, so the leader is what matters.) An orderer's metrics answer only
 * its own organisation's certificates: on the city's machine every orderer's are read; a partner's node reads
 * its own orderer's only and, when that one does not lead, waits a little while for the election and goes on
 * (its gateway hands a transaction to ordering again for 15 s while there is no leader).
 * @throws Error when, reading every orderer, there is no leader in time.
 */
export async function waitForRaftLeader(ctx: NetworkContext, timeoutMs = 90_000): Promise<void> {
  const channel = ctx.network.channel;
  const readable = ctx.network.organisations
    .map((o) => operationsOf(ctx, o, 'ordererOperations'))
    .filter((operations) => operations !== undefined);
  const everyone = readable.length === ctx.network.organisations.length;
  const deadline = Date.now() + (everyone ? timeoutMs : Math.min(timeoutMs, PARTIAL_VIEW_WAIT_MS));
  while (Date.now() < deadline) {
    const leaders = await Promise.all(
      readable.map((operations) => channelMetric(operations, 'consensus_etcdraft_is_leader', channel)),
    );
    if (leaders.includes(1)) {
      return;
    }
    await sleep(250);
  }
  if (everyone) {
    throw new Error(`the orderers of ${channel} elected no Raft leader within ${timeoutMs / 1000} s`);
  }
}

/** Waits until the network orders and endorses transactions again after processes (re)started. */
export async function waitUntilReady(ctx: NetworkContext): Promise<void> {
  await waitForRaftLeader(ctx);
  await waitUntilEndorsable(ctx);
}
