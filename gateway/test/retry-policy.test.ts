import { onFirstReachablePeer, retryConflicts } from '../src/ledger/fabric/retry-policy';
import { balanceRefusal, readConflictError, unreachableError } from './support/fabric-errors';

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
