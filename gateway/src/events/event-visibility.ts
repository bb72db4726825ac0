import { mayRead, readFactsOfEvent } from '@stadspas/chaincode/vocabulary';
import type { ClientIdentity } from '../auth/client-identity';
import { readerOf } from '../auth/reader-of';
import type { LedgerEvent } from '../ledger/ledger-adapter';

/**
 * Whether a client may see an event: the chaincode's own read rule, applied to what the event is about. A
 * cashier sees its own venue's bookings, claims and permissions; a municipality its own passes' events and what
 * it funds; a funder what it funds; a venues organisation's admin its own venues' bookings; everyone the open
 * facts (offers, venues, configuration, keys, the scheme).
 * @param municipality whether the client's organisation (the gateway's own) is a municipality of the scheme
 */
export function isVisibleTo(client: ClientIdentity, event: LedgerEvent, municipality: boolean): boolean {
  return mayRead(readerOf(client, municipality), readFactsOfEvent(event.eventName, event.payload));
}
