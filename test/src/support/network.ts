import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createContext, type NetworkContext, type Organisation } from '@stadspas/network';
import { trustNetwork } from './trusted-gateways';

/** The network under test, in the state folder that scripts/test.sh started it in. */
export function testNetwork(): NetworkContext {
  const home = process.env.STADSPAS_HOME;
  if (!home) {
    throw new Error('STADSPAS_HOME is not set: run the end-to-end tests through npm test');
  }
  const ctx = createContext({ repoRoot: resolve(__dirname, '..', '..', '..'), home });
  trustNetwork(ctx);
  return ctx;
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

/** What one run of the network's command line printed and how it ended. */
export interface CliRun {
  readonly exitCode: number;
  readonly output: string;
}

/** Runs one of the repository's TypeScript programs with tsx against the test network, as a user would. */
export function runTsx(
  ctx: NetworkContext,
  script: string,
  args: readonly string[],
  timeoutMs: number,
  env: Readonly<Record<string, string>> = {},
): Promise<CliRun> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [require.resolve('tsx/cli', { paths: [ctx.repoRoot] }), resolve(ctx.repoRoot, script), ...args],
      {
        env: { ...process.env, STADSPAS_HOME: ctx.paths.home, ...env },
        timeout: timeoutMs,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        done({ exitCode: code, output: `${stdout}${stderr}` });
      },
    );
  });
}

/**
 * Runs the network's command line (`up`, `down`, `status`, or a command with its arguments such as
 * `['verify', '--org', 'svb']`) on the network under test, as `npm start`, `npm stop` and `npm run verify` do,
 * and collects its output; never throws on a failing exit code. `env` adds to its environment (such as
 * STADSPAS_NETWORK for a network of another description).
 */
export function runCli(
  ctx: NetworkContext,
  command: string | readonly string[],
  timeoutMs = 240_000,
  env: Readonly<Record<string, string>> = {},
): Promise<CliRun> {
  return runTsx(ctx, 'network/src/cli.ts', typeof command === 'string' ? [command] : command, timeoutMs, env);
}

/** Every file below a folder, e.g. a peer's whole ledger. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}
