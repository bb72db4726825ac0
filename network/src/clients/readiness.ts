import { setTimeout as sleep } from 'node:timers/promises';
import { type Organisation, endpointOf } from '../description/config';
import type { NetworkContext } from '../description/context';
import { enrolledCredentials, openGateway } from './fabric-client';
import { NODE_IDENTITIES } from '../identities/identities';
import { channelMetric } from '../processes/probes';

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

/**
 * Waits until the channel's Raft cluster has a leader: right after orderers (re)start, transactions
 * are refused until one is elected. (A follower that is still catching up forwards to the leader, and
 * the peers' gateways try the other orderers, so the leader is what matters.)
 * @throws Error when there is no leader in time.
 */
export async function waitForRaftLeader(ctx: NetworkContext, timeoutMs = 90_000): Promise<void> {
  const channel = ctx.network.channel;
  const endpoints = ctx.network.organisations.map((o) => endpointOf(o, o.ports.ordererOperations));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const leaders = await Promise.all(
      endpoints.map((endpoint) => channelMetric(endpoint, 'consensus_etcdraft_is_leader', channel)),
    );
    if (leaders.includes(1)) {
      return;
    }
    await sleep(250);
  }
  throw new Error(`the orderers of ${channel} elected no Raft leader within ${timeoutMs / 1000} s`);
}

/** Waits until the network orders and endorses transactions again after processes (re)started. */
export async function waitUntilReady(ctx: NetworkContext): Promise<void> {
  await waitForRaftLeader(ctx);
  await waitUntilEndorsable(ctx);
}
