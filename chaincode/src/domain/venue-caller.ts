import { isVenue, requireVenue, type Caller, type VenueCaller } from '../access/caller';
import { accessOf, holds, isMunicipality, isPayer } from '../access/roles';
import { fail } from '../errors';
import type { TxContext } from '../ledger/context';
import { keys } from '../ledger/keys';
import { readRecord } from '../ledger/store';
import type { VenueRecord } from '../vocabulary';
import { getVenue } from './venues';

/**
 * Requires a venue identity whose venue is registered to the caller's own organisation, so an
 * identity of one organisation cannot act for a venue of another.
 *
 * @throws {ChaincodeError} FORBIDDEN for a non-venue identity, an organisation that runs no venues in the
 * scheme, or a venue of another organisation;
 * NOT_FOUND for an unregistered venue.
 */
export async function requireOwnVenue(ctx: TxContext): Promise<{ caller: VenueCaller; venue: VenueRecord }> {
  const caller = requireVenue(ctx);
  if (!holds(await accessOf(ctx), 'venues', ['venue'])) {
    fail('FORBIDDEN', `${caller.mspId} runs no venues in the scheme`);
  }
  const venue = await getVenue(ctx, caller.venueId);
  if (venue.mspId !== caller.mspId) {
    fail('FORBIDDEN', `venue ${venue.venueId} belongs to ${venue.mspId}, not ${caller.mspId}`);
  }
  return { caller, venue };
}

/**
 * Whether the caller acts for this venue: a venue identity with this venueId whose organisation is
 * the one the venue is registered to.
 */
export async function actsForVenue(ctx: TxContext, caller: Caller, venueId: string): Promise<boolean> {
  if (!isVenue(caller) || caller.venueId !== venueId || !holds(await accessOf(ctx), 'venues', ['venue'])) {
    return false;
  }
  const venue = await readRecord<VenueRecord>(ctx, keys.venue(venueId));
  return venue?.mspId === caller.mspId;
}

/**
 * Requires a reader of a venue's bookings and claims: the venue itself, the municipality or the payer.
 *
 * @throws {ChaincodeError} FORBIDDEN for anyone else.
 */
export async function requireVenueReader(ctx: TxContext, venueId: string): Promise<Caller> {
  const access = await accessOf(ctx);
  const { caller } = access;
  if (!isMunicipality(access) && !isPayer(access) && !(await actsForVenue(ctx, caller, venueId))) {
    fail('FORBIDDEN', 'a venue may read only its own redemptions and claims');
  }
  return caller;
}
