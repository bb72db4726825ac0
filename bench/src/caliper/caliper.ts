import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import {
  adminClientOf,
  createContext,
  errorDetail,
  endpointOf,
  enrolledIdentityFiles,
  processStatus,
  type NetworkContext,
  type Organisation,
} from '@stadspas/network';
import { setUpBench, type BenchFixture } from '../bench-setup';
import { formatTable } from '../table';
import { parseCaliperOptions, type CaliperOptions } from './caliper-options';
import { caliperSummaryTable, parseCaliperResults } from './caliper-results';
import {
  caliperBenchConfig,
  caliperNetworkConfig,
  connectionProfile,
  type CaliperIdentity,
  type CaliperOrganisation,
  type MonitoredProcesses,
} from './caliper-config';

const benchDir = resolve(__dirname, '..', '..');

function organisation(
  ctx: NetworkContext,
  org: Organisation,
  identity: CaliperIdentity,
  runDir: string,
): CaliperOrganisation {
  return {
    identity,
    peerName: `peer-${org.name}`,
    peerEndpoint: endpointOf(org, org.ports.peer),
    tlsCaCertPath: ctx.paths.org(org).tlsCaCert,
    profilePath: join(runDir, `profile-${org.name}.yaml`),
  };
}

/** The network's peers, orderers, chaincode services and gateways, by their running processes' pids. */
function monitoredProcesses(ctx: NetworkContext): MonitoredProcesses[] {
  const pidsOf = (kind: string): number[] =>
    ctx.network.organisations.flatMap((org) => {
      const pid = processStatus(ctx.paths, `${kind}-${org.name}`)?.childPid;
      return pid === undefined || pid === null ? [] : [pid];
    });
  const groups: MonitoredProcesses[] = [
    { command: 'peer', pids: pidsOf('peer') },
    { command: 'orderer', pids: pidsOf('orderer') },
    { command: 'node', arguments: 'fabric-shim', pids: pidsOf('chaincode') },
    { command: 'node', arguments: 'gateway', pids: pidsOf('gateway') },
  ];
  return groups.filter((group) => group.pids.length > 0);
}

/** Writes Caliper's network configuration, connection profiles and benchmark configuration into the run folder. */
function writeConfigs(
  ctx: NetworkContext,
  fixture: BenchFixture,
  options: CaliperOptions,
  runDir: string,
): { network: string; bench: string } {
  const { municipality: municipalityOrg, venues: venuesOrg } = fixture.orgs;
  const admin = adminClientOf(municipalityOrg);
  const municipality: CaliperIdentity = {
    name: admin.name,
    mspId: municipalityOrg.mspId,
    ...enrolledIdentityFiles(ctx, municipalityOrg, admin.name),
  };
  const venue: CaliperIdentity = {
    name: fixture.venueClient.name,
    mspId: venuesOrg.mspId,
    certPath: fixture.venueClient.certPath,
    keyPath: fixture.venueClient.keyPath,
  };
  const orgs = [
    organisation(ctx, municipalityOrg, municipality, runDir),
    organisation(ctx, venuesOrg, venue, runDir),
  ];
  for (const org of orgs) {
    writeFileSync(org.profilePath, stringify(connectionProfile(org)));
  }
  const network = join(runDir, 'networkconfig.yaml');
  writeFileSync(
    network,
    stringify(caliperNetworkConfig(ctx.network.channel, ctx.network.chaincode.name, orgs)),
  );
  const bench = join(runDir, 'benchconfig.yaml');
  const config = caliperBenchConfig({
    workloadsDir: join(benchDir, 'caliper', 'workloads'),
    rateControlDir: join(benchDir, 'caliper', 'rate-control'),
    controller: options.controller,
    chaincode: ctx.network.chaincode.name,
    inFlight: options.inFlight,
    seconds: options.seconds,
    venue,
    municipality,
    offerId: fixture.offerId,
    cards: fixture.cards,
    idPrefix: `bench-${fixture.runId}`,
    batchSize: options.batchSize,
    batches: options.batches,
    batchInFlight: options.batchInFlight,
    monitored: monitoredProcesses(ctx),
  });
  writeFileSync(bench, stringify(config));
  return { network, bench };
}

/**
 * Runs Caliper's manager (it starts its one local worker itself), showing its output and keeping a copy in
 * `caliper.log` of the run folder; resolves with its exit code and output.
 */
function runCaliper(
  runDir: string,
  files: { network: string; bench: string },
  report: string,
): Promise<{ code: number; output: string }> {
  const cli = require.resolve('@hyperledger/caliper-cli/caliper.js');
  const args = [
    cli,
    'launch',
    'manager',
    '--caliper-workspace',
    runDir,
    '--caliper-networkconfig',
    files.network,
    '--caliper-benchconfig',
    files.bench,
    '--caliper-report-path',
    report,
    '--caliper-flow-only-test',
  ];
  const log = createWriteStream(join(runDir, 'caliper.log'));
  const chunks: Buffer[] = [];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: runDir, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      log.write(chunk);
      chunks.push(chunk);
    });
    child.on('error', fail);
    child.on('close', (code, signal) => {
      log.end();
      done({ code: code ?? (signal === null ? 1 : 128), output: Buffer.concat(chunks).toString('utf8') });
    });
  });
}

async function main(): Promise<void> {
  const options = parseCaliperOptions(process.argv.slice(2));
  const repoRoot = resolve(benchDir, '..');
  const ctx = createContext({
    repoRoot,
    home: resolve(process.env.STADSPAS_HOME ?? resolve(repoRoot, '.stadspas')),
  });
  const fixture = await setUpBench(ctx, {
    passes: Math.max(16, options.inFlight * 2),
    entries: 1_000,
    restClients: 1,
    progress: (line) => {
      console.log(`  ${line}`);
    },
  });
  // Caliper opens its own connections: the run only needed these to set itself up.
  fixture.close();
  const runDir = join(
    ctx.paths.home,
    'caliper',
    `${new Date().toISOString().replace(/[:.]/g, '-')}-${fixture.runId}`,
  );
  mkdirSync(runDir, { recursive: true });
  const files = writeConfigs(ctx, fixture, options, runDir);
  const report = join(runDir, 'report.html');
  console.log(`  running Caliper in ${runDir}`);
  const { code, output } = await runCaliper(runDir, files, report);
  if (code !== 0 || !existsSync(report)) {
    throw new Error(`Caliper exited with code ${code}; its configuration and log are in ${runDir}`);
  }
  const rounds = parseCaliperResults(output);
  console.log(
    `\nCaliper's rounds, ${options.inFlight} in flight asked of the ${options.controller} load controller (one worker)\n` +
      formatTable(caliperSummaryTable(rounds, options.batchSize)),
  );
  console.log(`\nCaliper's report: ${report}`);
}

main().catch((error: unknown) => {
  console.error(errorDetail(error));
  process.exitCode = 1;
});
