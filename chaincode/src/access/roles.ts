import { loadScheme } from '../domain/scheme';
import { fail } from '../errors';
import type { TxContext } from '../ledger/context';
import {
  FUNDER_ROLES,
  IDENTITY_ROLES,
  type PassRecord,
  type Role,
  type SchemeOrganisation,
  type SchemeRecord,
  type SchemeRole,
} from '../vocabulary';
import { callerOf, isVenue, type Caller } from './caller';

/**
 * Who calls and what their organisation does in the scheme in force. Every permission that depends on an
 * organisation's role is judged from the scheme on the ledger; no MSP id is written into the chaincode.
 */
export interface Access {
  readonly caller: Caller;
  /** The caller's organisation in the scheme; undefined for an organisation outside it (or no scheme yet). */
  readonly organisation: SchemeOrganisation | undefined;
  readonly scheme: SchemeRecord | undefined;
}

/** A municipality identity, with its organisation (and so its personal data collection). */
export interface MunicipalityAccess extends Access {
  readonly organisation: SchemeOrganisation & { personalDataCollection: string };
}

/** The caller and their organisation in the scheme in force. Never throws. */
export async function accessOf(ctx: TxContext): Promise<Access> {
  const caller = callerOf(ctx);
  const scheme = await loadScheme(ctx);
  return { caller, scheme, organisation: scheme?.organisations.find((org) => org.mspId === caller.mspId) };
}

/** The organisation with this MSP id in the scheme in force, if any. */
export function schemeOrganisation(access: Access, mspId: string): SchemeOrganisation | undefined {
  return access.scheme?.organisations.find((org) => org.mspId === mspId);
}

/**
 * Whether the caller's organisation holds the scheme role and the caller one of the identity roles (default:
 * those that organisations of the scheme role issue).
 */
export function holds(
  access: Access,
  role: SchemeRole,
  identityRoles: readonly Role[] = IDENTITY_ROLES[role],
): boolean {
  const { caller, organisation } = access;
  return (
    organisation?.roles.includes(role) === true &&
    caller.role !== undefined &&
    identityRoles.includes(caller.role)
  );
}

/** Whether the caller is a municipality identity (admin or staff). */
export function isMunicipality(access: Access): access is MunicipalityAccess {
  return holds(access, 'municipality');
}

/** Whether the caller is a payer identity (admin or payer). */
export function isPayer(access: Access): boolean {
  return holds(access, 'payer');
}

/** Whether the caller belongs to the organisation `mspId`, with an identity role of one of its scheme roles. */
export function isMemberOf(access: Access, mspId: string): boolean {
  const { caller, organisation } = access;
  return (
    caller.mspId === mspId &&
    organisation !== undefined &&
    organisation.roles.some((role) => caller.role !== undefined && IDENTITY_ROLES[role].includes(caller.role))
  );
}

/**
 * Whether the caller reads and acts as the funder `mspId`: a member of that organisation, other than a venue
 * identity, whose organisation may fund (a municipality or a payer).
 */
export function isFunderOf(access: Access, mspId: string): boolean {
  return (
    !isVenue(access.caller) &&
    isMemberOf(access, mspId) &&
    access.organisation?.roles.some((role) => FUNDER_ROLES.includes(role)) === true
  );
}

function requireSchemeSetUp(access: Access): void {
  if (access.scheme === undefined) {
    fail(
      'NOT_INITIALISED',
      'the scheme is not set up: an admin of a member organisation runs scheme:SetUp first',
    );
  }
}

/**
 * Requires a municipality identity (default: role admin or staff).
 *
 * @throws {ChaincodeError} NOT_INITIALISED before the scheme is set up; FORBIDDEN otherwise.
 */
export async function requireMunicipality(
  ctx: TxContext,
  roles: readonly Role[] = IDENTITY_ROLES.municipality,
): Promise<MunicipalityAccess> {
  const access = await accessOf(ctx);
  requireSchemeSetUp(access);
  if (!holds(access, 'municipality', roles)) {
    return fail('FORBIDDEN', `only municipality identities with role ${roles.join(' or ')} may do this`);
  }
  return access as MunicipalityAccess;
}

/**
 * Requires a payer identity (admin or payer).
 *
 * @throws {ChaincodeError} NOT_INITIALISED before the scheme is set up; FORBIDDEN otherwise.
 */
export async function requirePayer(ctx: TxContext): Promise<Access> {
  const access = await accessOf(ctx);
  requireSchemeSetUp(access);
  if (!isPayer(access)) {
    fail('FORBIDDEN', 'only payer identities with role admin or payer may do this');
  }
  return access;
}

/**
 * Requires an identity acting for the funder `mspId` (see {@link isFunderOf}).
 *
 * @throws {ChaincodeError} NOT_INITIALISED before the scheme is set up; FORBIDDEN otherwise.
 */
export async function requireFunderIdentity(ctx: TxContext, mspId: string, what: string): Promise<Access> {
  const access = await accessOf(ctx);
  requireSchemeSetUp(access);
  if (!isFunderOf(access, mspId)) {
    fail('FORBIDDEN', `only identities of the funder ${mspId} may ${what}`);
  }
  return access;
}

/**
 * Requires the municipality that issued the pass: only it reads the pass by number, changes it and keeps its
 * holder's personal data.
 *
 * @throws {ChaincodeError} NOT_INITIALISED before the scheme is set up; FORBIDDEN for anyone else.
 */
export async function requireIssuer(
  ctx: TxContext,
  pass: PassRecord,
  roles: readonly Role[] = IDENTITY_ROLES.municipality,
): Promise<MunicipalityAccess> {
  const access = await requireMunicipality(ctx, roles);
  if (access.caller.mspId !== pass.municipalityMspId) {
    fail('FORBIDDEN', `pass ${pass.passId} was issued by ${pass.municipalityMspId}: only it may do this`);
  }
  return access;
}
