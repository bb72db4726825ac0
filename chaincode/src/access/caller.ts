import { fail } from '../errors';
import type { CallerIdentity, TxContext } from '../ledger/context';
import { ID_PATTERN, ROLE_ATTRIBUTE, ROLES, VENUE_ID_ATTRIBUTE, type Role } from '../vocabulary';

/** Who called, from the client certificate: organisation, `role` attribute and `venueId` attribute. */
export interface Caller {
  readonly mspId: string;
  readonly role: Role | undefined;
  readonly venueId: string | undefined;
}

/** Reads the caller from the client identity. Never throws; unknown roles read as `undefined`. */
export function callerOf(ctx: TxContext): Caller {
  const identity = ctx.clientIdentity;
  const role = identity.getAttributeValue(ROLE_ATTRIBUTE);
  return {
    mspId: identity.getMSPID(),
    role: role !== null && (ROLES as readonly string[]).includes(role) ? (role as Role) : undefined,
    venueId: venueIdOf(identity),
  };
}

/** The venue an identity acts for: its well-formed `venueId` certificate attribute, if any. */
export function venueIdOf(identity: CallerIdentity): string | undefined {
  const venueId = identity.getAttributeValue(VENUE_ID_ATTRIBUTE);
  return venueId !== null && ID_PATTERN.test(venueId) ? venueId : undefined;
}

/** A caller acting for one venue. */
export interface VenueCaller extends Caller {
  readonly venueId: string;
}

/**
 * Requires a venue identity: role `venue` and a `venueId` attribute. The venue is always taken
 * from the certificate, never from a request, so a venue cannot act as another.
 *
 * @throws {ChaincodeError} FORBIDDEN otherwise.
 */
export function requireVenue(ctx: TxContext): VenueCaller {
  const caller = callerOf(ctx);
  if (caller.role !== 'venue' || caller.venueId === undefined) {
    return fail('FORBIDDEN', 'only venue identities (role venue with a venueId attribute) may do this');
  }
  return { ...caller, venueId: caller.venueId };
}

/** Whether the caller acts for a venue. */
export function isVenue(caller: Caller): caller is VenueCaller {
  return caller.role === 'venue' && caller.venueId !== undefined;
}
