import { status as grpcStatus, Metadata, type ServiceError } from '@grpc/grpc-js';
import { CommitError, EndorseError, GatewayError } from '@hyperledger/fabric-gateway';
import type { SubmitError } from '../../src/ledger/fabric/fabric-errors';

/** A gRPC error as the client library wraps it. */
export function serviceError(code: grpcStatus, details: string): ServiceError {
  return Object.assign(new Error(`${String(code)} ${details}`), { code, details, metadata: new Metadata() });
}

/** The client library's error for a failed endorsement, with the peers' messages as details. */
export function endorseError(code: grpcStatus, detailMessages: string[]): EndorseError {
  return new EndorseError({
    code,
    details: detailMessages.map((message) => ({ address: 'peer0:7051', mspId: 'GemeenteMSP', message })),
    cause: serviceError(code, 'failed to endorse transaction, see attached details for more info'),
    transactionId: 'tx-endorse',
    message: `${String(code)} ABORTED: failed to endorse transaction, see attached details for more info`,
  });
}

/** The client library's error when the peer cannot be reached. */
export function unreachableError(): GatewayError {
  return new GatewayError({
    code: grpcStatus.UNAVAILABLE,
    details: [],
    cause: serviceError(grpcStatus.UNAVAILABLE, 'connection refused'),
    message: '14 UNAVAILABLE: connection refused',
  });
}

/** A transaction committed as invalid with an MVCC read conflict (validation code 11). */
export function readConflictError(): CommitError {
  return new CommitError({ code: 11, transactionId: 'tx-mvcc', message: 'committed as invalid' });
}

/** The client library's error when ordering refused an endorsed transaction. */
export function submitError(message = '14 UNAVAILABLE: no Raft leader'): SubmitError {
  return Object.assign(
    new GatewayError({
      code: grpcStatus.UNAVAILABLE,
      details: [],
      cause: serviceError(grpcStatus.UNAVAILABLE, message),
      message,
    }),
    { transactionId: 'tx-submit' },
  );
}

/** The chaincode's refusal for lack of balance, as the peer wraps it. */
export function balanceRefusal(): EndorseError {
  return endorseError(grpcStatus.ABORTED, [
    'chaincode response 500, INSUFFICIENT_BALANCE: 2 entries left, 3 requested',
  ]);
}
