import { IDENTITY_ROLES, type Reader } from '@stadspas/chaincode/vocabulary';
import type { ClientIdentity } from './client-identity';

/**
 * A client as the chaincode's read rule knows readers. It reads as a municipality when its organisation (the
 * gateway's own) is one and it holds a municipality identity role (admin, staff), as the chaincode judges it.
 */
export function readerOf(client: ClientIdentity, municipalityOrganisation: boolean): Reader {
  return {
    mspId: client.mspId,
    role: client.role,
    venueId: client.venueId,
    municipality: municipalityOrganisation && IDENTITY_ROLES.municipality.includes(client.role),
  };
}
