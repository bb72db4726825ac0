import { status as grpcStatus } from '@grpc/grpc-js';
import { CommitStatusError } from '@hyperledger/fabric-gateway';
import {
  isPeerUnreachable,
  isRetryableConflict,
  translateFabricError,
} from '../src/ledger/fabric/translate-error';
import {
  balanceRefusal,
  endorseError,
  readConflictError,
  serviceError,
  submitError,
  unreachableError,
} from './support/fabric-errors';

describe('translating Fabric Gateway errors', () => {
  it('when the chaincode refused, then its code and message come out of the peer’s wrapping', () => {
    const err = balanceRefusal();

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
    const err = unreachableError();

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
    const err = readConflictError();

    expect(isRetryableConflict(err)).toBe(true);
    expect(translateFabricError(err).code).toBe('CONFLICT');
  });

  it('when the ordering service refused the transaction, then it is UNAVAILABLE with the transaction id', () => {
    const err = submitError('submit failed');

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
    expect(isRetryableConflict(balanceRefusal())).toBe(false);
  });

  it('when something unknown is thrown, then it is INTERNAL', () => {
    expect(translateFabricError(new RangeError('bug')).code).toBe('INTERNAL');
  });
});
