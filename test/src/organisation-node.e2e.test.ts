import {
  enrolledCredentials,
  evaluateJson,
  nodeProcessNames,
  openGateway,
  peerHeight,
  processStatus,
  runningPid,
  submitJson,
  waitUntilReady,
} from '@stadspas/network';
import { gatewayHealth } from './support/gateway-process';
import { eventually, orgByMsp, testNetwork } from './support/network';
import { runCommand } from './support/run-command';

const ctx = testNetwork();
const gemeente = orgByMsp(ctx, 'GemeenteMSP');
const svb = orgByMsp(ctx, 'SVBMSP');

/** Runs `npm run node -- <args>` as an operator would, against the test network. */
function nodeCommand(...args: string[]): string {
  return runCommand('npx', ['--no-install', 'tsx', 'network/src/cli.ts', 'node', ...args]);
}

function running(names: readonly string[]): string[] {
  return names.filter((name) => runningPid(ctx.paths, name) !== undefined);
}

test('when one organisation stops and starts its own node, then only its processes stop, the others keep committing, and it catches up', async () => {
  const others = ctx.network.organisations.filter((o) => o !== svb).flatMap(nodeProcessNames);
  const municipality = openGateway(ctx, gemeente, enrolledCredentials(ctx, gemeente, 'gemeente-admin'));
  const payer = openGateway(ctx, svb, enrolledCredentials(ctx, svb, 'svb-payer'));
  const venueId = `node-${Date.now().toString(36)}`;
  try {
    expect(nodeCommand('stop', '--org', 'svb')).toContain('Stopped gateway-svb, chaincode-svb, peer-svb');
    expect(running(nodeProcessNames(svb))).toEqual([]);
    expect(running(others)).toEqual(others);

    await eventually(() =>
      submitJson(municipality.contract, 'venues:RegisterVenue', {
        venueId,
        name: 'Venue registered while SVB was away',
        kind: 'pool',
        mspId: 'VenuesMSP',
      }),
    );
    expect(nodeCommand('start', '--org', 'svb')).toContain(
      'Started ca-svb, orderer-svb, peer-svb, chaincode-svb',
    );
    const status = nodeCommand('status', '--org', 'svb');

    expect(running(nodeProcessNames(svb))).toEqual(nodeProcessNames(svb));
    expect(status).toMatch(/peer-svb\s+\d+\s+8051\s+ok/);
    expect(status).not.toContain('gemeente');
    await eventually(async () => {
      const heights = await Promise.all(ctx.network.organisations.map((o) => peerHeight(ctx, o)));
      if (new Set(heights).size !== 1) {
        throw new Error(`peer heights differ: ${heights.join(', ')}`);
      }
    });
    await expect(evaluateJson(payer.contract, 'venues:GetVenue', { venueId })).resolves.toMatchObject({
      venueId,
    });
  } finally {
    municipality.close();
    payer.close();
    // The suites after this one need SVB's node, whatever happened here.
    if (running(nodeProcessNames(svb)).length < nodeProcessNames(svb).length) {
      nodeCommand('start', '--org', 'svb');
    }
  }
});

test("when a process of a node dies, then the node's supervisor restarts it within seconds and status counts the restart", async () => {
  const name = `peer-${svb.name}`;
  const before = processStatus(ctx.paths, name);
  const childPid = before?.childPid;
  expect(childPid).toBeGreaterThan(0);

  process.kill(childPid as number, 'SIGKILL');

  const after = await eventually(() => {
    const now = processStatus(ctx.paths, name);
    if (now?.state !== 'running' || now.childPid === childPid) {
      throw new Error(`${name} not restarted yet`);
    }
    return Promise.resolve(now);
  }, 15_000);
  expect(after.restarts).toBe((before?.restarts ?? 0) + 1);
  expect(after.lastExit?.signal).toBe('SIGKILL');
  await eventually(async () => {
    if ((await peerHeight(ctx, svb)) === undefined) {
      throw new Error(`${name} does not serve yet`);
    }
  });
  // A peer that answers may not yet see the others through gossip: the suites after this one need it to endorse.
  await waitUntilReady(ctx);
  expect(nodeCommand('status', '--org', 'svb')).toMatch(
    new RegExp(`peer-svb\\s+${String(after.childPid)}\\s+8051\\s+ok\\s+${String(after.restarts)}\\s`),
  );
});

test("when a node's status is asked, then it shows the days left on every certificate of the node, and /health the first to expire", async () => {
  const status = nodeCommand('status', '--org', 'svb');
  const health = await gatewayHealth(svb);

  expect(status).toContain("certificates of svb's node, the first to expire first:");
  // Fabric CA issues for a year: a node made today has every certificate at 364 or 365 days.
  for (const file of [
    'identities/peer0/tls/server.crt',
    'identities/orderer0/tls/server.crt',
    'ca/ca-cert.pem',
  ]) {
    expect(status).toMatch(
      new RegExp(`\\d{4}-\\d\\d-\\d\\d\\s+\\d{3,5}\\s+${file.replace(/[./]/g, '\\$&')}\\s`),
    );
  }
  expect(status).not.toContain('WARNING');
  expect(health.certificates).toMatchObject({ renewSoon: false });
  expect(health.certificates?.daysLeft).toBeGreaterThanOrEqual(363);
});
