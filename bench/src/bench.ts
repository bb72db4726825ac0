import { resolve } from 'node:path';
import {
  adminClientOf,
  organisationWithRole,
  createContext,
  createEntriesOffer,
  errorDetail,
  enrolledCredentials,
  ensureConfigured,
  ensureConfiguredWithVenue,
  openGateway,
  processNames,
  runningPid,
  type NetworkContext,
} from '@stadspas/network';
import { LIMITS } from '@stadspas/chaincode/vocabulary';
import { batchIssueTable, timeBatchIssue } from './batch-issue';
import { migrationTable, timeMigration } from './migration';
import { newRunId, setUpBench } from './bench-setup';
import { clockTicksPerSecond, measureIdle } from './cpu-usage';
import { cpuTable, kindCpuTable, type StepCpu } from './cpu-table';
import { passesPerStep, settleTable, timeOfflineSettle } from './offline-settle';
import { operationsOf } from './operations';
import { parseBenchOptions, type BenchOptions } from './options';
import { durationMs, latencyTable, ratioTable, throughputTable } from './ratios';
import { MIN_OPERATIONS_PER_SLOT, runSweep } from './sweep';
import { formatTable } from './table';
import { runYear, yearAtScale, yearTable, YEAR_IN_FLIGHT } from './year';

/** Seconds without load over which the network's own CPU use is measured before the sweep. */
const IDLE_SECONDS = 5;

const progress = (line: string): void => {
  console.log(`  ${line}`);
};

/** The network's processes (their supervisors' pids; each tree holds the process it runs) and this one. */
function processRoots(ctx: NetworkContext): Map<string, number> {
  const roots = new Map<string, number>();
  for (const name of processNames(ctx)) {
    const pid = runningPid(ctx.paths, name);
    if (pid !== undefined) {
      roots.set(name, pid);
    }
  }
  roots.set('bench client (this process)', process.pid);
  return roots;
}

async function sweep(ctx: NetworkContext, options: BenchOptions): Promise<void> {
  const maxInFlight = Math.max(...options.inFlight);
  const fixture = await setUpBench(ctx, {
    passes: Math.max(16, maxInFlight * 2),
    entries: 1_000,
    restClients: 8,
    progress,
  });
  try {
    const processes = processRoots(ctx);
    console.log(`\nSweep of run ${fixture.runId}: ${processes.size - 1} network processes found`);
    const ticksPerSecond = clockTicksPerSecond();
    progress(`measuring what the network uses without load (${IDLE_SECONDS} s)`);
    const idle = await measureIdle(processes, ticksPerSecond, IDLE_SECONDS);
    const result = await runSweep(operationsOf(fixture), { ...options, processes, ticksPerSecond, progress });
    console.log(
      `\nUp to ${options.count} operations of each kind per step, at least ${MIN_OPERATIONS_PER_SLOT} per slot in ` +
        `flight, at most ${options.stepSeconds} s each; ${options.rounds} interleaved rounds; venue ${fixture.venueId}\n`,
    );
    console.log(`Throughput\n${formatTable(throughputTable(result.steps))}\n`);
    console.log(`Latency\n${formatTable(latencyTable(result.steps))}\n`);
    const batchTimeoutMs = durationMs(ctx.network.ordering.batchTimeout);
    console.log(
      'Ratios (side by side in this run; the goal in brackets)\n' +
        `${formatTable(ratioTable(result.steps, batchTimeoutMs))}\n`,
    );
    console.log(
      'Where the CPU goes (redemptions and trivial writes; each process with its children)\n' +
        formatTable(cpuTable(result.cpu, idle)),
    );
    const busiest = result.cpu.reduce<StepCpu | undefined>(
      (a, b) => (a === undefined || b.inFlight > a.inFlight ? b : a),
      undefined,
    );
    if (busiest !== undefined) {
      console.log(
        `\nWhere each kind's CPU goes at ${String(busiest.inFlight)} in flight (per operation; a scan commits nothing)\n` +
          formatTable(kindCpuTable(busiest)),
      );
    }
  } finally {
    fixture.close();
  }
}

async function batchIssue(ctx: NetworkContext, options: BenchOptions): Promise<void> {
  const org = organisationWithRole(ctx.network, 'municipality');
  const municipality = openGateway(ctx, org, enrolledCredentials(ctx, org, adminClientOf(org).name));
  try {
    await ensureConfigured(municipality.contract);
    progress(
      `issuing ${options.batchIssue} passes with their holders, ${options.batchInFlight} batches in flight`,
    );
    const result = await timeBatchIssue(municipality, {
      passes: options.batchIssue,
      batchSize: LIMITS.maxBatchPasses,
      batchInFlight: options.batchInFlight,
      runId: newRunId(),
    });
    console.log(`\n${formatTable(batchIssueTable(result))}`);
  } finally {
    municipality.close();
  }
}

/** The venue the migrated passes' offer is used at. */
const MIGRATION_VENUE = 'zwembad-kardinge';

async function migration(ctx: NetworkContext, options: BenchOptions): Promise<void> {
  const org = organisationWithRole(ctx.network, 'municipality');
  const runId = newRunId();
  const offerId = `migration-${runId}`;
  const municipality = openGateway(ctx, org, enrolledCredentials(ctx, org, adminClientOf(org).name));
  try {
    await ensureConfiguredWithVenue(municipality.contract, MIGRATION_VENUE, 'Sportcentrum Kardinge');
    await createEntriesOffer(municipality.contract, {
      offerId,
      venueIds: [MIGRATION_VENUE],
      entries: 10,
      validDays: 400,
    });
  } finally {
    municipality.close();
  }
  progress(`carrying ${String(options.migration)} passes in through ${org.name}'s gateway, then exporting`);
  const result = await timeMigration(ctx, org, { passes: options.migration, offerId, runId, progress });
  console.log(`\n${formatTable(migrationTable(result))}`);
}

async function offlineSettle(ctx: NetworkContext, options: BenchOptions): Promise<void> {
  const inFlight = options.inFlight;
  const fixture = await setUpBench(ctx, {
    passes: inFlight.reduce((sum, n) => sum + passesPerStep(options.offlineSettle, n), 0),
    entries: 1_000,
    restClients: 8,
    progress,
  });
  try {
    const steps = await timeOfflineSettle(fixture, { inFlight, count: options.offlineSettle, progress });
    console.log(
      `\nOffline bookings made an hour ago, settled as the scanner settles them on reconnect, beside online bookings ` +
        `(venue ${fixture.venueId})\n${formatTable(settleTable(steps))}`,
    );
  } finally {
    fixture.close();
  }
}

async function year(ctx: NetworkContext, options: BenchOptions): Promise<void> {
  const size = yearAtScale(options.year);
  console.log(
    `A year of a city at scale ${String(options.year)}: ${String(size.passes)} passes, ${String(size.bookings)} ` +
      `bookings at ${String(size.venues)} venues, ${String(YEAR_IN_FLIGHT)} in flight; measured at each quarter's end`,
  );
  const result = await runYear(ctx, {
    scale: options.year,
    processes: processRoots(ctx),
    ticksPerSecond: clockTicksPerSecond(),
    progress,
  });
  console.log(`\n${formatTable(yearTable(result))}`);
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const repoRoot = resolve(__dirname, '..', '..');
  const ctx = createContext({
    repoRoot,
    home: resolve(process.env.STADSPAS_HOME ?? resolve(repoRoot, '.stadspas')),
    networkFile: process.env.STADSPAS_NETWORK,
  });
  if (options.year > 0) {
    await year(ctx, options);
  } else if (options.batchIssue > 0) {
    await batchIssue(ctx, options);
  } else if (options.migration > 0) {
    await migration(ctx, options);
  } else if (options.offlineSettle > 0) {
    await offlineSettle(ctx, options);
  } else {
    await sweep(ctx, options);
  }
}

main().catch((error: unknown) => {
  console.error(errorDetail(error));
  process.exitCode = 1;
});
