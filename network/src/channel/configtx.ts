import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { type NetworkConfig, type Organisation, endpointOf } from '../description/config';
import { run, type FabricInstall } from '../description/fabric';
import type { OrgPaths } from '../description/paths';

const PROFILE = 'StadspasChannel';

interface Policy {
  readonly Type: string;
  readonly Rule: string;
}

/** The policies every group of the channel has. */
interface GroupPolicies {
  readonly Readers: Policy;
  readonly Writers: Policy;
  readonly Admins: Policy;
}

/** One organisation as configtx.yaml describes it. */
interface ConfigtxOrganisation {
  readonly Name: string;
  readonly ID: string;
  readonly MSPDir: string;
  readonly Policies: GroupPolicies & { readonly Endorsement: Policy; readonly Orderer: Policy };
  readonly OrdererEndpoints: readonly string[];
  readonly AnchorPeers: readonly { readonly Host: string; readonly Port: number }[];
}

interface Consenter {
  readonly Host: string;
  readonly Port: number;
  readonly ClientTLSCert: string;
  readonly ServerTLSCert: string;
}

/** The profile of channel `stadspas` in configtx.yaml. */
export interface ChannelProfile {
  readonly Policies: GroupPolicies;
  readonly Capabilities: Readonly<Record<string, boolean>>;
  readonly Orderer: {
    readonly OrdererType: string;
    readonly EtcdRaft: {
      readonly Consenters: readonly Consenter[];
      readonly Options: Readonly<Record<string, string | number>>;
    };
    readonly BatchTimeout: string;
    readonly BatchSize: Readonly<Record<string, string | number>>;
    readonly Organizations: readonly ConfigtxOrganisation[];
    readonly Policies: GroupPolicies & { readonly BlockValidation: Policy };
    readonly Capabilities: Readonly<Record<string, boolean>>;
  };
  readonly Application: {
    readonly Organizations: readonly ConfigtxOrganisation[];
    readonly Policies: GroupPolicies & {
      readonly LifecycleEndorsement: Policy;
      readonly Endorsement: Policy;
    };
    readonly Capabilities: Readonly<Record<string, boolean>>;
  };
}

function signature(rule: string): Policy {
  return { Type: 'Signature', Rule: rule };
}
function implicitMeta(rule: string): Policy {
  return { Type: 'ImplicitMeta', Rule: rule };
}

function organisation(own: OrgPaths, org: Organisation): ConfigtxOrganisation {
  const id = org.mspId;
  return {
    Name: id,
    ID: id,
    MSPDir: own.publicOf(org).msp,
    Policies: {
      Readers: signature(`OR('${id}.member')`),
      Writers: signature(`OR('${id}.member')`),
      Admins: signature(`OR('${id}.admin')`),
      Endorsement: signature(`OR('${id}.peer')`),
      // Who signs this organisation's blocks: its orderer nodes only, never its clients, peers or admins.
      Orderer: signature(`OR('${id}.orderer')`),
    },
    OrdererEndpoints: [endpointOf(org, org.ports.orderer)],
    AnchorPeers: [{ Host: org.host, Port: org.ports.peer }],
  };
}

/**
 * The channel configuration, made from the organisations' definitions that a node received: every
 * organisation is a member of the application group and runs a Raft consenter; endorsement and lifecycle
 * approval need a majority of organisations, so the policy grows with the network.
 */
export function channelConfig(
  network: NetworkConfig,
  own: OrgPaths,
): { readonly Profiles: { readonly [PROFILE]: ChannelProfile } } {
  const orgs = network.organisations.map((o) => organisation(own, o));
  const consenters = network.organisations.map((o) => {
    const tls = own.publicOf(o).ordererTlsCert;
    return { Host: o.host, Port: o.ports.orderer, ClientTLSCert: tls, ServerTLSCert: tls };
  });
  return {
    Profiles: {
      [PROFILE]: {
        Policies: {
          Readers: implicitMeta('ANY Readers'),
          Writers: implicitMeta('ANY Writers'),
          Admins: implicitMeta('MAJORITY Admins'),
        },
        Capabilities: { V2_0: true },
        Orderer: {
          OrdererType: 'etcdraft',
          EtcdRaft: {
            Consenters: consenters,
            // A follower calls an election after 10 ticks without the leader's heartbeat: with 250 ms ticks the
            // city orders again about 2.5 s after its Raft leader's node dies, instead of Fabric's default 5 s.
            Options: {
              TickInterval: '250ms',
              ElectionTick: 10,
              HeartbeatTick: 1,
              MaxInflightBlocks: 5,
              SnapshotIntervalSize: '32 KB',
            },
          },
          BatchTimeout: network.ordering.batchTimeout,
          BatchSize: {
            MaxMessageCount: network.ordering.maxMessageCount,
            AbsoluteMaxBytes: '10 MB',
            PreferredMaxBytes: '2 MB',
          },
          Organizations: orgs,
          Policies: {
            Readers: implicitMeta('ANY Readers'),
            Writers: implicitMeta('ANY Writers'),
            Admins: implicitMeta('MAJORITY Admins'),
            // A block counts only when an orderer node signed it: a member's client key cannot forge one.
            BlockValidation: implicitMeta('ANY Orderer'),
          },
          Capabilities: { V2_0: true },
        },
        Application: {
          Organizations: orgs,
          Policies: {
            Readers: implicitMeta('ANY Readers'),
            Writers: implicitMeta('ANY Writers'),
            Admins: implicitMeta('MAJORITY Admins'),
            LifecycleEndorsement: implicitMeta('MAJORITY Endorsement'),
            Endorsement: implicitMeta('MAJORITY Endorsement'),
          },
          Capabilities: { V2_5: true },
        },
      },
    },
  };
}

/**
 * Writes configtx.yaml from the definitions a node received and creates the channel's genesis block with
 * configtxgen, into the node's public material.
 * @throws Error naming the organisation whose definition the node has not received.
 */
export async function createGenesisBlock(
  fabric: FabricInstall,
  own: OrgPaths,
  network: NetworkConfig,
  output = own.genesisBlock,
  dir = own.channelConfigDir,
): Promise<string> {
  for (const org of network.organisations) {
    if (!existsSync(own.publicOf(org).definition)) {
      throw new Error(
        `the definition of ${org.name} has not been imported yet: npm run node -- import --definition <file>`,
      );
    }
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'configtx.yaml'), stringify(channelConfig(network, own)));
  await run(fabric.bin('configtxgen'), [
    '-configPath',
    dir,
    '-profile',
    PROFILE,
    '-channelID',
    network.channel,
    '-outputBlock',
    output,
  ]);
  return output;
}
