import { mayRead, readFactsOfBooking } from '@stadspas/chaincode/vocabulary';
import type { Database } from 'better-sqlite3';

/**
 * Makes the chaincode's read rule a function of the database: `may_read(reader msp, role, venue, municipality,
 * pass's municipality, funder, booking venue, venue's organisation)` is 1 where the reader may read the booking,
 * so reports select with the same rule as the chaincode's queries and the event streams.
 */
export function registerReadRule(db: Database): void {
  db.function(
    'may_read',
    { deterministic: true },
    (
      mspId: unknown,
      role: unknown,
      venueId: unknown,
      municipality: unknown,
      municipalityMspId: unknown,
      funderMspId: unknown,
      bookingVenueId: unknown,
      venueMspId: unknown,
    ) => {
      const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
      const reader = {
        mspId: text(mspId) ?? '',
        role: text(role),
        venueId: text(venueId),
        municipality: municipality === 1,
      };
      const facts = readFactsOfBooking({
        municipalityMspId: text(municipalityMspId),
        funderMspId: text(funderMspId) ?? '',
        venueId: text(bookingVenueId) ?? '',
        venueMspId: text(venueMspId),
      });
      return mayRead(reader, facts) ? 1 : 0;
    },
  );
}
