import type { ClientIdentity } from '../auth/client-identity';
import { toAppError } from '../errors/error-handler';
import type { Metrics } from '../observability/metrics';
import type { EvaluateOptions, EventStream, LedgerAdapter, SubmitOptions, Submitted } from './ledger-adapter';

async function timed<T>(metrics: Metrics, transaction: string, call: () => Promise<T>): Promise<T> {
  const stop = metrics.transactionSeconds.startTimer({ transaction });
  try {
    const result = await call();
    stop({ outcome: 'ok' });
    return result;
  } catch (err) {
    stop({ outcome: toAppError(err).code });
    throw err;
  }
}

/** Wraps a ledger adapter so every call's latency lands in the per-transaction histogram. */
export function meteredLedger(inner: LedgerAdapter, metrics: Metrics): LedgerAdapter {
  return {
    submit: (identity: ClientIdentity, transaction: string, request: unknown, options?: SubmitOptions) =>
      timed<Submitted>(metrics, transaction, () => inner.submit(identity, transaction, request, options)),
    evaluate: (identity: ClientIdentity, transaction: string, request?: unknown, options?: EvaluateOptions) =>
      timed(metrics, transaction, () => inner.evaluate(identity, transaction, request, options)),
    chaincodeEvents: (identity: ClientIdentity, startBlock?: bigint): Promise<EventStream> =>
      inner.chaincodeEvents(identity, startBlock),
    blockHeight: (identity: ClientIdentity) =>
      timed(metrics, 'qscc:GetChainInfo', () => inner.blockHeight(identity)),
    close: () => {
      inner.close();
    },
  };
}
