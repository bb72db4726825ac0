import { id, mspId, ROLES, venueId } from '@stadspas/chaincode/vocabulary';
import { z } from 'zod';

/**
 * One client of the gateway: an API key (stored as its sha256) bound to one Fabric identity of the org. Its name,
 * role and venueId are the vocabulary's, as on the ledger and in onboarding, so whatever one accepts the others do.
 */
export const clientRecordSchema = z.strictObject({
  name: id('venue-kardinge-scanner-1'),
  role: z.enum(ROLES),
  venueId: venueId.optional(),
  mspId,
  apiKeySha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 hex digest'),
  certPath: z.string().min(1),
  keyPath: z.string().min(1),
  /** When its admin revoked it: its key is refused from then on, while the CA revokes its certificate. */
  revokedAt: z.iso.datetime().optional(),
});

export type ClientRecord = Readonly<z.infer<typeof clientRecordSchema>>;

/** The Fabric identity a request acts as; what the ledger adapter needs to sign for it. */
export type ClientIdentity = Readonly<Omit<ClientRecord, 'apiKeySha256' | 'revokedAt'>>;

/** Drops the key hash, which nothing past authentication needs. */
export function identityOf(record: ClientRecord): ClientIdentity {
  return Object.freeze({
    name: record.name,
    role: record.role,
    mspId: record.mspId,
    certPath: record.certPath,
    keyPath: record.keyPath,
    ...(record.venueId === undefined ? {} : { venueId: record.venueId }),
  });
}
