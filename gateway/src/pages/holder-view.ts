import type { ClientIdentity } from '../auth/client-identity';
import { listRedemptions } from '../services/redemption-cases';
import { scanPass } from '../services/scan-service';
import type { ServiceDeps } from '../services/service-deps';

/** What a resident sees of their own pass: what the card already tells them, and what they did with it. */
export interface HolderView {
  readonly passId: string;
  readonly status: string;
  readonly category: string;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly vouchers: readonly {
    readonly offerName: string;
    readonly kind: string;
    readonly unit: string;
    readonly periodKey: string;
    readonly used: number;
    readonly remaining: number;
  }[];
  readonly history: readonly {
    readonly at: string;
    readonly type: string;
    readonly venueId: string;
    readonly offerId: string;
    readonly units: number;
  }[];
}

/** The uses the holder page shows at most: one page of the pass's redemption listing. */
const historyLength = 100;

/**
 * The pass a card's signed QR payload names, read for its holder: the payload is the proof, so only the pass it
 * was signed for can be read, and a forged or altered one is refused before the ledger is asked about any pass.
 * The read runs as the gateway's own identity (the municipality's), through the chaincode's scan, which verifies
 * the card again and answers no holder hash, holder reference or personal data; the uses come from the pass's
 * redemption listing.
 * @throws {AppError} INVALID_QR for a payload that is not a genuine card; NOT_FOUND for an unknown pass.
 */
export async function holderView(
  deps: ServiceDeps,
  identity: ClientIdentity,
  qr: string,
): Promise<HolderView> {
  const scanned = await scanPass(deps, identity, qr);
  const uses = await listRedemptions(deps, identity, { passId: scanned.passId, pageSize: historyLength });
  return {
    passId: scanned.passId,
    status: scanned.status,
    category: scanned.category,
    validFrom: scanned.validFrom,
    validUntil: scanned.validUntil,
    vouchers: scanned.vouchers.map((v) => ({
      offerName: v.offerName,
      kind: v.kind,
      unit: v.unit,
      periodKey: v.periodKey,
      used: v.used,
      remaining: v.remaining,
    })),
    history: uses.items.map((r) => ({
      at: r.at,
      type: r.type,
      venueId: r.venueId,
      offerId: r.offerId,
      units: r.units,
    })),
  };
}
