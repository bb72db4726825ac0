import type { RequestHandler } from 'express';
import type { ClientIdentity } from '../auth/client-identity';
import { toAppError } from '../errors/error-handler';
import type { LedgerAdapter } from '../ledger/ledger-adapter';
import { needsRenewal, type CertificateExpiry } from '../observability/certificate-expiry';
import { lagOf } from '../observability/read-model-metrics';

/** What `GET /health` reports about this gateway. */
export interface HealthDeps {
  readonly org: string;
  readonly mspId: string;
  readonly ledger: LedgerAdapter;
  /** The identity health checks read the chain with. */
  readonly identity: ClientIdentity;
  /** The reports' read model, whose lag behind the peer is shown. */
  readonly readModel?: { nextBlock(): bigint; lastAppliedAt(): Date | undefined };
  /** The node's earliest-expiring certificate, when the gateway watches the node's folder. */
  readonly earliestCertificate?: () => CertificateExpiry | undefined;
}

/** When the node's first certificate expires, and whether it is time to renew. */
function certificatesHealth(deps: HealthDeps): {
  certificates?: { earliestExpiry: string; daysLeft: number; file: string; renewSoon: boolean };
} {
  const earliest = deps.earliestCertificate?.();
  if (earliest === undefined) {
    return {};
  }
  return {
    certificates: {
      earliestExpiry: earliest.notAfter.toISOString(),
      daysLeft: earliest.daysLeft,
      file: earliest.file,
      renewSoon: needsRenewal(earliest),
    },
  };
}

/** The height the organisation's own peer gave last, and when. */
interface LastSeen {
  readonly height: bigint;
  readonly at: Date;
}

/**
 * How far the read model is: blocks applied, blocks behind the height the own peer gave (now, or last when it
 * does not answer), and when it last applied a block.
 */
function readModelHealth(
  readModel: HealthDeps['readModel'],
  height: bigint | undefined,
): {
  readModel?: { blocksApplied: number; lag?: number; lastBlockAppliedAt?: string };
} {
  if (readModel === undefined) {
    return {};
  }
  const applied = readModel.nextBlock();
  const appliedAt = readModel.lastAppliedAt();
  return {
    readModel: {
      blocksApplied: Number(applied),
      ...(height === undefined ? {} : { lag: lagOf(applied, height) }),
      ...(appliedAt === undefined ? {} : { lastBlockAppliedAt: appliedAt.toISOString() }),
    },
  };
}

/**
 * `GET /health`: 200 with the channel's block height (and the read model's lag) when the organisation's own peer
 * answers, else 503 with the reason, the height that peer gave last and how far the read model is behind it.
 */
export function healthRoute(deps: HealthDeps): RequestHandler {
  let lastSeen: LastSeen | undefined;
  return async (_req, res) => {
    try {
      const height = await deps.ledger.blockHeight(deps.identity);
      lastSeen = { height, at: new Date() };
      res.json({
        status: 'ok',
        org: deps.org,
        mspId: deps.mspId,
        ledger: { reachable: true, blockHeight: Number(height) },
        ...readModelHealth(deps.readModel, height),
        ...certificatesHealth(deps),
      });
    } catch (err) {
      const { code } = toAppError(err);
      res.status(503).json({
        status: 'unavailable',
        org: deps.org,
        mspId: deps.mspId,
        ledger: {
          reachable: false,
          code,
          ...(lastSeen === undefined
            ? {}
            : { lastBlockHeight: Number(lastSeen.height), lastReachedAt: lastSeen.at.toISOString() }),
        },
        ...readModelHealth(deps.readModel, lastSeen?.height),
        ...certificatesHealth(deps),
      });
    }
  };
}
