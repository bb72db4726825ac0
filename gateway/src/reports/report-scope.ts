import type { Reader } from '@stadspas/chaincode/vocabulary';
import type { Database } from 'better-sqlite3';
import type { ClientIdentity } from '../auth/client-identity';
import { readerOf } from '../auth/reader-of';
import { AppError } from '../errors/app-error';

/** Whose bookings a client's reports cover: the reader the chaincode's read rule judges. */
export type ReportScope = Reader;

/**
 * The reader of a client's reports. The rows are chosen by the chaincode's own read rule (a cashier its own
 * venue's, a municipality its own passes' and what it funds, a funder what it funds, a venues organisation's admin
 * its own venues'); a client for whom that rule can select nothing is refused rather than shown an empty report.
 * @param municipality whether the client's organisation (the gateway's own) is a municipality of the scheme
 * @throws {AppError} FORBIDDEN for an identity of an organisation that issues no pass, funds no offer and runs no
 * venue.
 */
export function reportScopeOf(db: Database, client: ClientIdentity, municipality: boolean): ReportScope {
  const reader = readerOf(client, municipality);
  if (reader.municipality || client.venueId !== undefined) {
    return reader;
  }
  const funds = db.prepare('SELECT 1 FROM offers WHERE funder_msp_id = ? LIMIT 1').get(client.mspId);
  const runsVenues =
    client.role === 'admin'
      ? db.prepare('SELECT 1 FROM venues WHERE msp_id = ? LIMIT 1').get(client.mspId)
      : undefined;
  if (funds === undefined && runsVenues === undefined) {
    throw new AppError(
      'FORBIDDEN',
      'reports show a venue its own bookings, a funder those of the offers it funds, a municipality those of its passes',
    );
  }
  return reader;
}
