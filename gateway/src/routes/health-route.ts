import type { RequestHandler } from 'express';
import type { ClientIdentity } from '../auth/client-identity';
import { toAppError } from '../errors/error-handler';
import type { LedgerAdapter } from '../ledger/ledger-adapter';
import { lagOf } from '../observability/read-model-metrics';

/** What `GET /health` reports about this gateway. */
export interface HealthDeps {
  readonly org: string;
  readonly mspId: string;
  readonly ledger: LedgerAdapter;
  /** The identity health checks read the chain with. */
  readonly identity: ClientIdentity;
  /** The reports' read model, whose lag behind the peer is shown. */
  readonly readModel?: { nextBlock(): bigint };
}

/** How far the read model is: blocks applied, and blocks behind the peer's height. */
function readModelHealth(
  readModel: HealthDeps['readModel'],
  height: bigint,
): { readModel?: { blocksApplied: number; lag: number } } {
  if (readModel === undefined) {
    return {};
  }
  const applied = readModel.nextBlock();
  return {
    readModel: { blocksApplied: Number(applied), lag: lagOf(applied, height) },
  };
}

/**
 * `GET /health`: 200 with the channel's block height (and the read model's lag) when a peer answers, else 503
 * with the reason.
 */
export function healthRoute(deps: HealthDeps): RequestHandler {
  return async (_req, res) => {
    try {
      const height = await deps.ledger.blockHeight(deps.identity);
      res.json({
        status: 'ok',
        org: deps.org,
        mspId: deps.mspId,
        ledger: { reachable: true, blockHeight: Number(height) },
        ...readModelHealth(deps.readModel, height),
      });
    } catch (err) {
      const { code } = toAppError(err);
      res.status(503).json({
        status: 'unavailable',
        org: deps.org,
        mspId: deps.mspId,
        ledger: { reachable: false, code },
      });
    }
  };
}
