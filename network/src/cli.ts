import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { errorDetail } from './clients/contract-json';
import { loadDemoData } from './clients/demo';
import { createContext, type NetworkContext } from './description/context';
import { exportBooks } from './migration/export';
import { importBooks } from './migration/import';
import { up } from './node/city';
import { down, reset } from './node/network';
import { organisationNamed } from './node/organisation-node';
import { nodeCommand } from './node/node-commands';
import { printNextSteps, printStatus } from './node/status';
import { summaryLines } from './verify/summary';
import { failuresOf, uncomparedOf, verifyBooks } from './verify/verify';

// Everything the tooling writes into the state folder, and every process it starts, is owner-only.
process.umask(0o077);

const repoRoot = resolve(__dirname, '..', '..');
const home = resolve(process.env.STADSPAS_HOME ?? resolve(repoRoot, '.stadspas'));
const started = Date.now();
const elapsed = (): string => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const progress = (message: string): void => {
  console.log(`  [${elapsed().padStart(7)}] ${message}`);
};

async function main(command: string | undefined): Promise<void> {
  const ctx = createContext({
    repoRoot,
    home,
    progress,
    chaincodeDir: process.env.STADSPAS_CHAINCODE_DIR,
    networkFile: process.env.STADSPAS_NETWORK,
  });
  refuseOlderLayout(command);
  const withArguments = command === undefined ? undefined : COMMANDS_WITH_ARGUMENTS[command];
  if (withArguments !== undefined) {
    await withArguments(ctx, process.argv.slice(3));
    return;
  }
  switch (command) {
    case 'up':
      await upCommand(ctx);
      return;
    case 'down': {
      const stopped = await down(ctx);
      console.log(stopped.length ? `Stopped ${stopped.join(', ')}` : 'Nothing was running');
      return;
    }
    case 'reset':
      await reset(ctx);
      console.log(`Removed ${home}`);
      return;
    case 'status':
      await printStatus(ctx);
      return;
    default:
      throw new Error(
        `usage: cli.ts up|down|reset|status|node|verify|export|import (got ${command ?? 'nothing'})`,
      );
  }
}

/**
 * A state folder of an older version kept every organisation in one tree (`orgs/`, one `run/` folder); its
 * processes are not where this version looks for them.
 * @throws Error telling how to start over, for every command but `reset`.
 */
function refuseOlderLayout(command: string | undefined): void {
  if (command === 'reset' || !existsSync(join(home, 'orgs'))) {
    return;
  }
  throw new Error(
    `${home} was made by an older version, with one tree for every organisation; ` +
      `stop its processes (kill $(cat ${join(home, 'run')}/*.pid)) and start over with npm run reset`,
  );
}

/** `up`: the whole network, the demo data once, and where to go next. */
async function upCommand(ctx: NetworkContext): Promise<void> {
  const started = await up(ctx);
  const loaded = process.env.STADSPAS_DEMO_DATA !== 'off' && (await loadDemoData(ctx));
  console.log(
    started.length === 0
      ? `\nEverything was already running (checked in ${elapsed()}).\n`
      : `\nStarted ${started.join(', ')} in ${elapsed()}.\n`,
  );
  if (loaded) {
    console.log(
      'Demo data loaded: 3 venues, 3 offers, passes SP-1001 (adult), SP-1002 (child), SP-1003 (65+).\n',
    );
  }
  await printStatus(ctx);
  printNextSteps(ctx);
}

/** `verify --org <name> [--out <dir>] [--ledger <peer data copy>]`: the books, checked from the own node. */
async function verify(ctx: NetworkContext, args: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: { org: { type: 'string' }, out: { type: 'string' }, ledger: { type: 'string' } },
  });
  const org = organisationNamed(ctx, values.org);
  const out = resolve(values.out ?? join(ctx.paths.org(org).root, 'verify'));
  const report = await verifyBooks(ctx, org, {
    out,
    ...(values.ledger ? { ledger: resolve(values.ledger) } : {}),
  });
  console.log(summaryLines(report).join('\n'));
  // 1: a check failed; 2: nothing failed, but another organisation's peer could not be compared with.
  if (failuresOf(report).length > 0) {
    process.exitCode = 1;
  } else if (uncomparedOf(report).length > 0) {
    process.exitCode = 2;
  }
}

/** `export --org <name> [--out <dir>]`: what the organisation may read of the books, as JSON Lines. */
async function exportCommand(ctx: NetworkContext, args: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: { org: { type: 'string' }, out: { type: 'string' } },
  });
  const org = organisationNamed(ctx, values.org);
  const out = resolve(values.out ?? join(ctx.paths.org(org).root, 'export'));
  const summary = await exportBooks(ctx, org, out);
  const counts = Object.entries(summary.counts).map(([name, n]) => `${name} ${String(n)}`);
  console.log(`Exported ${org.name}'s books at height ${String(summary.height)} to ${out} in ${elapsed()}:`);
  console.log(`  ${counts.join(', ')}`);
}

/** `import --org <name> --from <dir> [--api-key <key>] [--batch <passes>]`: an export, through the own gateway. */
async function importCommand(ctx: NetworkContext, args: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      org: { type: 'string' },
      from: { type: 'string' },
      'api-key': { type: 'string' },
      batch: { type: 'string' },
    },
  });
  const org = organisationNamed(ctx, values.org);
  if (values.from === undefined) {
    throw new Error('import needs --from <the folder an export wrote>');
  }
  const steps = await importBooks(ctx, org, {
    from: resolve(values.from),
    ...(values['api-key'] === undefined ? {} : { apiKey: values['api-key'] }),
    ...(values.batch === undefined ? {} : { batchSize: Number(values.batch) }),
    progress,
  });
  console.log(`Imported into ${org.name}'s books in ${elapsed()}: ${String(steps.length)} steps done.`);
}

/** The commands that take arguments of their own. */
const COMMANDS_WITH_ARGUMENTS: Readonly<
  Record<string, ((ctx: NetworkContext, args: readonly string[]) => Promise<void>) | undefined>
> = {
  node: (ctx, args) => nodeCommand(ctx, args, elapsed),
  verify,
  export: exportCommand,
  import: importCommand,
};

main(process.argv[2]).catch((error: unknown) => {
  console.error(`\nerror: ${errorDetail(error)}`);
  process.exitCode = 1;
});
