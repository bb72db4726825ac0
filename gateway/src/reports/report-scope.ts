import type { Database } from 'better-sqlite3';
import type { ClientIdentity } from '../auth/client-identity';
import { AppError } from '../errors/app-error';

/** Which bookings a client's reports cover. */
export type ReportScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'venue'; readonly venueId: string; readonly mspId: string }
  | { readonly kind: 'funder'; readonly mspId: string };

/**
 * The chaincode's read rules for bookings, applied to the read model: a municipality (admin, staff) sees all;
 * a venue identity its own venue's, when the venue is registered to its organisation; any other identity of an
 * organisation the bookings of the offers that organisation funds.
 * @param municipality whether the client's organisation (the gateway's own) is a municipality of the scheme
 * @throws {AppError} FORBIDDEN for an organisation that funds no offer (the venues' admin, for one).
 */
export function reportScopeOf(db: Database, client: ClientIdentity, municipality: boolean): ReportScope {
  if (municipality && (client.role === 'admin' || client.role === 'staff')) {
    return { kind: 'all' };
  }
  if (client.role === 'venue' && client.venueId !== undefined) {
    return { kind: 'venue', venueId: client.venueId, mspId: client.mspId };
  }
  const funds = db.prepare('SELECT 1 FROM offers WHERE funder_msp_id = ? LIMIT 1').get(client.mspId);
  if (funds === undefined) {
    throw new AppError(
      'FORBIDDEN',
      'reports show a venue its own bookings, a funder those of the offers it funds, the municipality all',
    );
  }
  return { kind: 'funder', mspId: client.mspId };
}
