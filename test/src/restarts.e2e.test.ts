import { enrolledCredentials, evaluateJson, openGateway, submitJson } from '@stadspas/network';
import { orgByMsp, runCli, testNetwork, type CliRun } from './support/network';

const ctx = testNetwork();
const gemeente = orgByMsp(ctx, 'GemeenteMSP');
const RESTARTS = 5;

interface Restart {
  readonly down: CliRun;
  readonly up: CliRun;
}

/** `npm stop` followed by `npm start`: each must succeed on its first try. */
async function restart(): Promise<Restart> {
  const down = await runCli(ctx, 'down');
  const up = await runCli(ctx, 'up');
  return { down, up };
}

describe('restarting the network', () => {
  test(`when the network is stopped and started ${RESTARTS} times in a row, then every start succeeds on its first try and a transaction commits afterwards`, async () => {
    const failures: string[] = [];

    for (let round = 1; round <= RESTARTS; round += 1) {
      const { down, up } = await restart();
      if (down.exitCode !== 0) {
        failures.push(`stop ${round} exited with ${down.exitCode}:\n${down.output}`);
      }
      if (up.exitCode !== 0) {
        failures.push(`start ${round} exited with ${up.exitCode}:\n${up.output}`);
      } else if (!/Started .*peer-gemeente/.test(up.output)) {
        failures.push(`start ${round} started no peer:\n${up.output}`);
      }
    }

    expect(failures).toEqual([]);
    const session = openGateway(ctx, gemeente, enrolledCredentials(ctx, gemeente, 'gemeente-admin'));
    try {
      const venueId = `restart-${Date.now().toString(36)}`;
      await submitJson(session.contract, 'venues:RegisterVenue', {
        venueId,
        name: 'Restarted venue',
        kind: 'pool',
        mspId: 'VenuesMSP',
      });
      const stored = await evaluateJson<{ venueId: string }>(session.contract, 'venues:GetVenue', {
        venueId,
      });
      expect(stored.venueId).toBe(venueId);
    } finally {
      session.close();
    }
  }, 900_000);
});
