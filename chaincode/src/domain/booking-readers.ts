import { accessOf, isFunderOf, isMunicipality, type Access } from '../access/roles';
import { fail } from '../errors';
import type { TxContext } from '../ledger/context';
import type { OfferRecord, RedemptionRecord } from '../vocabulary';
import { requireFunder } from './funder-reader';
import { actsForVenue } from './venue-caller';

/** Which bookings of a listing the caller may see. */
export type BookingFilter = (booking: RedemptionRecord) => boolean;

const everything: BookingFilter = () => true;

async function fundedOnly(ctx: TxContext, access: Access, refusal: string): Promise<BookingFilter> {
  const reader = await requireFunder(ctx, access, refusal);
  return (booking) => booking.funderMspId === reader.mspId;
}

/**
 * Requires a reader of one booking: the municipality, the venue that booked it, or its funder.
 *
 * @throws {ChaincodeError} FORBIDDEN for anyone else.
 */
export async function requireBookingReader(ctx: TxContext, booking: RedemptionRecord): Promise<void> {
  const access = await accessOf(ctx);
  const reads =
    isMunicipality(access) ||
    isFunderOf(access, booking.funderMspId) ||
    (await actsForVenue(ctx, access.caller, booking.venueId));
  if (!reads) {
    fail('FORBIDDEN', 'a venue reads only its own redemptions, a funder only those of the offers it funds');
  }
}

/**
 * What the caller sees of a pass's bookings: the municipality all, a funder those of the offers it funds.
 *
 * @throws {ChaincodeError} FORBIDDEN for a venue and for an organisation that funds no offer.
 */
export async function passBookingsFilter(ctx: TxContext): Promise<BookingFilter> {
  const access = await accessOf(ctx);
  return isMunicipality(access)
    ? everything
    : fundedOnly(ctx, access, 'only the municipality and the funders of offers list redemptions by pass');
}

/**
 * What the caller sees of a venue's bookings: the venue and the municipality all, a funder those of the offers
 * it funds.
 *
 * @throws {ChaincodeError} FORBIDDEN for another venue and for an organisation that funds no offer.
 */
export async function venueBookingsFilter(ctx: TxContext, venueId: string): Promise<BookingFilter> {
  const access = await accessOf(ctx);
  if (isMunicipality(access) || (await actsForVenue(ctx, access.caller, venueId))) {
    return everything;
  }
  return fundedOnly(ctx, access, 'a venue may read only its own redemptions and claims');
}

/**
 * Requires a reader of an offer's bookings: the municipality or the offer's funder.
 *
 * @throws {ChaincodeError} FORBIDDEN for anyone else, venues included (they list their own by venue).
 */
export async function requireOfferBookingsReader(ctx: TxContext, offer: OfferRecord): Promise<void> {
  const access = await accessOf(ctx);
  if (!isMunicipality(access) && !isFunderOf(access, offer.funderMspId)) {
    fail('FORBIDDEN', `only the municipality and the funder of offer ${offer.offerId} list its redemptions`);
  }
}
