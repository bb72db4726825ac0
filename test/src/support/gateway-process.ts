import { processStatus, runningPid, type NetworkContext, type Organisation } from '@stadspas/network';
import { eventually } from './network';

/** The gateway's `/health` answer, as far as the tests read it. */
export interface GatewayHealth {
  readonly status: string;
  readonly ledger: { readonly blockHeight?: number };
  readonly readModel?: {
    readonly blocksApplied: number;
    readonly lag: number;
    readonly lastBlockAppliedAt?: string;
  };
  readonly certificates?: {
    readonly earliestExpiry: string;
    readonly daysLeft: number;
    readonly file: string;
    readonly renewSoon: boolean;
  };
}

/** The organisation's gateway's `/health`. @throws when it does not answer 200. */
export async function gatewayHealth(org: Organisation): Promise<GatewayHealth> {
  const res = await fetch(`https://${org.host}:${String(org.ports.gateway)}/health`);
  if (res.status !== 200) {
    throw new Error(`gateway of ${org.name} answered ${String(res.status)}`);
  }
  return (await res.json()) as GatewayHealth;
}

/** Waits until the gateway's read model has applied every block of its peer (lag 0). */
export async function readModelCaughtUp(org: Organisation): Promise<GatewayHealth> {
  return eventually(async () => {
    const health = await gatewayHealth(org);
    if (health.readModel?.lag !== 0) {
      throw new Error(`read model of ${org.name} lags: ${JSON.stringify(health.readModel)}`);
    }
    return health;
  });
}

/**
 * Kills the organisation's gateway process outright (SIGKILL, no shutdown) and waits until its supervisor has
 * started it again and it answers `/health`. `whileDown` runs after the kill, before the wait.
 */
export async function killGateway(
  ctx: NetworkContext,
  org: Organisation,
  whileDown: () => Promise<void> = () => Promise.resolve(),
): Promise<void> {
  const name = `gateway-${org.name}`;
  const pid = processStatus(ctx.paths, name)?.childPid;
  if (typeof pid !== 'number') {
    throw new Error(`${name} is not running`);
  }
  process.kill(pid, 'SIGKILL');
  await whileDown();
  await eventually(async () => {
    const after = processStatus(ctx.paths, name)?.childPid;
    if (typeof after !== 'number' || after === pid) {
      throw new Error(`${name} not restarted yet`);
    }
    await gatewayHealth(org);
  });
}

/**
 * Stops the organisation's gateway while `whileStopped` runs: its supervisor is frozen (SIGSTOP) so that nothing
 * starts it again, and the gateway killed, so connections to it are refused. Afterwards the supervisor is thawed,
 * starts the gateway again, and this waits until it answers `/health`.
 */
export async function withGatewayStopped<T>(
  ctx: NetworkContext,
  org: Organisation,
  whileStopped: () => Promise<T>,
): Promise<T> {
  const name = `gateway-${org.name}`;
  const supervisor = runningPid(ctx.paths, name);
  const pid = processStatus(ctx.paths, name)?.childPid;
  if (supervisor === undefined || typeof pid !== 'number') {
    throw new Error(`${name} is not running`);
  }
  process.kill(supervisor, 'SIGSTOP');
  try {
    process.kill(pid, 'SIGKILL');
    return await whileStopped();
  } finally {
    process.kill(supervisor, 'SIGCONT');
    await eventually(() => gatewayHealth(org), 120_000);
  }
}
