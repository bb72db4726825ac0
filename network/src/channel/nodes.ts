import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type NetworkConfig, type Organisation, endpointOf } from '../description/config';
import type { FabricInstall } from '../description/fabric';
import { NODE_IDENTITIES } from '../identities/identities';
import type { NetworkContext } from '../description/context';
import type { StatePaths } from '../description/paths';
import type { ProcessSpec } from '../processes/processes';
import type { OperationsEndpoint } from '../processes/probes';
import { grpcTlsReady, httpsOk } from '../processes/tls-probes';

/** A node's or admin's TLS certificate and key, and the TLS CA certificate it trusts. */
export interface TlsFiles {
  readonly cert: string;
  readonly key: string;
  readonly ca: string;
}

function tlsFiles(paths: StatePaths, org: Organisation, identity: string): TlsFiles {
  const dir = join(paths.org(org).identity(identity), 'tls');
  return { cert: join(dir, 'server.crt'), key: join(dir, 'server.key'), ca: join(dir, 'ca.crt') };
}

/**
 * The TLS CA certificate an organisation's servers (gateway, operations endpoints) are known by: from the first
 * state folder on this machine that holds that organisation's definition, its own first (a partner's host holds
 * only its own folder, with every definition it received).
 */
export function tlsCaOf(ctx: Pick<NetworkContext, 'paths' | 'network'>, org: Organisation): string {
  const holders = [org, ...ctx.network.organisations.filter((o) => o.name !== org.name)];
  const copies = holders.map((holder) => ctx.paths.org(holder).publicOf(org).tlsCaCert);
  return copies.find((file) => existsSync(file)) ?? ctx.paths.org(org).tlsCaCert;
}

/**
 * How this machine reads an organisation's peer or orderer operations endpoint: over HTTPS, showing that
 * organisation's admin's TLS certificate. Undefined when this machine does not hold it (a partner's node holds
 * only its own organisation's).
 */
export function operationsOf(
  ctx: Pick<NetworkContext, 'paths' | 'network'>,
  org: Organisation,
  port: 'peerOperations' | 'ordererOperations',
): OperationsEndpoint | undefined {
  const admin = tlsFiles(ctx.paths, org, NODE_IDENTITIES.admin);
  if (!existsSync(admin.cert)) {
    return undefined;
  }
  return {
    endpoint: endpointOf(org, org.ports[port]),
    caPath: tlsCaOf(ctx, org),
    client: { certPath: admin.cert, keyPath: admin.key },
  };
}

/**
 * The operations endpoint of a peer or orderer: HTTPS with the node's TLS certificate; anyone may ask
 * `/healthz`, while metrics and changing the log level (`/logspec`) need a client certificate of the
 * organisation's own TLS CA, so no one reads its metrics or changes its log level anonymously.
 */
function operationsTls(
  prefix: 'CORE_OPERATIONS_TLS' | 'ORDERER_OPERATIONS_TLS',
  tls: TlsFiles,
): Record<string, string> {
  const orderer = prefix === 'ORDERER_OPERATIONS_TLS';
  return {
    [`${prefix}_ENABLED`]: 'true',
    [orderer ? `${prefix}_CERTIFICATE` : `${prefix}_CERT_FILE`]: tls.cert,
    [orderer ? `${prefix}_PRIVATEKEY` : `${prefix}_KEY_FILE`]: tls.key,
    [`${prefix}_CLIENTAUTHREQUIRED`]: 'false',
    // The orderer reads a list as [a,b]; the peer reads one file as it is.
    [orderer ? `${prefix}_CLIENTROOTCAS` : `${prefix}_CLIENTROOTCAS_FILES`]: orderer ? `[${tls.ca}]` : tls.ca,
  };
}

/** The organisations of the network description whose definitions an organisation's node has received. */
export function receivedDefinitions(
  paths: StatePaths,
  network: NetworkConfig,
  org: Organisation,
): Organisation[] {
  return network.organisations.filter((o) => existsSync(paths.org(org).publicOf(o).definition));
}

/**
 * An organisation's Raft orderer. Fabric's sample orderer.yaml is the base; these variables are
 * our overrides: no system channel, channel participation API with mutual TLS, TLS everywhere.
 */
export function ordererProcess(
  ctx: Pick<NetworkContext, 'fabric' | 'paths' | 'network'>,
  org: Organisation,
): ProcessSpec {
  const { fabric, paths, network } = ctx;
  const tls = tlsFiles(paths, org, NODE_IDENTITIES.orderer);
  // Other orderers are known by the TLS CAs of the definitions this node received (an organisation that joined
  // later is trusted through the channel configuration as well).
  const allTlsRoots = receivedDefinitions(paths, network, org)
    .map((o) => paths.org(org).publicOf(o).tlsCaCert)
    .join(',');
  const data = paths.org(org).ordererData;
  return {
    name: `orderer-${org.name}`,
    command: fabric.bin('orderer'),
    args: [],
    env: {
      FABRIC_CFG_PATH: fabric.sampleConfigDir,
      FABRIC_LOGGING_SPEC: 'INFO',
      ORDERER_GENERAL_LISTENADDRESS: org.host,
      ORDERER_GENERAL_LISTENPORT: String(org.ports.orderer),
      ORDERER_GENERAL_LOCALMSPID: org.mspId,
      ORDERER_GENERAL_LOCALMSPDIR: join(paths.org(org).identity(NODE_IDENTITIES.orderer), 'msp'),
      ORDERER_GENERAL_TLS_ENABLED: 'true',
      ORDERER_GENERAL_TLS_CERTIFICATE: tls.cert,
      ORDERER_GENERAL_TLS_PRIVATEKEY: tls.key,
      ORDERER_GENERAL_TLS_ROOTCAS: `[${tls.ca}]`,
      ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE: tls.cert,
      ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY: tls.key,
      ORDERER_GENERAL_CLUSTER_ROOTCAS: `[${allTlsRoots}]`,
      ORDERER_GENERAL_BOOTSTRAPMETHOD: 'none',
      ORDERER_CHANNELPARTICIPATION_ENABLED: 'true',
      ORDERER_ADMIN_LISTENADDRESS: endpointOf(org, org.ports.ordererAdmin),
      ORDERER_ADMIN_TLS_ENABLED: 'true',
      ORDERER_ADMIN_TLS_CERTIFICATE: tls.cert,
      ORDERER_ADMIN_TLS_PRIVATEKEY: tls.key,
      ORDERER_ADMIN_TLS_ROOTCAS: `[${tls.ca}]`,
      ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED: 'true',
      ORDERER_ADMIN_TLS_CLIENTROOTCAS: `[${tls.ca}]`,
      ORDERER_FILELEDGER_LOCATION: join(data, 'ledger'),
      ORDERER_CONSENSUS_WALDIR: join(data, 'etcdraft', 'wal'),
      ORDERER_CONSENSUS_SNAPDIR: join(data, 'etcdraft', 'snapshot'),
      ORDERER_OPERATIONS_LISTENADDRESS: endpointOf(org, org.ports.ordererOperations),
      ...operationsTls('ORDERER_OPERATIONS_TLS', tls),
      ORDERER_METRICS_PROVIDER: 'prometheus',
    },
    // The next steps are the channel participation API (osnadmin) and then ordering over gRPC.
    ready: async () =>
      (await httpsOk(
        endpointOf(org, org.ports.ordererAdmin),
        '/participation/v1/channels',
        adminTls(paths, org),
      )) && grpcTlsReady(endpointOf(org, org.ports.orderer), { ca: tls.ca }),
    readyWhen: `its admin endpoint (port ${org.ports.ordererAdmin}) lists channels and its gRPC TLS listener accepts connections`,
    port: org.ports.orderer,
    host: org.host,
  };
}

/**
 * An organisation's peer. Fabric's sample core.yaml is the base; these variables are our overrides:
 * no Docker (empty vm.endpoint) and our chaincode-as-a-service builder, LevelDB state, gateway on,
 * gossip endpoints for discovery.
 */
export function peerProcess(
  ctx: Pick<NetworkContext, 'fabric' | 'paths' | 'builderDir'>,
  org: Organisation,
): ProcessSpec {
  const { fabric, paths, builderDir } = ctx;
  const tls = tlsFiles(paths, org, NODE_IDENTITIES.peer);
  const address = endpointOf(org, org.ports.peer);
  const data = paths.org(org).peerData;
  return {
    name: `peer-${org.name}`,
    command: fabric.bin('peer'),
    args: ['node', 'start'],
    env: {
      FABRIC_CFG_PATH: fabric.peerConfigDir,
      FABRIC_LOGGING_SPEC: 'INFO:gossip=WARNING:grpc=WARNING',
      CORE_PEER_ID: `peer0.${org.name}`,
      CORE_PEER_ADDRESS: address,
      CORE_PEER_LISTENADDRESS: address,
      CORE_PEER_CHAINCODEADDRESS: `127.0.0.1:${org.ports.peerChaincode}`,
      CORE_PEER_CHAINCODELISTENADDRESS: `127.0.0.1:${org.ports.peerChaincode}`,
      CORE_PEER_GOSSIP_BOOTSTRAP: address,
      CORE_PEER_GOSSIP_ENDPOINT: address,
      CORE_PEER_GOSSIP_EXTERNALENDPOINT: address,
      // A peer that died is dropped from discovery after 10 s instead of 25 s, and one that comes back is dialled
      // again within 5 s, so endorsement plans heal quickly after a node restarts.
      CORE_PEER_GOSSIP_ALIVETIMEINTERVAL: '2s',
      CORE_PEER_GOSSIP_ALIVEEXPIRATIONTIMEOUT: '10s',
      CORE_PEER_GOSSIP_RECONNECTINTERVAL: '5s',
      CORE_PEER_LOCALMSPID: org.mspId,
      CORE_PEER_MSPCONFIGPATH: join(paths.org(org).identity(NODE_IDENTITIES.peer), 'msp'),
      CORE_PEER_TLS_ENABLED: 'true',
      CORE_PEER_TLS_CERT_FILE: tls.cert,
      CORE_PEER_TLS_KEY_FILE: tls.key,
      CORE_PEER_TLS_ROOTCERT_FILE: tls.ca,
      CORE_PEER_FILESYSTEMPATH: data,
      CORE_PEER_GATEWAY_ENABLED: 'true',
      CORE_LEDGER_STATE_STATEDATABASE: 'goleveldb',
      CORE_LEDGER_SNAPSHOTS_ROOTDIR: join(data, 'snapshots'),
      CORE_OPERATIONS_LISTENADDRESS: endpointOf(org, org.ports.peerOperations),
      ...operationsTls('CORE_OPERATIONS_TLS', tls),
      CORE_METRICS_PROVIDER: 'prometheus',
      CORE_CHAINCODE_EXTERNALBUILDERS: JSON.stringify([
        { name: 'ccaas', path: builderDir, propagateEnvironment: ['HOME'] },
      ]),
    },
    ready: () => grpcTlsReady(endpointOf(org, org.ports.peer), { ca: tls.ca }),
    readyWhen: 'its gRPC TLS listener accepts connections',
    port: org.ports.peer,
    host: org.host,
  };
}

/** Environment for the peer CLI acting as the organisation's admin against its own peer. */
export function peerAdminEnv(
  fabric: FabricInstall,
  paths: StatePaths,
  org: Organisation,
): Record<string, string> {
  return {
    FABRIC_CFG_PATH: fabric.peerConfigDir,
    FABRIC_LOGGING_SPEC: 'WARNING',
    CORE_PEER_LOCALMSPID: org.mspId,
    CORE_PEER_MSPCONFIGPATH: join(paths.org(org).identity(NODE_IDENTITIES.admin), 'msp'),
    CORE_PEER_ADDRESS: endpointOf(org, org.ports.peer),
    CORE_PEER_TLS_ENABLED: 'true',
    CORE_PEER_TLS_ROOTCERT_FILE: paths.org(org).tlsCaCert,
  };
}

/** TLS files of an organisation's admin, for the orderer admin API (osnadmin). */
export function adminTls(paths: StatePaths, org: Organisation): TlsFiles {
  return tlsFiles(paths, org, NODE_IDENTITIES.admin);
}

/** TLS files of an organisation's orderer. */
export function ordererTls(paths: StatePaths, org: Organisation): TlsFiles {
  return tlsFiles(paths, org, NODE_IDENTITIES.orderer);
}
