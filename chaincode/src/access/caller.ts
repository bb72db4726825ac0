import { fail } from '../errors';
import type { CallerIdentity, TxContext } from '../ledger/context';
import {
  ID_PATTERN,
  MUNICIPALITY_MSP,
  ORGANISATION_ROLES,
  PAYER_MSP,
  ROLE_ATTRIBUTE,
  ROLES,
  VENUE_ID_ATTRIBUTE,
  type Role,
} from '../vocabulary';

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

/**
 * Requires a caller of the given organisation holding one of the given roles.
 *
 * @throws {ChaincodeError} FORBIDDEN otherwise.
 */
export function requireOrganisation(ctx: TxContext, mspId: string, roles: readonly Role[]): Caller {
  const caller = callerOf(ctx);
  if (caller.mspId !== mspId || caller.role === undefined || !roles.includes(caller.role)) {
    return fail('FORBIDDEN', `only ${mspId} identities with role ${roles.join(' or ')} may do this`);
  }
  return caller;
}

/**
 * Requires a municipality identity (default: role admin or staff).
 *
 * @throws {ChaincodeError} FORBIDDEN otherwise.
 */
export function requireMunicipality(ctx: TxContext, roles: readonly Role[] = ['admin', 'staff']): Caller {
  return requireOrganisation(ctx, MUNICIPALITY_MSP, roles);
}

/**
 * Requires the payer (SVB) with role admin or payer.
 *
 * @throws {ChaincodeError} FORBIDDEN otherwise.
 */
export function requirePayer(ctx: TxContext): Caller {
  return requireOrganisation(ctx, PAYER_MSP, ['admin', 'payer']);
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

/** Whether the caller belongs to the organisation with one of the roles that organisation issues. */
export function isMemberOf(caller: Caller, mspId: string): boolean {
  const roles = ORGANISATION_ROLES[mspId] ?? [];
  return caller.mspId === mspId && caller.role !== undefined && roles.includes(caller.role);
}

/** Whether the caller is a municipality identity (admin or staff). */
export function isMunicipality(caller: Caller): boolean {
  return caller.mspId === MUNICIPALITY_MSP && (caller.role === 'admin' || caller.role === 'staff');
}

/** Whether the caller is the payer (admin or payer). */
export function isPayer(caller: Caller): boolean {
  return caller.mspId === PAYER_MSP && (caller.role === 'admin' || caller.role === 'payer');
}

/**
 * Whether the caller reads as the funder `mspId`: an identity of that organisation with one of its roles, other
 * than a venue identity. Matching the offer's or booking's `funderMspId` makes every funder read alike.
 */
export function isFunderOf(caller: Caller, mspId: string): boolean {
  return !isVenue(caller) && isMemberOf(caller, mspId);
}

/** Whether the caller acts for a venue. */
export function isVenue(caller: Caller): caller is VenueCaller {
  return caller.role === 'venue' && caller.venueId !== undefined;
}

/**
 * Requires a reader of passes by their number: a municipality identity. Pass numbers are sequential, so a
 * venue sees a pass only through a scan of its card (`redemptions:Scan`).
 *
 * @throws {ChaincodeError} FORBIDDEN otherwise.
 */
export function requirePassReader(ctx: TxContext): Caller {
  const caller = callerOf(ctx);
  if (!isMunicipality(caller)) {
    return fail(
      'FORBIDDEN',
      isVenue(caller)
        ? 'a venue sees a pass only by scanning its card'
        : 'only the municipality reads passes by number',
    );
  }
  return caller;
}
