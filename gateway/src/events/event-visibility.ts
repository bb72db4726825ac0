import type { ClientIdentity } from '../auth/client-identity';
import type { LedgerEvent } from '../ledger/ledger-adapter';

/**
 * Whether a client may see an event. A venue sees the events about its own redemptions, claims and
 * permissions, about venues, and about no venue or pass in particular (offers, configuration); not the events
 * that name passes, because a venue sees a pass only by scanning its card. Other clients see all. Payloads
 * carry no personal data.
 */
export function isVisibleTo(client: ClientIdentity, event: LedgerEvent): boolean {
  if (client.venueId === undefined) {
    return true;
  }
  const payload: object = typeof event.payload === 'object' && event.payload !== null ? event.payload : {};
  if ('venueId' in payload) {
    return payload.venueId === client.venueId || event.eventName.startsWith('Venue');
  }
  return !('passId' in payload) && !('passIds' in payload);
}
