import { accessOf, holds, isMunicipality } from '../access/roles';
import { fail } from '../errors';
import { nowOf } from '../ledger/clock';
import type { TxContext } from '../ledger/context';
import type { OfferRecord, PassRecord, ScanView, VoucherView } from '../vocabulary';
import { loadConfig } from './config';
import { isOfferValidAt, listOffers, takesPass } from './offers';
import { effectiveStatus } from './passes';
import { periodKeyAt } from './period';
import { passOfPresentedCard } from './qr-cards';
import { requireOwnVenue } from './venue-caller';
import { voucherViewsOf } from './vouchers';

/**
 * What a scanned card shows: the pass's state and, for a venue, only the vouchers it may book there now
 * (offer valid now and taking this venue and the pass, current period); the municipality that issued the pass
 * sees every voucher. The card is verified against the municipality's published key at the transaction time,
 * so this is the only way a venue sees a pass.
 *
 * @throws {ChaincodeError} FORBIDDEN unless the pass's municipality (its reader too) or a venue of the caller's own
 * organisation;
 * INVALID_QR for a card that does not verify; INVALID_ARGUMENT when no card is presented; NOT_FOUND for an
 * unknown pass.
 */
export async function scanCard(ctx: TxContext): Promise<ScanView> {
  const access = await accessOf(ctx);
  // The municipality's gateway reads a card for its holder page as its reader, which may do nothing else.
  const municipal = isMunicipality(access) || holds(access, 'municipality', ['reader']);
  const venueId = municipal ? undefined : (await requireOwnVenue(ctx)).venue.venueId;
  const { pass } = await passOfPresentedCard(ctx);
  if (venueId === undefined && pass.municipalityMspId !== access.caller.mspId) {
    fail(
      'FORBIDDEN',
      `pass ${pass.passId} was issued by ${pass.municipalityMspId}: only its venues and it scan it`,
    );
  }
  const at = nowOf(ctx);
  const vouchers = await voucherViewsOf(ctx, pass);
  const bookable =
    venueId === undefined ? vouchers : vouchers.filter(await bookableAt(ctx, venueId, pass, at));
  return scanViewOf(pass, at, bookable);
}

/** What a card shows of a pass at a moment, with the vouchers given: never its holder hash or reference. */
export function scanViewOf(pass: PassRecord, at: string, vouchers: VoucherView[]): ScanView {
  return {
    passId: pass.passId,
    status: effectiveStatus(pass, at),
    category: pass.category,
    validFrom: pass.validFrom,
    validUntil: pass.validUntil,
    vouchers,
  };
}

async function bookableAt(
  ctx: TxContext,
  venueId: string,
  pass: PassRecord,
  at: string,
): Promise<(voucher: VoucherView) => boolean> {
  const periodKey = periodKeyAt(at, (await loadConfig(ctx)).passYearStart);
  const offers = new Map<string, OfferRecord>((await listOffers(ctx)).map((offer) => [offer.offerId, offer]));
  return (voucher) => {
    const offer = offers.get(voucher.offerId);
    return (
      voucher.periodKey === periodKey &&
      offer !== undefined &&
      isOfferValidAt(offer, at) &&
      offer.eligibleVenueIds.includes(venueId) &&
      takesPass(offer, pass)
    );
  };
}
