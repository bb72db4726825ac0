/**
 * The public API of the network tooling: what the end-to-end tests and the benchmark drive a network
 * with (its description and state folder, its processes, the channel and the chaincode, clients of
 * the ledger and fixtures on it), and the supervisor every process runs under.
 */
export { municipalityCards, type CardMaker } from './cards';
export { chaincodeProcessName, committedDefinition, type CommittedDefinition } from './chaincode';
export { ordererChannelInfo, peerHeight, type OrdererChannelInfo } from './channel';
export { deploy, up } from './city';
export {
  adminClientOf,
  endpointOf,
  organisationWithRole,
  type ClientSpec,
  type NetworkConfig,
  type Organisation,
} from './config';
export { createContext, type ContextOptions, type NetworkContext } from './context';
export { errorDetail, evaluateJson, presentingCard, submitJson } from './contract-json';
export { loadDemoData } from './demo';
export type { FabricInstall } from './fabric';
export {
  credentialsFrom,
  enrolledCredentials,
  enrolledIdentityFiles,
  openGateway,
  type Credentials,
  type GatewaySession,
} from './fabric-client';
export { gatewayUrl, writeCityClients, type ClientsFile, type ProvisionedClient } from './gateways';
export { NODE_IDENTITIES } from './identities';
export {
  adultPassBatch,
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
} from './ledger-setup';
export { down, nodeProcessNames, processNames } from './network';
export { ordererProcess, peerProcess } from './nodes';
export { runChaincodeService } from './organisation-node';
export type { StatePaths } from './paths';
export {
  killGroup,
  processStatus,
  runningPid,
  startProcess,
  stopProcess,
  type ProcessSpec,
} from './processes';
export { waitUntilReady } from './readiness';
export { approveScheme, proposeScheme, schemeInForce, schemeOf, setUpScheme } from './scheme';
export { openRotatingLog, type RotatingLog, type RotatingLogOptions } from './rotating-log';
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
} from './supervisor';
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
} from './supervise';
export { readBlockFile, type BlockFileContents } from './verify/block-file';
export { failuresOf, verifyBooks, type VerifyOptions, type VerifyReport } from './verify/verify';
