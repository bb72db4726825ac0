import { parseCaliperOptions } from '../src/caliper/caliper-options';
import {
  caliperBenchConfig,
  caliperNetworkConfig,
  connectionProfile,
  type CaliperOrganisation,
  type CaliperRounds,
} from '../src/caliper/caliper-config';

const venue = { name: 'bench-x', mspId: 'VenuesMSP', certPath: '/c.pem', keyPath: '/k_sk' };
const municipality = { name: 'gemeente-admin', mspId: 'GemeenteMSP', certPath: '/g.pem', keyPath: '/g_sk' };

/** The benchmark configuration of a run at 64 in flight, 30 s a round, with the given controller and monitors. */
function benchConfig(options: Pick<CaliperRounds, 'controller' | 'monitored'>): Record<string, unknown> {
  return caliperBenchConfig({
    workloadsDir: '/w',
    rateControlDir: '/r',
    chaincode: 'cc',
    inFlight: 64,
    seconds: 30,
    venue,
    municipality,
    offerId: 'bench-x',
    cards: ['card-1'],
    idPrefix: 'bench-x',
    batchSize: 100,
    batches: 10,
    batchInFlight: 2,
    ...options,
  });
}
const org: CaliperOrganisation = {
  identity: venue,
  peerName: 'peer-venues',
  peerEndpoint: '127.0.0.1:9051',
  tlsCaCertPath: '/tlsca.pem',
  profilePath: '/run/profile-venues.yaml',
};

describe('Caliper configuration', () => {
  it('when the network configuration is made, then each organisation has its identity and profile', () => {
    const config = caliperNetworkConfig('stadspas', 'stadspas-cc', [org]);
    expect(config).toMatchObject({
      version: '2.0.0',
      caliper: { blockchain: 'fabric', sutOptions: { mutualTls: false } },
      channels: [{ channelName: 'stadspas', contracts: [{ id: 'stadspas-cc' }] }],
      organizations: [
        {
          mspid: 'VenuesMSP',
          identities: {
            certificates: [
              { name: 'bench-x', clientPrivateKey: { path: '/k_sk' }, clientSignedCert: { path: '/c.pem' } },
            ],
          },
          connectionProfile: { path: '/run/profile-venues.yaml', discover: true },
        },
      ],
    });
  });

  it('when the connection profile is made, then it dials the own peer over TLS as localhost', () => {
    expect(connectionProfile(org)).toMatchObject({
      organizations: { VenuesMSP: { mspid: 'VenuesMSP', peers: ['peer-venues'] } },
      peers: {
        'peer-venues': {
          url: 'grpcs://127.0.0.1:9051',
          tlsCACerts: { path: '/tlsca.pem' },
          grpcOptions: { 'ssl-target-name-override': 'localhost' },
        },
      },
    });
  });

  it('when the benchmark is made, then it has the four rounds at the load in flight with one worker', () => {
    const config = benchConfig({
      controller: 'fixed',
      monitored: [{ command: 'peer', arguments: 'node start', pids: [11, 12] }],
    }) as { test: { workers: unknown; rounds: Record<string, unknown>[] }; monitors: unknown };
    expect(config.test.workers).toEqual({ number: 1 });
    expect(config.test.rounds.map((r) => r.label)).toEqual([
      'redeem',
      'scan',
      'trivial-write',
      'batch-issue',
    ]);
    expect(config.test.rounds[0]).toMatchObject({
      txDuration: 30,
      rateControl: { type: 'fixed-load', opts: { transactionLoad: 64 } },
      workload: {
        module: '/w/redeem.js',
        arguments: {
          invokerIdentity: 'bench-x',
          invokerMspId: 'VenuesMSP',
          offerId: 'bench-x',
          cards: ['card-1'],
        },
      },
    });
    expect(config.test.rounds[3]).toMatchObject({
      txNumber: 20,
      rateControl: { opts: { transactionLoad: 2 } },
      workload: { arguments: { invokerIdentity: 'gemeente-admin', batchSize: 100 } },
    });
    expect(config.monitors).toEqual({
      resource: [
        {
          module: 'process',
          options: {
            interval: 2,
            processes: [{ command: 'peer', arguments: 'node start', pid: ['11', '12'], multiOutput: 'sum' }],
          },
        },
      ],
    });
  });
});

describe('parseCaliperOptions', () => {
  it('when nothing is given, then it runs 64 in flight for 30 s a round', () => {
    expect(parseCaliperOptions([])).toEqual({
      inFlight: 64,
      seconds: 30,
      batchSize: 100,
      batches: 10,
      batchInFlight: 2,
      controller: 'held',
    });
  });

  it('when the held controller is asked for, then the rounds name its module', () => {
    const config = benchConfig({ controller: 'held', monitored: [] }) as {
      test: { rounds: Record<string, unknown>[] };
      monitors?: unknown;
    };
    expect(config.test.rounds[0]?.rateControl).toEqual({
      type: '/r/held-load.js',
      opts: { transactionLoad: 64 },
    });
    expect(config.monitors).toBeUndefined();
  });

  it('when an unknown controller is asked for, then it refuses', () => {
    expect(() => parseCaliperOptions(['--controller', 'max'])).toThrow('--controller must be held or fixed');
  });

  it('when a batch is larger than the chaincode takes, then it refuses', () => {
    expect(() => parseCaliperOptions(['--batch-size', '501'])).toThrow('at most 500');
  });

  it('when a value is not a positive whole number, then it refuses with the usage', () => {
    expect(() => parseCaliperOptions(['--seconds', '1.5'])).toThrow(/--seconds must be.*\n.*usage/);
  });
});
