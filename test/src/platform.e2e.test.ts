import * as grpc from '@grpc/grpc-js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  credentialsFrom,
  fetchTrusting,
  down,
  enrolledCredentials,
  evaluateJson,
  openGateway,
  ordererChannelInfo,
  ordererProcess,
  peerHeight,
  peerProcess,
  startProcess,
  stopProcess,
  submitJson,
  tlsCaOf,
  up,
  waitUntilReady,
  type GatewaySession,
  type OrdererChannelInfo,
  type Organisation,
} from '@stadspas/network';
import { eventually, orgByMsp, testNetwork } from './support/network';
import { refusalOf } from './support/refusal';

const ctx = testNetwork();
const gemeente = orgByMsp(ctx, 'GemeenteMSP');
const svb = orgByMsp(ctx, 'SVBMSP');
const venues = orgByMsp(ctx, 'VenuesMSP');
let run = 0;

function newVenue(): { venueId: string; name: string; kind: string; mspId: string } {
  run += 1;
  return {
    venueId: `platform-${Date.now().toString(36)}-${run}`,
    name: 'Test venue',
    kind: 'pool',
    mspId: 'VenuesMSP',
  };
}

/** An organisation's admin's TLS certificate and key, which its own TLS CA issued. */
function adminTlsFiles(org: Organisation): { cert: string; key: string } {
  const tls = join(ctx.paths.org(org).identity('admin'), 'tls');
  return { cert: join(tls, 'server.crt'), key: join(tls, 'server.key') };
}

function municipality(org = gemeente): GatewaySession {
  return openGateway(ctx, org, enrolledCredentials(ctx, gemeente, 'gemeente-admin'));
}

async function heights(): Promise<number[]> {
  return Promise.all(ctx.network.organisations.map(async (o) => (await peerHeight(ctx, o)) ?? -1));
}

async function allPeersAt(minimum: number): Promise<number> {
  return eventually(async () => {
    const all = await heights();
    const [first] = all;
    if (first === undefined || first < minimum || all.some((h) => h !== first)) {
      throw new Error(`peer heights differ or are behind ${minimum}: ${all.join(', ')}`);
    }
    return first;
  });
}

describe('the Fabric network', () => {
  let session: GatewaySession;
  beforeAll(() => {
    session = municipality();
  });
  afterAll(() => {
    session.close();
  });

  test('when a transaction commits, then every peer is joined and reaches the same height', async () => {
    const before = Math.max(...(await heights()));

    await submitJson(session.contract, 'venues:RegisterVenue', newVenue());

    const after = await allPeersAt(before + 1);
    expect(after).toBeGreaterThan(before);
  });

  test('when only one organisation endorses, then validation refuses the transaction', async () => {
    const venue = newVenue();
    const proposal = session.contract.newProposal('venues:RegisterVenue', {
      arguments: [JSON.stringify(venue)],
      endorsingOrganizations: ['GemeenteMSP'],
    });

    const status = await (await (await proposal.endorse()).submit()).getStatus();

    expect(status.successful).toBe(false);
    expect(status.code).toBe(10); // ENDORSEMENT_POLICY_FAILURE
    await expect(
      evaluateJson(session.contract, 'venues:GetVenue', { venueId: venue.venueId }),
    ).rejects.toThrow(/NOT_FOUND/);
  });

  test('when a client connects without TLS, then the peer refuses it', async () => {
    const insecure = new grpc.Client(`127.0.0.1:${gemeente.ports.peer}`, grpc.credentials.createInsecure());
    const plain = openGateway(ctx, gemeente, enrolledCredentials(ctx, gemeente, 'gemeente-admin'), insecure);
    try {
      await expect(evaluateJson(plain.contract, 'venues:ListVenues')).rejects.toMatchObject({
        code: grpc.status.UNAVAILABLE,
      });
    } finally {
      plain.close();
    }
  });

  test('when someone without the organisation’s client certificate reads metrics or changes a log level, then the operations port refuses; plain HTTP gets nothing', async () => {
    const { cert, key } = adminTlsFiles(gemeente);
    const ca = readFileSync(tlsCaOf(ctx, gemeente));
    const put = (port: number, withCertificate: boolean): Promise<number> =>
      new Promise((resolve, reject) => {
        const req = httpsRequest(
          {
            host: '127.0.0.1',
            port,
            path: '/logspec',
            method: 'PUT',
            ca,
            ...(withCertificate ? { cert: readFileSync(cert), key: readFileSync(key) } : {}),
            headers: { 'Content-Type': 'application/json' },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ spec: 'INFO:gossip=WARNING:grpc=WARNING' }));
      });

    for (const port of [gemeente.ports.peerOperations, gemeente.ports.ordererOperations]) {
      expect(await put(port, false)).toBe(401);
      expect(await put(port, true)).toBe(204);
      const anonymous = fetchTrusting(tlsCaOf(ctx, gemeente));
      expect((await anonymous(`https://127.0.0.1:${String(port)}/healthz`)).status).toBe(200);
      expect((await anonymous(`https://127.0.0.1:${String(port)}/metrics`)).status).toBe(401);
      const plain = await fetch(`http://127.0.0.1:${String(port)}/healthz`).then(
        (res) => res.status,
        () => 0,
      );
      expect(plain).not.toBe(200);
    }
  });

  test('when someone without the organisation’s client certificate asks the CA’s operations port, then it refuses; plain HTTP gets nothing', async () => {
    const { cert, key } = adminTlsFiles(gemeente);
    const url = `https://127.0.0.1:${String(gemeente.ports.caOperations)}/healthz`;
    const withCertificate = fetchTrusting(tlsCaOf(ctx, gemeente), { certPath: cert, keyPath: key });
    expect((await withCertificate(url)).status).toBe(200);
    const anonymous = await fetchTrusting(tlsCaOf(ctx, gemeente))(url).then(
      (res) => res.status,
      () => 0,
    );
    expect(anonymous).toBe(0);
    const plain = await fetch(url.replace('https:', 'http:')).then(
      (res) => res.status,
      () => 0,
    );
    expect(plain).not.toBe(200);
  });

  test('when a client certificate does not come from our CAs, then the peer refuses it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stadspas-foreign-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/O=Gemeente/OU=client/CN=impostor',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const impostor = credentialsFrom(
      'GemeenteMSP',
      readFileSync(join(dir, 'cert.pem')),
      readFileSync(join(dir, 'key.pem')),
    );
    const foreign = openGateway(ctx, gemeente, impostor);
    try {
      await expect(evaluateJson(foreign.contract, 'venues:ListVenues')).rejects.toThrow(/access denied/);
      expect(await refusalOf(submitJson(foreign.contract, 'venues:RegisterVenue', newVenue()))).toMatch(
        /access denied/,
      );
    } finally {
      foreign.close();
    }
  });

  test('when one orderer is down, then transactions still commit, and after a restart it catches up', async () => {
    const victim = svb;
    await stopProcess(ctx.paths, `orderer-${victim.name}`);
    try {
      // If the victim led the Raft cluster, the others elect a new leader within seconds.
      for (let i = 0; i < 3; i += 1) {
        await eventually(
          () => submitJson(session.contract, 'venues:RegisterVenue', newVenue()),
          30_000,
          1_000,
        );
      }
    } finally {
      await startProcess(ctx.paths, ordererProcess(ctx, victim));
      await waitUntilReady(ctx);
    }

    const info = (o: typeof victim): Promise<OrdererChannelInfo | undefined> => ordererChannelInfo(ctx, o);
    const leaderHeight = (await info(gemeente))?.height ?? 0;
    await eventually(async () => {
      const height = (await info(victim))?.height ?? 0;
      if (height < leaderHeight) {
        throw new Error(`orderer-${victim.name} at ${height}, others at ${leaderHeight}`);
      }
    });
  });

  test("when one organisation's peer is down, then the other two still endorse and commit", async () => {
    const before = Math.max(...(await heights()));
    await stopProcess(ctx.paths, `peer-${venues.name}`);
    const venue = newVenue();
    try {
      await eventually(() => submitJson(session.contract, 'venues:RegisterVenue', venue), 60_000, 2_000);
    } finally {
      await startProcess(ctx.paths, peerProcess(ctx, venues));
      await waitUntilReady(ctx);
    }

    await allPeersAt(before + 1);
    const stored = await evaluateJson<{ venueId: string }>(session.contract, 'venues:GetVenue', {
      venueId: venue.venueId,
    });
    expect(stored.venueId).toBe(venue.venueId);
  });

  test('when the network is stopped and started again, then all state is still there', async () => {
    const venue = newVenue();
    await submitJson(session.contract, 'venues:RegisterVenue', venue);
    const heightBefore = await allPeersAt(0);
    session.close();

    await down(ctx);
    await up(ctx);

    session = municipality();
    expect(await allPeersAt(heightBefore)).toBeGreaterThanOrEqual(heightBefore);
    const stored = await evaluateJson<{ venueId: string }>(session.contract, 'venues:GetVenue', {
      venueId: venue.venueId,
    });
    expect(stored.venueId).toBe(venue.venueId);
  });
});
