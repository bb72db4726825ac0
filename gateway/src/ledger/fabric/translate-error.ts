import { status as grpcStatus } from '@grpc/grpc-js';
import { CommitError, CommitStatusError, EndorseError, GatewayError } from '@hyperledger/fabric-gateway';
import { codedMessageOf } from '@stadspas/chaincode/vocabulary';
import { AppError } from '../../errors/app-error';
import { isSubmitError } from './fabric-errors';

/** The fields an error may carry: a gRPC status code, the peers' details, a transaction id. */
interface FabricErrorShape {
  readonly message?: unknown;
  readonly code?: unknown;
  readonly transactionId?: unknown;
  readonly details?: unknown;
}

/** The gRPC status codes the client library's errors carry, as numbers. */
const UNAVAILABLE: number = grpcStatus.UNAVAILABLE;
const DEADLINE_EXCEEDED: number = grpcStatus.DEADLINE_EXCEEDED;
const FAILED_PRECONDITION: number = grpcStatus.FAILED_PRECONDITION;
const ABORTED: number = grpcStatus.ABORTED;

const networkStatuses: ReadonlySet<unknown> = new Set([
  grpcStatus.UNAVAILABLE,
  grpcStatus.DEADLINE_EXCEEDED,
  grpcStatus.CANCELLED,
  grpcStatus.RESOURCE_EXHAUSTED,
]);

function shapeOf(err: unknown): FabricErrorShape {
  return typeof err === 'object' && err !== null ? err : {};
}

function textsOf(shape: FabricErrorShape): string[] {
  const details: unknown[] = Array.isArray(shape.details) ? shape.details : [];
  const detailTexts = details.map((detail) => {
    const message = (detail as { message?: unknown }).message;
    return typeof message === 'string' ? message : '';
  });
  return [...detailTexts, typeof shape.message === 'string' ? shape.message : ''];
}

/** The chaincode's coded refusal inside a Fabric error, if any. */
function chaincodeRefusal(shape: FabricErrorShape, transactionId: string | undefined): AppError | undefined {
  for (const text of textsOf(shape)) {
    const coded = codedMessageOf(text);
    if (coded !== undefined) {
      return new AppError(coded.code, coded.message, { transactionId, cause: shape });
    }
  }
  return undefined;
}

const mvccReadConflict = 11;
const phantomReadConflict = 12;
const endorsementPolicyFailure = 10;

/**
 * True when a transaction lost a race with concurrent ones and may succeed as a new transaction: it was
 * committed as invalid because what it read had changed (MVCC or phantom read conflict), or its endorsers,
 * at different block heights, computed different results. Fabric reports the latter with no code of its own,
 * only the peer's message, so that message is what is recognised.
 */
export function isRetryableConflict(err: unknown): boolean {
  if (err instanceof CommitError) {
    return err.code === mvccReadConflict || err.code === phantomReadConflict;
  }
  return (
    err instanceof EndorseError &&
    chaincodeRefusal(err, undefined) === undefined &&
    textsOf(err).some((text) => text.includes('ProposalResponsePayloads do not match'))
  );
}

function committedInvalid(code: unknown, options: { transactionId?: string; cause: unknown }): AppError {
  if (code === mvccReadConflict || code === phantomReadConflict) {
    return new AppError(
      'CONFLICT',
      'concurrent updates kept conflicting with this request; try again',
      options,
    );
  }
  if (code === endorsementPolicyFailure) {
    return new AppError('UNAVAILABLE', 'not enough organisations endorsed the transaction', options);
  }
  return new AppError('INTERNAL', `the transaction was committed as invalid (code ${String(code)})`, options);
}

/**
 * True when the error says the peer we talked to could not be reached or did not answer in time, so the same
 * call may be tried on another peer without risking a second booking (nothing was sent to the orderer).
 */
export function isPeerUnreachable(err: unknown): boolean {
  const beforeOrdering = err instanceof GatewayError && !isSubmitError(err);
  return beforeOrdering && networkStatuses.has(err.code) && chaincodeRefusal(err, undefined) === undefined;
}

/**
 * Whether the peer is down or still starting, before anything was ordered: it refuses the connection, or it
 * answers but knows no endorsers yet (its gateway could plan no endorsement and asked no peer, so the error
 * carries no endorser's detail), or another organisation's peer in its plan refused the connection (it restarts,
 * say after renewing its certificates, and the peers' membership still lists it). Unlike a peer that is slow or
 * frozen, it is worth a short wait.
 */
export function isPeerStarting(err: unknown): boolean {
  if (!(err instanceof GatewayError) || isSubmitError(err) || err instanceof CommitStatusError) {
    return false;
  }
  const noPlan = err.code === FAILED_PRECONDITION && err.details.length === 0;
  return noPlan || (err.code === UNAVAILABLE && isPeerUnreachable(err)) || endorserRefusedConnection(err);
}

/** An endorsement that failed only because endorsers in the plan refused the connection. */
function endorserRefusedConnection(err: GatewayError): boolean {
  return (
    err.code === ABORTED &&
    err.details.length > 0 &&
    err.details.every((detail) => detail.message.includes('connection refused')) &&
    chaincodeRefusal(err, undefined) === undefined
  );
}

/** Whether an ordered transaction did not commit within the time its commit status was waited for. */
export function isCommitStatusTimeout(err: unknown): boolean {
  return err instanceof CommitStatusError && err.code === DEADLINE_EXCEEDED;
}

/** Whether the commit status of an ordered transaction was lost with the connection to the peer. */
export function isCommitStatusLost(err: unknown): boolean {
  return err instanceof CommitStatusError && err.code === UNAVAILABLE;
}

/** An error before ordering: the chaincode's refusal, a conflict worth retrying, or no peer to run it. */
function endorsementError(
  err: unknown,
  shape: FabricErrorShape,
  options: { transactionId: string | undefined; cause: unknown },
): AppError {
  const refusal = chaincodeRefusal(shape, options.transactionId);
  if (refusal !== undefined) {
    return refusal;
  }
  if (isRetryableConflict(err)) {
    return new AppError(
      'CONFLICT',
      'concurrent updates kept conflicting with this request; try again',
      options,
    );
  }
  return new AppError('UNAVAILABLE', 'no peer could run the request; try again later', options);
}

/**
 * Translates an error of the Fabric Gateway client into an {@link AppError}, in this one place, by the client
 * library's error classes and gRPC's status codes.
 */
export function translateFabricError(err: unknown): AppError {
  if (err instanceof AppError) {
    return err;
  }
  const shape = shapeOf(err);
  const transactionId = typeof shape.transactionId === 'string' ? shape.transactionId : undefined;
  const options = { transactionId, cause: err };
  if (err instanceof CommitError) {
    return committedInvalid(err.code, options);
  }
  if (err instanceof CommitStatusError) {
    return new AppError(
      'COMMIT_UNKNOWN',
      'the transaction was sent but its commit is not confirmed yet; query it again later',
      options,
    );
  }
  if (isSubmitError(err)) {
    return new AppError('UNAVAILABLE', 'the ordering service did not accept the transaction', options);
  }
  if (err instanceof GatewayError) {
    return endorsementError(err, shape, options);
  }
  if (networkStatuses.has(shape.code)) {
    return new AppError('UNAVAILABLE', 'the peer is not reachable', options);
  }
  return new AppError('INTERNAL', 'unexpected ledger error', options);
}
