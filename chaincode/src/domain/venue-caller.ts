import { requireVenue, type VenueCaller } from '../access/caller';
import { fail } from '../errors';
import type { TxContext } from '../ledger/context';
import type { VenueRecord } from '../vocabulary';
import { getVenue } from './venues';

/**
 * Requires a venue identity whose venue is registered to the caller's own organisation, so an
 * identity of one organisation cannot act for a venue of another.
 *
 * @throws {ChaincodeError} FORBIDDEN for a non-venue identity or a venue of another organisation;
 * NOT_FOUND for an unregistered venue.
 */
export async function requireOwnVenue(ctx: TxContext): Promise<{ caller: VenueCaller; venue: VenueRecord }> {
  const caller = requireVenue(ctx);
  const venue = await getVenue(ctx, caller.venueId);
  if (venue.mspId !== caller.mspId) {
    fail('FORBIDDEN', `venue ${venue.venueId} belongs to ${venue.mspId}, not ${caller.mspId}`);
  }
  return { caller, venue };
}
