import type { OfferRecord, PassView, VoucherView } from '@stadspas/chaincode/vocabulary';
import type { ClientIdentity } from '../auth/client-identity';
import { resolvePassId } from './resolve-pass';
import type { ServiceDeps } from './service-deps';

/** What a scanner shows: the pass's state and what this venue may book on it. */
export interface ScanResult {
  readonly passId: string;
  readonly status: PassView['status'];
  readonly category: string;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly vouchers: readonly VoucherView[];
}

/**
 * A venue sees only the vouchers of active offers that it and the pass's category are eligible for; other
 * clients see them all. The chaincode decides at redemption; this only spares the scanner useless choices.
 */
function redeemableBy(
  client: ClientIdentity,
  pass: PassView,
  offers: readonly OfferRecord[],
): (voucher: VoucherView) => boolean {
  const byId = new Map(offers.map((offer) => [offer.offerId, offer]));
  return (voucher) => {
    if (client.venueId === undefined) {
      return true;
    }
    const offer = byId.get(voucher.offerId);
    return (
      offer?.status === 'active' &&
      offer.eligibleVenueIds.includes(client.venueId) &&
      offer.eligibleCategories.includes(pass.category)
    );
  };
}

/**
 * Scans a QR payload: verifies its signature first, then reads the pass and the offers.
 * @throws {AppError} INVALID_QR for a forged or altered payload; NOT_FOUND for an unknown pass.
 */
export async function scanPass(deps: ServiceDeps, client: ClientIdentity, qr: string): Promise<ScanResult> {
  const passId = await resolvePassId(deps, client, { qr });
  const [pass, offers] = await Promise.all([
    deps.ledger.evaluate(client, 'passes:GetPass', { passId }),
    deps.ledger.evaluate(client, 'offers:ListOffers', undefined),
  ]);
  return {
    passId: pass.passId,
    status: pass.status,
    category: pass.category,
    validFrom: pass.validFrom,
    validUntil: pass.validUntil,
    vouchers: pass.vouchers.filter(redeemableBy(client, pass, offers)),
  };
}
