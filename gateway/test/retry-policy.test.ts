import { CommitStatusError, GatewayError } from '@hyperledger/fabric-gateway';
import { status as grpcStatus } from '@grpc/grpc-js';
import { onFirstReachablePeer, retryConflicts, retryWhile } from '../src/ledger/fabric/retry-policy';
import { isCommitStatusLost, isPeerStarting } from '../src/ledger/fabric/translate-error';
import {
  balanceRefusal,
  endorseError,
  readConflictError,
  serviceError,
  submitError,
  unreachableError,
} from './support/fabric-errors';

const noPause = (): Promise<void> => Promise.resolve();

/** A transaction double that fails with the given errors in turn, then succeeds. */
function failingWith(...errors: Error[]): { attempts: number[]; run: () => Promise<string> } {
  const attempts: number[] = [];
  return {
    attempts,
    run: () => {
      attempts.push(attempts.length + 1);
      const err = errors[attempts.length - 1];
      return err === undefined ? Promise.resolve('booked') : Promise.reject(err);
    },
  };
}

describe('retrying transactions that lost a race', () => {
  it('when a transaction hits read conflicts, then it is run again as a new transaction until it commits', async () => {
    const tx = failingWith(readConflictError(), readConflictError());

    await expect(retryConflicts(tx.run, 5, noPause)).resolves.toBe('booked');
    expect(tx.attempts).toEqual([1, 2, 3]);
  });

  it('when conflicts go on past the bound, then the last conflict is thrown', async () => {
    const tx = failingWith(readConflictError(), readConflictError(), readConflictError());

    await expect(retryConflicts(tx.run, 2, noPause)).rejects.toMatchObject({ name: 'CommitError' });
    expect(tx.attempts).toEqual([1, 2, 3]);
  });

  it('when the chaincode refuses, then nothing is tried again', async () => {
    const tx = failingWith(balanceRefusal());

    await expect(retryConflicts(tx.run, 5, noPause)).rejects.toMatchObject({ name: 'EndorseError' });
    expect(tx.attempts).toEqual([1]);
  });
});

describe('routing around a peer that is down', () => {
  it('when the preferred peer is unreachable, then the next one answers and becomes preferred', async () => {
    const asked: number[] = [];

    const outcome = await onFirstReachablePeer(3, 0, (peer) => {
      asked.push(peer);
      return peer === 0 ? Promise.reject(unreachableError()) : Promise.resolve(`peer ${String(peer)}`);
    });

    expect(outcome).toEqual({ result: 'peer 1', peerIndex: 1 });
    expect(asked).toEqual([0, 1]);
  });

  it('when the chaincode refuses on a peer, then no other peer is asked', async () => {
    const asked: number[] = [];

    const call = onFirstReachablePeer(3, 1, (peer) => {
      asked.push(peer);
      return Promise.reject(balanceRefusal());
    });

    await expect(call).rejects.toMatchObject({ name: 'EndorseError' });
    expect(asked).toEqual([1]);
  });

  it('when only some peers may take the call and they are unreachable, then no other peer is ever asked', async () => {
    const asked: number[] = [];

    const call = onFirstReachablePeer(
      3,
      0,
      (peer) => {
        asked.push(peer);
        return Promise.reject(unreachableError());
      },
      (peer) => peer === 0,
    );

    await expect(call).rejects.toMatchObject({ name: 'GatewayError' });
    expect(asked).toEqual([0]);
  });

  it('when no peer is reachable, then each is asked once and the last error is thrown', async () => {
    const asked: number[] = [];

    const call = onFirstReachablePeer(3, 2, (peer) => {
      asked.push(peer);
      return Promise.reject(unreachableError());
    });

    await expect(call).rejects.toMatchObject({ name: 'GatewayError' });
    expect(asked).toEqual([2, 0, 1]);
  });
});

describe('waiting for a peer that restarts', () => {
  it('when the peers refuse connections for a while, then the call is tried again until one answers', async () => {
    const call = failingWith(unreachableError(), unreachableError());

    await expect(retryWhile(call.run, isPeerStarting, 1_000, 1)).resolves.toBe('booked');
    expect(call.attempts).toEqual([1, 2, 3]);
  });

  it('when the peers stay down past the wait, then the last refusal is thrown', async () => {
    const started = Date.now();
    const call = { run: () => Promise.reject(unreachableError()) };

    await expect(retryWhile(call.run, isPeerStarting, 60, 10)).rejects.toMatchObject({
      code: grpcStatus.UNAVAILABLE,
    });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('when a peer does not answer in time (frozen), then it is not waited for again', async () => {
    const frozen = new GatewayError({
      code: grpcStatus.DEADLINE_EXCEEDED,
      details: [],
      cause: serviceError(grpcStatus.DEADLINE_EXCEEDED, 'deadline exceeded'),
      message: '4 DEADLINE_EXCEEDED',
    });
    const call = failingWith(frozen);

    await expect(retryWhile(call.run, isPeerStarting, 1_000, 1)).rejects.toBe(frozen);
    expect(call.attempts).toEqual([1]);
  });

  it('when ordering refused the transaction, then it is not sent again (it may be ordered)', async () => {
    const call = failingWith(submitError());

    await expect(retryWhile(call.run, isPeerStarting, 1_000, 1)).rejects.toMatchObject({
      transactionId: 'tx-submit',
    });
    expect(call.attempts).toEqual([1]);
  });

  it('when the chaincode refuses, then nothing is tried again', async () => {
    const call = failingWith(balanceRefusal());

    await expect(retryWhile(call.run, isPeerStarting, 1_000, 1)).rejects.toMatchObject({
      name: 'EndorseError',
    });
    expect(call.attempts).toEqual([1]);
  });

  it('when a peer that just started knows no endorsers yet, then the call waits for it', async () => {
    const noPlan = endorseError(grpcStatus.FAILED_PRECONDITION, []);
    const call = failingWith(noPlan, noPlan);

    await expect(retryWhile(call.run, isPeerStarting, 1_000, 1)).resolves.toBe('booked');
    expect(call.attempts).toEqual([1, 2, 3]);
  });

  it("when another organisation's peer in the plan refuses the connection (it restarts), then the call waits for it", async () => {
    const restarting = endorseError(grpcStatus.ABORTED, [
      'rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing dial tcp 127.0.0.1:8651: connect: connection refused"',
    ]);
    const call = failingWith(restarting, restarting);

    await expect(retryWhile(call.run, isPeerStarting, 1_000, 1)).resolves.toBe('booked');
    expect(call.attempts).toEqual([1, 2, 3]);
  });

  it('when one endorser refused the proposal and another the connection, then it is not tried again', async () => {
    const mixed = endorseError(grpcStatus.ABORTED, [
      'connect: connection refused',
      'chaincode response 500, INSUFFICIENT_BALANCE: 2 entries left, 3 requested',
    ]);
    const call = failingWith(mixed);

    await expect(retryWhile(call.run, isPeerStarting, 1_000, 1)).rejects.toBe(mixed);
    expect(call.attempts).toEqual([1]);
  });

  it('when an endorser refused the proposal (its own check), then it is not tried again', async () => {
    const call = failingWith(endorseError(grpcStatus.FAILED_PRECONDITION, ['access denied']));

    await expect(retryWhile(call.run, isPeerStarting, 1_000, 1)).rejects.toMatchObject({
      name: 'EndorseError',
    });
    expect(call.attempts).toEqual([1]);
  });

  it('when the commit status of an ordered transaction is lost with its peer, then it is asked for again', async () => {
    const lost = new CommitStatusError({
      code: grpcStatus.UNAVAILABLE,
      details: [],
      cause: serviceError(grpcStatus.UNAVAILABLE, 'Connection dropped'),
      message: '14 UNAVAILABLE: Connection dropped',
      transactionId: 'tx-ordered',
    });
    const call = failingWith(lost);

    await expect(retryWhile(call.run, isCommitStatusLost, 1_000, 1)).resolves.toBe('booked');
    expect(call.attempts).toEqual([1, 2]);
    expect(isPeerStarting(lost)).toBe(false);
  });
});
