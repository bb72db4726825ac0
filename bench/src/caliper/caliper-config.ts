/** A Fabric identity Caliper signs with: its MSP, a name for the workloads, and its PEM files. */
export interface CaliperIdentity {
  readonly name: string;
  readonly mspId: string;
  readonly certPath: string;
  readonly keyPath: string;
}

/** An organisation as Caliper reaches it: its identity and its own peer (the peer gateway it connects to). */
export interface CaliperOrganisation {
  readonly identity: CaliperIdentity;
  readonly peerName: string;
  /** host:port of the peer. */
  readonly peerEndpoint: string;
  readonly tlsCaCertPath: string;
  /** Where the organisation's connection profile is written. */
  readonly profilePath: string;
}

/** The network configuration (version 2.0) of Caliper's Fabric connector, for the peer-gateway connector. */
export function caliperNetworkConfig(
  channel: string,
  chaincode: string,
  orgs: readonly CaliperOrganisation[],
): Record<string, unknown> {
  return {
    name: 'stadspas',
    version: '2.0.0',
    caliper: { blockchain: 'fabric', sutOptions: { mutualTls: false } },
    channels: [{ channelName: channel, contracts: [{ id: chaincode }] }],
    organizations: orgs.map((org) => ({
      mspid: org.identity.mspId,
      identities: {
        certificates: [
          {
            name: org.identity.name,
            clientPrivateKey: { path: org.identity.keyPath },
            clientSignedCert: { path: org.identity.certPath },
          },
        ],
      },
      connectionProfile: { path: org.profilePath, discover: true },
    })),
  };
}

/**
 * The connection profile of one organisation: only its own peer, dialled over TLS with the name its
 * certificate carries (the peer's gateway finds the other organisations' peers itself).
 */
export function connectionProfile(org: CaliperOrganisation): Record<string, unknown> {
  return {
    name: `${org.identity.mspId}-profile`,
    version: '1.0.0',
    client: { organization: org.identity.mspId },
    organizations: { [org.identity.mspId]: { mspid: org.identity.mspId, peers: [org.peerName] } },
    peers: {
      [org.peerName]: {
        url: `grpcs://${org.peerEndpoint}`,
        tlsCACerts: { path: org.tlsCaCertPath },
        grpcOptions: { 'ssl-target-name-override': 'localhost' },
      },
    },
  };
}

/** A group of the network's processes that Caliper's process monitor watches (their CPU and memory, summed). */
export interface MonitoredProcesses {
  /** A pattern of the program's path, e.g. `peer`. */
  readonly command: string;
  /** A pattern of its arguments, to tell apart programs of the same path (e.g. the Node services). */
  readonly arguments?: string;
  /** The processes' own pids: only these are watched, not the same programs of another network. */
  readonly pids: readonly number[];
}

/** What the benchmark configuration is made from. */
export interface CaliperRounds {
  readonly workloadsDir: string;
  readonly rateControlDir: string;
  readonly controller: LoadController;
  readonly chaincode: string;
  /** Transactions in flight in the redeem, scan and trivial-write rounds. */
  readonly inFlight: number;
  readonly seconds: number;
  readonly venue: CaliperIdentity;
  readonly municipality: CaliperIdentity;
  readonly offerId: string;
  readonly cards: readonly string[];
  /** Prefix of the venue ids that the trivial write registers and of the pass ids that batch issue issues. */
  readonly idPrefix: string;
  readonly batchSize: number;
  readonly batches: number;
  readonly batchInFlight: number;
  /** Process groups for Caliper's resource monitor; none, no monitor. */
  readonly monitored: readonly MonitoredProcesses[];
}

/**
 * Which rate controller holds the load: `held` is this package's (a new transaction as soon as one finishes),
 * `fixed` Caliper's own fixed-load controller (which holds less than it is asked to, see held-load.js).
 */
export type LoadController = 'held' | 'fixed';

function loadControl(rounds: CaliperRounds, inFlight: number): Record<string, unknown> {
  if (rounds.controller === 'held') {
    return { type: `${rounds.rateControlDir}/held-load.js`, opts: { transactionLoad: inFlight } };
  }
  // startTps only sets how fast the load ramps up to the number in flight.
  return { type: 'fixed-load', opts: { transactionLoad: inFlight, startTps: Math.max(5, inFlight) } };
}

/**
 * The benchmark configuration: one worker (this machine has two cores), rounds of redemption, scan (an
 * evaluate), trivial write and batch issue, each a workload module of this package.
 */
export function caliperBenchConfig(rounds: CaliperRounds): Record<string, unknown> {
  const as = (identity: CaliperIdentity): Record<string, string> => ({
    invokerIdentity: identity.name,
    invokerMspId: identity.mspId,
    contractId: rounds.chaincode,
  });
  const module = (name: string): string => `${rounds.workloadsDir}/${name}.js`;
  const venueArgs = { ...as(rounds.venue), offerId: rounds.offerId, cards: [...rounds.cards] };
  return {
    test: {
      name: 'stadspas',
      description: `Stadspas Ledger: redemption, scan, trivial write and batch issue, ${rounds.inFlight} in flight`,
      workers: { number: 1 },
      rounds: [
        {
          label: 'redeem',
          description: 'redemptions:Redeem with a card at the run’s own venue',
          txDuration: rounds.seconds,
          rateControl: loadControl(rounds, rounds.inFlight),
          workload: { module: module('redeem'), arguments: venueArgs },
        },
        {
          label: 'scan',
          description: 'redemptions:Scan (an evaluate): what the card may still be used for here',
          txDuration: rounds.seconds,
          rateControl: loadControl(rounds, rounds.inFlight),
          workload: { module: module('scan'), arguments: venueArgs },
        },
        {
          label: 'trivial-write',
          description: 'venues:RegisterVenue: one new key',
          txDuration: rounds.seconds,
          rateControl: loadControl(rounds, rounds.inFlight),
          workload: {
            module: module('trivial-write'),
            arguments: { ...as(rounds.municipality), idPrefix: rounds.idPrefix },
          },
        },
        {
          label: 'batch-issue',
          description: `passes:RecordHolders then passes:IssuePasses, ${rounds.batchSize} passes a batch (two transactions)`,
          // Caliper counts transactions, and a batch is two.
          txNumber: rounds.batches * 2,
          rateControl: loadControl(rounds, rounds.batchInFlight),
          workload: {
            module: module('batch-issue'),
            arguments: { ...as(rounds.municipality), idPrefix: rounds.idPrefix, batchSize: rounds.batchSize },
          },
        },
      ],
    },
    ...(rounds.monitored.length === 0 ? {} : { monitors: processMonitor(rounds.monitored) }),
  };
}

function processMonitor(groups: readonly MonitoredProcesses[]): Record<string, unknown> {
  return {
    resource: [
      {
        module: 'process',
        options: {
          interval: 2,
          processes: groups.map((group) => ({
            command: group.command,
            ...(group.arguments === undefined ? {} : { arguments: group.arguments }),
            pid: group.pids.map(String),
            multiOutput: 'sum',
          })),
        },
      },
    ],
  };
}
