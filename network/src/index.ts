/** The public API of the network tooling. */
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
