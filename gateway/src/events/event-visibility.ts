import type { ClientIdentity } from '../auth/client-identity';
import type { LedgerEvent } from '../ledger/ledger-adapter';

/**
 * Whether a client may see an event: a venue sees the events about its own redemptions and claims and the
 * events about no venue in particular (offers, passes); other clients see all. Payloads carry no personal data.
 */
export function isVisibleTo(client: ClientIdentity, event: LedgerEvent): boolean {
  if (client.venueId === undefined) {
    return true;
  }
  const payload = event.payload;
  if (typeof payload !== 'object' || payload === null || !('venueId' in payload)) {
    return true;
  }
  return payload.venueId === client.venueId || event.eventName.startsWith('Venue');
}
