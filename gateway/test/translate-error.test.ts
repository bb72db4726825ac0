import { status as grpcStatus, Metadata, type ServiceError } from '@grpc/grpc-js';
import { CommitStatusError, EndorseError, GatewayError } from '@hyperledger/fabric-gateway';
import {
  isPeerUnreachable,
  isRetryableConflict,
  translateFabricError,
} from '../src/ledger/fabric/translate-error';

function serviceError(code: grpcStatus, details: string): ServiceError {
  return Object.assign(new Error(`${String(code)} ${details}`), { code, details, metadata: new Metadata() });
}

function endorseError(code: grpcStatus, detailMessages: string[]): EndorseError {
  return new EndorseError({
    code,
    details: detailMessages.map((message) => ({ address: 'peer0:7051', mspId: 'GemeenteMSP', message })),
    cause: serviceError(code, 'failed to endorse transaction, see attached details for more info'),
    transactionId: 'tx-endorse',
    message: `${String(code)} ABORTED: failed to endorse transaction, see attached details for more info`,
  });
}

describe('translating Fabric Gateway errors', () => {
  it('when the chaincode refused, then its code and message come out of the peer’s wrapping', () => {
    const err = endorseError(grpcStatus.ABORTED, [
      'chaincode response 500, INSUFFICIENT_BALANCE: 2 entries left, 3 requested',
    ]);

    const translated = translateFabricError(err);

    expect(translated.code).toBe('INSUFFICIENT_BALANCE');
    expect(translated.detail).toBe('2 entries left, 3 requested');
    expect(translated.transactionId).toBe('tx-endorse');
  });

  it('when a gRPC status name looks like a code, then it is not taken for the chaincode’s code', () => {
    const err = endorseError(grpcStatus.ABORTED, ['some peer failure without a code']);

    expect(translateFabricError(err).code).toBe('UNAVAILABLE');
  });

  it('when the peer cannot be reached, then it is UNAVAILABLE and another peer may be tried', () => {
    const err = new GatewayError({
      code: grpcStatus.UNAVAILABLE,
      details: [],
      cause: serviceError(grpcStatus.UNAVAILABLE, 'connection refused'),
      message: '14 UNAVAILABLE: connection refused',
    });

    expect(translateFabricError(err).code).toBe('UNAVAILABLE');
    expect(isPeerUnreachable(err)).toBe(true);
  });

  it('when the chaincode refused, then the call is not tried on another peer', () => {
    const err = endorseError(grpcStatus.ABORTED, [
      'chaincode response 500, FORBIDDEN: venues cannot issue passes',
    ]);

    expect(isPeerUnreachable(err)).toBe(false);
  });

  it('when the commit status is unknown, then it is COMMIT_UNKNOWN with the transaction id', () => {
    const err = new CommitStatusError({
      code: grpcStatus.DEADLINE_EXCEEDED,
      details: [],
      cause: serviceError(grpcStatus.DEADLINE_EXCEEDED, 'deadline'),
      transactionId: 'tx-status',
    });

    const translated = translateFabricError(err);

    expect(translated.code).toBe('COMMIT_UNKNOWN');
    expect(translated.transactionId).toBe('tx-status');
  });

  it('when the transaction was committed with a read conflict, then it is retryable and ends as CONFLICT', () => {
    const err = Object.assign(new Error('committed as invalid'), {
      name: 'CommitError',
      code: 11,
      transactionId: 'tx-mvcc',
    });

    expect(isRetryableConflict(err)).toBe(true);
    expect(translateFabricError(err).code).toBe('CONFLICT');
  });

  it('when the ordering service refused the transaction, then it is UNAVAILABLE with the transaction id', () => {
    const err = Object.assign(new Error('submit failed'), {
      name: 'SubmitError',
      code: grpcStatus.UNAVAILABLE,
      transactionId: 'tx-submit',
    });

    expect(isRetryableConflict(err)).toBe(false);
    expect(translateFabricError(err)).toMatchObject({ code: 'UNAVAILABLE', transactionId: 'tx-submit' });
  });

  it('when the endorsers computed different results, then a new transaction may be tried', () => {
    const err = endorseError(grpcStatus.ABORTED, [
      'ProposalResponsePayloads do not match',
      'ProposalResponsePayloads do not match',
    ]);

    expect(isRetryableConflict(err)).toBe(true);
    expect(translateFabricError(err).code).toBe('CONFLICT');
  });

  it('when the chaincode refused, then the transaction is not tried again', () => {
    const err = endorseError(grpcStatus.ABORTED, ['chaincode response 500, INSUFFICIENT_BALANCE: 0 left']);

    expect(isRetryableConflict(err)).toBe(false);
  });

  it('when something unknown is thrown, then it is INTERNAL', () => {
    expect(translateFabricError(new RangeError('bug')).code).toBe('INTERNAL');
  });
});
