import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createContext, type NetworkContext } from './context';
import { loadDemoData } from './demo';
import { down, reset, up } from './network';
import { organisationNamed, startNode, stopNode } from './organisation-node';
import { printNextSteps, printStatus } from './status';

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
    case 'node':
      await node(ctx, process.argv.slice(3));
      return;
    default:
      throw new Error(`usage: cli.ts up|down|reset|status|node (got ${command ?? 'nothing'})`);
  }
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

/** `node <start|stop|status> --org <name>`: one organisation's node. */
async function node(ctx: NetworkContext, args: readonly string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { org: { type: 'string' } },
    allowPositionals: true,
  });
  const org = organisationNamed(ctx, values.org);
  switch (positionals[0]) {
    case 'start': {
      const started = await startNode(ctx, org);
      console.log(
        started.length ? `Started ${started.join(', ')} in ${elapsed()}.` : `${org.name}'s node was running.`,
      );
      await printStatus(ctx, org);
      return;
    }
    case 'stop': {
      const stopped = await stopNode(ctx, org);
      console.log(stopped.length ? `Stopped ${stopped.join(', ')}` : `Nothing of ${org.name} was running`);
      return;
    }
    case 'status':
      await printStatus(ctx, org);
      return;
    default:
      throw new Error(
        `usage: npm run node -- start|stop|status --org <name> (got ${positionals[0] ?? 'nothing'})`,
      );
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(`\nerror: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
