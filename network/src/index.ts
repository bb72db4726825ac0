/**
 * The public API of the network tooling: what the end-to-end tests and the benchmark drive a network
 * with (its description and state folder, its processes, the channel and the chaincode, clients of
 * the ledger and fixtures on it), and the supervisor every process runs under.
 */
export { municipalityCards, type CardMaker } from './clients/cards';
export type { CommittedDefinition } from './chaincode/definition';
export { committedDefinition } from './chaincode/lifecycle';
export { chaincodeProcessName } from './chaincode/package';
export { ordererChannelInfo, peerHeight, type OrdererChannelInfo } from './channel/channel';
export { deploy, up } from './node/city';
export {
  adminClientOf,
  endpointOf,
  organisationWithRole,
  type ClientSpec,
  type NetworkConfig,
  type Organisation,
} from './description/config';
export { createContext, type ContextOptions, type NetworkContext } from './description/context';
export { errorDetail, evaluateJson, presentingCard, submitJson } from './clients/contract-json';
export { loadDemoData } from './clients/demo';
export type { FabricInstall } from './description/fabric';
export {
  credentialsFrom,
  enrolledCredentials,
  enrolledIdentityFiles,
  openGateway,
  type Credentials,
  type GatewaySession,
} from './clients/fabric-client';
export {
  gatewayEntry,
  gatewayTls,
  gatewayUrl,
  writeCityClients,
  type ClientsFile,
  type GatewayEntry,
  type ProvisionedClient,
} from './clients/gateways';
export { fetchTrusting, type Fetch } from './processes/trusted-fetch';
export { NODE_IDENTITIES } from './identities/identities';
export {
  adultPassBatch,
  cardNumberOf,
  chunksOf,
  createEntriesOffer,
  createOfferWithPasses,
  ensureConfigured,
  ensureConfiguredWithVenue,
  issueAdultPassBatch,
  issueAdultPasses,
  registerVenue,
  type AdultPassBatch,
  type EntriesOffer,
  type VenueToRegister,
} from './clients/ledger-setup';
export { down, nodeProcessNames, processNames } from './node/network';
export { operationsOf, ordererProcess, peerProcess, tlsCaOf } from './channel/nodes';
export { runChaincodeService } from './node/organisation-node';
export type { StatePaths } from './description/paths';
export {
  killGroup,
  processStatus,
  runningPid,
  startProcess,
  stopProcess,
  type ProcessSpec,
} from './processes/processes';
export { waitUntilReady } from './clients/readiness';
export { approveScheme, proposeScheme, schemeInForce, schemeOf, setUpScheme } from './clients/scheme';
export { openRotatingLog, type RotatingLog, type RotatingLogOptions } from './processes/rotating-log';
export {
  newSupervisor,
  realTimers,
  spawnChild,
  type BackoffOptions,
  type ChildCommand,
  type ChildEvents,
  type ChildExit,
  type SpawnChild,
  type SupervisedChild,
  type Supervisor,
  type SupervisorOptions,
  type SupervisorSnapshot,
  type SupervisorState,
  type Timers,
} from './processes/supervisor';
export {
  killStaleChild,
  readSupervisedSpec,
  readSupervisorStatus,
  supervise,
  supervisedSpecSchema,
  type SupervisedRun,
  type SupervisedSpec,
  type SuperviseOptions,
  type SupervisorStatus,
} from './processes/supervise';
export { readBlockFile, type BlockFileContents } from './verify/block-file';
export { failuresOf, sessionWith, verifyBooks, type VerifyOptions, type VerifyReport } from './verify/verify';
export { EXPORT_FORMAT, exportBooks, type ExportSummary } from './migration/export';
export { ImportError, importBooks, type ImportOptions, type ImportStep } from './migration/import';
