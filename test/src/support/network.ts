import { resolve } from 'node:path';
import { createContext, type NetworkContext } from '../../../network/src/context';
import type { Organisation } from '../../../network/src/config';

/** The network under test, in the state folder that scripts/test.sh started it in. */
export function testNetwork(): NetworkContext {
  const home = process.env.STADSPAS_HOME;
  if (!home) {
    throw new Error('STADSPAS_HOME is not set: run the end-to-end tests through npm test');
  }
  return createContext({ repoRoot: resolve(__dirname, '..', '..', '..'), home });
}

/** The organisation with the given MSP id. */
export function orgByMsp(ctx: NetworkContext, mspId: string): Organisation {
  const org = ctx.network.organisations.find((o) => o.mspId === mspId);
  if (!org) {
    throw new Error(`no organisation ${mspId}`);
  }
  return org;
}

/** Polls until the check passes. @throws the last failure when it never does within the timeout. */
export async function eventually<T>(
  check: () => Promise<T>,
  timeoutMs = 60_000,
  intervalMs = 500,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}
