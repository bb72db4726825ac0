import type { CallOptions } from '@grpc/grpc-js';
import type { Status, SubmittedTransaction } from '@hyperledger/fabric-gateway';
import { setTimeout as sleep } from 'node:timers/promises';
import { isSubmitError } from './fabric-errors';
import { isCommitStatusLost, isCommitStatusTimeout } from './translate-error';

/** What is sent for ordering: an endorsed transaction, which can be sent again under the same id. */
export interface Orderable {
  submit(options?: Readonly<CallOptions>): Promise<SubmittedTransaction>;
}

/** How long ordering is tried, and how long one attempt may wait. */
export interface OrderingBudget {
  readonly totalMs: number;
  readonly attemptMs: number;
  readonly pauseMs: number;
}

/**
 * Sends an endorsed transaction for ordering, and sends it again while ordering refuses it: while the Raft
 * cluster elects a new leader after its leader's node died, or while the peer's gateway waits on an orderer that
 * is gone. Each attempt carries the same transaction id, so the transaction commits at most once.
 * @throws the last SubmitError when ordering refuses it for the whole budget, or any other error at once.
 */
export async function submitForOrdering(
  transaction: Orderable,
  budget: OrderingBudget,
): Promise<SubmittedTransaction> {
  const deadline = Date.now() + budget.totalMs;
  for (;;) {
    const attemptDeadline = Math.min(Date.now() + budget.attemptMs, deadline);
    try {
      return await transaction.submit({ deadline: attemptDeadline });
    } catch (err) {
      if (!isSubmitError(err) || Date.now() + budget.pauseMs >= deadline) {
        throw err;
      }
      await sleep(budget.pauseMs);
    }
  }
}

/**
 * Waits for an ordered transaction's commit, and keeps it from being lost on the way:
 * - while its peer restarts, the status is asked for again;
 * - when it has not committed within one attempt, it is sent for ordering again under the same id, for an
 *   orderer may have taken it and stopped before it reached a block. Should both copies be ordered, the peers
 *   mark the second a duplicate, so it commits at most once.
 * @throws the last error when it is not committed within the whole budget, or any other error at once.
 */
export async function awaitCommit(
  transaction: Orderable,
  submitted: SubmittedTransaction,
  budget: OrderingBudget,
): Promise<Status> {
  const deadline = Date.now() + budget.totalMs;
  let current = submitted;
  for (;;) {
    try {
      return await current.getStatus({ deadline: Math.min(Date.now() + budget.attemptMs, deadline) });
    } catch (err) {
      const lost = isCommitStatusLost(err);
      if (!(lost || isCommitStatusTimeout(err)) || Date.now() + budget.pauseMs >= deadline) {
        throw err;
      }
      await sleep(budget.pauseMs);
      if (!lost) {
        current = await submitForOrdering(transaction, { ...budget, totalMs: deadline - Date.now() });
      }
    }
  }
}
