import { CommitStatusError, EndorseError, type SubmittedTransaction } from '@hyperledger/fabric-gateway';
import { status as grpcStatus } from '@grpc/grpc-js';
import { awaitCommit, submitForOrdering, type Orderable } from '../src/ledger/fabric/ordering-retry';
import { endorseError, serviceError, submitError } from './support/fabric-errors';

/** Ordering refusing the transaction, or any other failure (an endorsement's). */
function refusal(kind: 'submit' | 'endorse'): Error {
  return kind === 'submit'
    ? submitError('14 UNAVAILABLE: no Raft leader')
    : endorseError(grpcStatus.UNAVAILABLE, ['no Raft leader']);
}

/** An endorsed transaction whose first `refusals` submissions fail with the given error. */
function transaction(
  refusals: number,
  error: 'submit' | 'endorse' = 'submit',
): Orderable & { attempts: number[] } {
  const attempts: number[] = [];
  return {
    attempts,
    submit: (options) => {
      attempts.push(Number(options?.deadline ?? 0));
      return attempts.length > refusals
        ? Promise.resolve({ getTransactionId: () => 'tx1' } as unknown as SubmittedTransaction)
        : Promise.reject(refusal(error));
    },
  };
}

const budget = { totalMs: 2_000, attemptMs: 500, pauseMs: 10 };

describe('handing a transaction to ordering', () => {
  test('when ordering refuses it twice (no Raft leader yet), then the same transaction is sent again and ordered', async () => {
    const endorsed = transaction(2);

    const submitted = await submitForOrdering(endorsed, budget);

    expect(submitted.getTransactionId()).toBe('tx1');
    expect(endorsed.attempts).toHaveLength(3);
  });

  test('when ordering refuses it for the whole budget, then the last refusal is thrown', async () => {
    const endorsed = transaction(Number.POSITIVE_INFINITY);

    await expect(submitForOrdering(endorsed, { ...budget, totalMs: 100 })).rejects.toThrow('no Raft leader');
    expect(endorsed.attempts.length).toBeGreaterThan(1);
  });

  test('when an attempt is made, then it waits no longer than one attempt and never past the budget', async () => {
    const endorsed = transaction(0);
    const before = Date.now();

    await submitForOrdering(endorsed, budget);

    expect(endorsed.attempts[0]).toBeGreaterThanOrEqual(before + 500);
    expect(endorsed.attempts[0]).toBeLessThanOrEqual(Date.now() + 500);
  });

  test('when the failure is not ordering refusing it, then it is thrown at once', async () => {
    const endorsed = transaction(1, 'endorse');

    await expect(submitForOrdering(endorsed, budget)).rejects.toBeInstanceOf(EndorseError);
    expect(endorsed.attempts).toHaveLength(1);
  });
});

/** A commit status error as the client library throws it. */
function statusError(code: grpcStatus): CommitStatusError {
  return new CommitStatusError({
    code,
    details: [],
    cause: serviceError(code, 'commit status'),
    message: `${String(code)} commit status`,
    transactionId: 'tx1',
  });
}

/** A submitted transaction whose status calls fail with the given errors in turn, then answer. */
function awaiting(...errors: CommitStatusError[]): SubmittedTransaction & { asked: number } {
  const submitted = {
    asked: 0,
    getTransactionId: () => 'tx1',
    getStatus: () => {
      const error = errors[submitted.asked];
      submitted.asked += 1;
      return error === undefined
        ? Promise.resolve({ successful: true, code: 0, transactionId: 'tx1', blockNumber: 7n })
        : Promise.reject(error);
    },
  };
  return submitted as unknown as SubmittedTransaction & { asked: number };
}

describe('waiting for an ordered transaction to commit', () => {
  test('when its peer restarts while it waits, then the status is asked for again and the transaction is not sent again', async () => {
    const endorsed = transaction(0);
    const submitted = awaiting(statusError(grpcStatus.UNAVAILABLE), statusError(grpcStatus.UNAVAILABLE));

    await expect(awaitCommit(endorsed, submitted, budget)).resolves.toMatchObject({ successful: true });
    expect(submitted.asked).toBe(3);
    expect(endorsed.attempts).toHaveLength(0);
  });

  test('when it does not commit within an attempt (an orderer lost it), then it is sent again under the same id', async () => {
    const again = awaiting();
    const endorsed = {
      attempts: 0,
      submit: () => {
        endorsed.attempts += 1;
        return Promise.resolve(again);
      },
    };

    const status = await awaitCommit(endorsed, awaiting(statusError(grpcStatus.DEADLINE_EXCEEDED)), budget);

    expect(status).toMatchObject({ successful: true, transactionId: 'tx1' });
    expect(endorsed.attempts).toBe(1);
  });

  test('when waiting fails otherwise, then the error is thrown at once', async () => {
    const endorsed = transaction(0);
    const submitted = awaiting(statusError(grpcStatus.PERMISSION_DENIED));

    await expect(awaitCommit(endorsed, submitted, budget)).rejects.toMatchObject({
      code: grpcStatus.PERMISSION_DENIED,
    });
    expect(endorsed.attempts).toHaveLength(0);
  });

  test('when it never commits, then the wait ends with the budget', async () => {
    const endorsed = transaction(0);
    const submitted = awaiting(...Array.from({ length: 1_000 }, () => statusError(grpcStatus.UNAVAILABLE)));

    await expect(awaitCommit(endorsed, submitted, { ...budget, totalMs: 100 })).rejects.toMatchObject({
      code: grpcStatus.UNAVAILABLE,
    });
  });
});
