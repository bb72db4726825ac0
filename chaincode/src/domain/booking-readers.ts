import { isVenue } from '../access/caller';
import { accessOf, isMunicipality, type Access } from '../access/roles';
import { fail } from '../errors';
import type { TxContext } from '../ledger/context';
import { mayRead, readFactsOfBooking, type Reader, type RedemptionRecord } from '../vocabulary';
import { requireFunder } from './funder-reader';
import { actsForVenue } from './venue-caller';

/** Which bookings of a listing the caller may see. */
export type BookingFilter = (booking: RedemptionRecord) => boolean;

/** The caller as the shared read rule knows readers. Never throws. */
export function readerOf(access: Access): Reader {
  const { caller, organisation } = access;
  return {
    mspId: caller.mspId,
    role: caller.role,
    venueId: isVenue(caller) ? caller.venueId : undefined,
    municipality: organisation?.roles.includes('municipality') === true,
  };
}

/** The bookings the shared read rule gives this caller. */
function byReadRule(access: Access): BookingFilter {
  const reader = readerOf(access);
  return (booking) => mayRead(reader, readFactsOfBooking(booking));
}

/**
 * Requires a reader of one booking: the venue that booked it, or a reader the shared rule gives it (the
 * municipality of the pass, the funder, the venue's organisation's admin).
 *
 * @throws {ChaincodeError} FORBIDDEN for anyone else.
 */
export async function requireBookingReader(ctx: TxContext, booking: RedemptionRecord): Promise<void> {
  const access = await accessOf(ctx);
  const reads = isVenue(access.caller)
    ? await actsForVenue(ctx, access.caller, booking.venueId)
    : byReadRule(access)(booking);
  if (!reads) {
    fail(
      'FORBIDDEN',
      'a venue reads only its own redemptions, a municipality those of its passes, a funder those of the offers it funds',
    );
  }
}

/**
 * What the caller sees of a pass's bookings: a municipality those of its own passes and of the offers it funds, a
 * funder those of the offers it funds.
 *
 * @throws {ChaincodeError} FORBIDDEN for a venue and for an organisation that funds no offer.
 */
export async function passBookingsFilter(ctx: TxContext): Promise<BookingFilter> {
  const access = await accessOf(ctx);
  if (!isMunicipality(access)) {
    await requireFunder(
      ctx,
      access,
      'only the municipality and the funders of offers list redemptions by pass',
    );
  }
  return byReadRule(access);
}
