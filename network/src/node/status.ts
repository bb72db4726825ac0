import { certificatesUnder, needsRenewal, type CertificateExpiry } from '@stadspas/gateway/certificates';
import { chaincodeProcessName } from '../chaincode/package';
import type { Organisation } from '../description/config';
import type { NetworkContext } from '../description/context';
import { peerHeight } from '../channel/channel';
import { gatewayProcess, gatewayUrl } from '../clients/gateways';
import { fabricProcesses, nodeProcessNames, processNames } from './network';
import { printPagesGuide } from '../clients/pages-guide';
import { processStatus, runningPid, type ProcessSpec } from '../processes/processes';
import { portOpen } from '../processes/probes';

/** Prints every process (or one organisation's) with its pid, port and health, and each peer's block height. */
export async function printStatus(ctx: NetworkContext, only?: Organisation): Promise<void> {
  const { cas, orderers, peers } = fabricProcesses(ctx);
  const chaincodes = ctx.network.organisations.map((org): ProbedProcess => ({
    name: chaincodeProcessName(org),
    port: org.ports.chaincode,
    ready: () => portOpen(org.ports.chaincode, org.host),
  }));
  const gateways = ctx.network.organisations.flatMap((org) => gatewayProcess(ctx, org) ?? []);
  const all = [...cas, ...orderers, ...peers, ...chaincodes, ...gateways];
  const specs = new Map(all.map((s) => [s.name, s]));
  const rows: string[][] = [['process', 'pid', 'port', 'health', 'restarts', 'height']];
  const names = only === undefined ? processNames(ctx) : nodeProcessNames(only);
  for (const name of names) {
    rows.push(await statusRow(ctx, name, specs.get(name)));
  }
  printTable(rows);
  const folders = only === undefined ? `${ctx.paths.home}/<organisation>` : ctx.paths.org(only).root;
  console.log(`state folder: ${folders}, logs in its logs/ folder`);
  printCertificates(ctx, only);
}

const dayOf = (date: Date): string => date.toISOString().slice(0, 10);

function warningOf(org: Organisation, certificate: CertificateExpiry): string {
  const when =
    certificate.daysLeft < 0
      ? `expired on ${dayOf(certificate.notAfter)}`
      : `expires in ${String(certificate.daysLeft)} days (${dayOf(certificate.notAfter)})`;
  return `WARNING: ${org.name}'s certificate ${certificate.file} ${when}: npm run node -- renew --org ${org.name}`;
}

/**
 * The days left on every certificate of one organisation's node, or the first to expire of each node of the
 * city; a warning for each certificate within 30 days of its expiry.
 */
function printCertificates(ctx: NetworkContext, only: Organisation | undefined): void {
  const orgs = only === undefined ? ctx.network.organisations : [only];
  for (const org of orgs) {
    const certificates = certificatesUnder(ctx.paths.org(org).root);
    const [first] = certificates;
    if (first === undefined) {
      continue;
    }
    if (only === undefined) {
      console.log(
        `${org.name}: ${String(certificates.length)} certificates, the first expires ${dayOf(first.notAfter)} ` +
          `(in ${String(first.daysLeft)} days): ${first.file}`,
      );
    } else {
      console.log(`certificates of ${org.name}'s node, the first to expire first:`);
      printTable([
        ['expires', 'days left', 'file', 'subject'],
        ...certificates.map((c) => [dayOf(c.notAfter), String(c.daysLeft), c.file, c.subject]),
      ]);
    }
    for (const certificate of certificates.filter(needsRenewal)) {
      console.log(warningOf(org, certificate));
    }
  }
}

type ProbedProcess = Pick<ProcessSpec, 'name' | 'port' | 'ready'>;

/** One process's row: name, pid, port, health and (for a peer) its block height. */
async function statusRow(
  ctx: NetworkContext,
  name: string,
  spec: ProbedProcess | undefined,
): Promise<string[]> {
  const pid = runningPid(ctx.paths, name);
  const port = String(spec?.port ?? '');
  if (pid === undefined) {
    return [name, '-', port, 'stopped', '', ''];
  }
  const healthy = spec === undefined || (await spec.ready().catch(() => false));
  const supervised = processStatus(ctx.paths, name);
  return [
    name,
    String(supervised?.childPid ?? pid),
    port,
    health(healthy, supervised?.state),
    String(supervised?.restarts ?? 0),
    await heightOf(ctx, name),
  ];
}

/** A peer's block height on the channel; nothing for other processes. */
async function heightOf(ctx: NetworkContext, name: string): Promise<string> {
  const org = ctx.network.organisations.find((o) => name === `peer-${o.name}`);
  return org ? String((await peerHeight(ctx, org)) ?? '') : '';
}

function health(healthy: boolean, state: string | undefined): string {
  if (healthy) {
    return 'ok';
  }
  return state === 'waiting' ? 'restarting' : 'unhealthy';
}

function printTable(rows: readonly string[][]): void {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  for (const row of rows) {
    console.log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '));
  }
}

/** Tells a newcomer where to go once the network is up. */
export function printNextSteps(ctx: NetworkContext): void {
  if (ctx.network.organisations.every((org) => gatewayProcess(ctx, org) === undefined)) {
    return;
  }
  console.log('\nGateways (REST API under /api/v1, API documentation at /docs):');
  for (const org of ctx.network.organisations) {
    console.log(`  ${org.mspId.padEnd(12)} ${gatewayUrl(org)}/docs`);
  }
  printPagesGuide(ctx);
  console.log(`API keys of the demo clients: ${ctx.paths.clientsFile}`);
  console.log('Stop with `npm stop`; inspect with `npm run status`; the README shows the API with curl.');
}
