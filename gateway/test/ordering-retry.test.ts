import { EndorseError, type SubmittedTransaction } from '@hyperledger/fabric-gateway';
import { status as grpcStatus } from '@grpc/grpc-js';
import { submitForOrdering, type Orderable } from '../src/ledger/fabric/ordering-retry';
import { endorseError, submitError } from './support/fabric-errors';

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
