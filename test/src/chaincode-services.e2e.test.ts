import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'node:tls';
import {
  chaincodeProcessName,
  enrolledCredentials,
  evaluateJson,
  NODE_IDENTITIES,
  openGateway,
  runChaincodeService,
  stopProcess,
  submitJson,
  waitUntilReady,
  type GatewaySession,
  type Organisation,
} from '@stadspas/network';
import { eventually, orgByMsp, testNetwork } from './support/network';

const ctx = testNetwork();
const gemeente = orgByMsp(ctx, 'GemeenteMSP');
const svb = orgByMsp(ctx, 'SVBMSP');
const venues = orgByMsp(ctx, 'VenuesMSP');

/** Opens a TLS connection to a chaincode service; resolves with how the handshake and first read ended. */
function dial(org: Organisation, clientTlsOf?: Organisation): Promise<'accepted' | 'refused'> {
  const clientTls = clientTlsOf && join(ctx.paths.org(clientTlsOf).identity(NODE_IDENTITIES.peer), 'tls');
  return new Promise((resolve) => {
    const socket = connect({
      host: '127.0.0.1',
      port: org.ports.chaincode,
      ca: readFileSync(ctx.paths.org(org).tlsCaCert),
      ...(clientTls && {
        cert: readFileSync(join(clientTls, 'server.crt')),
        key: readFileSync(join(clientTls, 'server.key')),
      }),
      ALPNProtocols: ['h2'],
    });
    // TLS 1.3 reports a refused client certificate only on the first read after the handshake.
    const settle = (outcome: 'accepted' | 'refused'): void => {
      socket.destroy();
      resolve(outcome);
    };
    socket.once('secureConnect', () =>
      setTimeout(() => {
        settle('accepted');
      }, 500),
    );
    socket.once('error', () => {
      settle('refused');
    });
    socket.once('close', () => {
      settle('refused');
    });
  });
}

describe("every organisation's own chaincode service", () => {
  let session: GatewaySession;

  beforeAll(() => {
    session = openGateway(ctx, venues, enrolledCredentials(ctx, gemeente, 'gemeente-admin'));
  });

  afterAll(() => {
    session.close();
  });

  test('when its own peer dials it with a certificate of its TLS CA, then it is accepted', async () => {
    await expect(dial(gemeente, gemeente)).resolves.toBe('accepted');
  });

  test('when a client has no certificate, or one of another organisation, then the service refuses it', async () => {
    await expect(dial(gemeente)).resolves.toBe('refused');
    await expect(dial(gemeente, svb)).resolves.toBe('refused');
  });

  test("when one organisation's chaincode service is killed, then the others still endorse and commit", async () => {
    const victim = gemeente;
    await stopProcess(ctx.paths, chaincodeProcessName(victim), 0);
    const venueId = `cc-down-${Date.now().toString(36)}`;
    try {
      await eventually(
        () =>
          submitJson(session.contract, 'venues:RegisterVenue', {
            venueId,
            name: 'Venue booked while a chaincode service was down',
            kind: 'pool',
            mspId: 'VenuesMSP',
          }),
        60_000,
        2_000,
      );
    } finally {
      // As the organisation's node would: the package of this checkout's build, installed on its own peer.
      await runChaincodeService(ctx, victim);
      await waitUntilReady(ctx);
    }

    const stored = await evaluateJson<{ venueId: string }>(session.contract, 'venues:GetVenue', { venueId });
    expect(stored.venueId).toBe(venueId);
  });
});
