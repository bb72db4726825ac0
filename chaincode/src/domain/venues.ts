import {
  accessOf,
  holds,
  isMunicipality,
  requireMunicipality,
  schemeOrganisation,
  type Access,
} from '../access/roles';
import { fail } from '../errors';
import { nowOf } from '../ledger/clock';
import type { TxContext } from '../ledger/context';
import { emit } from '../ledger/events';
import { KeyType, keys } from '../ledger/keys';
import { readRecord, scan, writeRecord } from '../ledger/store';
import {
  type EventName,
  type RegisterVenueRequest,
  type SetBankAccountRequest,
  type SuspendVenueRequest,
  type UpdateVenueRequest,
  type VenueIdRequest,
  type VenueRecord,
} from '../vocabulary';

/**
 * Reads a venue.
 *
 * @throws {ChaincodeError} NOT_FOUND when not registered.
 */
export async function getVenue(ctx: TxContext, venueId: string): Promise<VenueRecord> {
  const venue = await readRecord<VenueRecord>(ctx, keys.venue(venueId));
  return venue ?? fail('NOT_FOUND', `venue ${venueId} is not registered`);
}

/** Every venue, ordered by id. Open to every organisation. */
export async function listVenues(ctx: TxContext): Promise<VenueRecord[]> {
  return (await scan<VenueRecord>(ctx, KeyType.venue, [])).map((entry) => entry.value);
}

/**
 * Requires an organisation that runs venues in the scheme.
 *
 * @throws {ChaincodeError} INVALID_ARGUMENT otherwise.
 */
function requireVenueOrganisation(access: Access, mspId: string): void {
  if (schemeOrganisation(access, mspId)?.roles.includes('venues') !== true) {
    fail('INVALID_ARGUMENT', `${mspId} runs no venues in the scheme`);
  }
}

/**
 * Who decides on a venue: an admin of the organisation it belongs to decides for the whole venue (its name, kind,
 * organisation and status); a municipality's admin decides only for that municipality's own passes.
 */
type VenueDecider = { readonly kind: 'owner' } | { readonly kind: 'municipality'; readonly mspId: string };

/**
 * The caller as a decider on this venue.
 *
 * @throws {ChaincodeError} FORBIDDEN for anyone but an admin of the venue's organisation or of a municipality.
 */
async function venueDeciderOf(ctx: TxContext, venue: VenueRecord): Promise<VenueDecider> {
  const access = await accessOf(ctx);
  if (access.caller.mspId === venue.mspId && holds(access, 'venues', ['admin'])) {
    return { kind: 'owner' };
  }
  if (isMunicipality(access) && access.caller.role === 'admin') {
    return { kind: 'municipality', mspId: access.caller.mspId };
  }
  return fail(
    'FORBIDDEN',
    `only an admin of ${venue.mspId}, or a municipality admin for its own passes, decides on venue ${venue.venueId}`,
  );
}

/**
 * Registers a venue to an organisation that runs venues.
 *
 * @throws {ChaincodeError} FORBIDDEN unless municipality; ALREADY_EXISTS for a known venueId;
 * INVALID_ARGUMENT when the organisation runs no venues in the scheme.
 */
export async function registerVenue(ctx: TxContext, request: RegisterVenueRequest): Promise<VenueRecord> {
  requireVenueOrganisation(await requireMunicipality(ctx), request.mspId);
  if ((await readRecord(ctx, keys.venue(request.venueId))) !== undefined) {
    fail('ALREADY_EXISTS', `venue ${request.venueId} is registered`);
  }
  const at = nowOf(ctx);
  const venue: VenueRecord = {
    ...request,
    status: 'active',
    claimLinesIndexed: true,
    registeredAt: at,
    updatedAt: at,
  };
  return saveVenue(ctx, venue, 'VenueRegistered');
}

/**
 * Changes a venue's name, kind or organisation: the venue-wide facts, which its own organisation decides.
 *
 * @throws {ChaincodeError} FORBIDDEN unless an admin of the venue's organisation; NOT_FOUND for an unknown venue;
 * INVALID_ARGUMENT when the new organisation runs no venues in the scheme.
 */
export async function updateVenue(ctx: TxContext, request: UpdateVenueRequest): Promise<VenueRecord> {
  const venue = await getVenue(ctx, request.venueId);
  if ((await venueDeciderOf(ctx, venue)).kind !== 'owner') {
    fail('FORBIDDEN', `only an admin of ${venue.mspId} changes venue ${venue.venueId}`);
  }
  if (request.mspId !== undefined) {
    requireVenueOrganisation(await accessOf(ctx), request.mspId);
  }
  return saveVenue(
    ctx,
    {
      ...venue,
      name: request.name ?? venue.name,
      kind: request.kind ?? venue.kind,
      mspId: request.mspId ?? venue.mspId,
      updatedAt: nowOf(ctx),
    },
    'VenueUpdated',
  );
}

/**
 * Sets the account a venue is paid on: a venue-wide fact, which only an admin of the venue's own organisation
 * decides (the IBAN's check digits were checked when the request was parsed).
 *
 * @throws {ChaincodeError} FORBIDDEN unless an admin of the venue's organisation; NOT_FOUND for an unknown venue.
 */
export async function setBankAccount(ctx: TxContext, request: SetBankAccountRequest): Promise<VenueRecord> {
  const venue = await getVenue(ctx, request.venueId);
  if ((await venueDeciderOf(ctx, venue)).kind !== 'owner') {
    fail('FORBIDDEN', `only an admin of ${venue.mspId} sets the bank account of venue ${venue.venueId}`);
  }
  const at = nowOf(ctx);
  const bankAccount = { iban: request.iban, accountHolder: request.accountHolder, setAt: at };
  return saveVenue(ctx, { ...venue, bankAccount, updatedAt: at }, 'VenueUpdated');
}

/**
 * Suspends a venue. Its own organisation's admin suspends it for every pass; a municipality's admin suspends it
 * for that municipality's passes only, which is all a municipality decides on.
 *
 * @throws {ChaincodeError} FORBIDDEN unless one of those admins; NOT_FOUND for an unknown venue;
 * INVALID_STATE_TRANSITION when already suspended (by that decider).
 */
export async function suspendVenue(ctx: TxContext, request: SuspendVenueRequest): Promise<VenueRecord> {
  const venue = await getVenue(ctx, request.venueId);
  const decider = await venueDeciderOf(ctx, venue);
  const at = nowOf(ctx);
  if (decider.kind === 'municipality') {
    const suspensions = venue.suspendedFor ?? [];
    if (suspensions.some((s) => s.mspId === decider.mspId)) {
      fail('INVALID_STATE_TRANSITION', `venue ${venue.venueId} is already suspended for ${decider.mspId}`);
    }
    const suspendedFor = [...suspensions, { mspId: decider.mspId, reason: request.reason }];
    return saveVenue(ctx, { ...venue, suspendedFor, updatedAt: at }, 'VenueSuspended');
  }
  if (venue.status !== 'active') {
    fail('INVALID_STATE_TRANSITION', `venue ${venue.venueId} is already suspended`);
  }
  return saveVenue(
    ctx,
    { ...venue, status: 'suspended', suspendedReason: request.reason, updatedAt: at },
    'VenueSuspended',
  );
}

/**
 * Lifts a suspension: the venue-wide one for its own organisation's admin, a municipality's own for its admin.
 *
 * @throws {ChaincodeError} FORBIDDEN unless one of those admins; NOT_FOUND for an unknown venue;
 * INVALID_STATE_TRANSITION when not suspended (by that decider).
 */
export async function reinstateVenue(ctx: TxContext, request: VenueIdRequest): Promise<VenueRecord> {
  const venue = await getVenue(ctx, request.venueId);
  const decider = await venueDeciderOf(ctx, venue);
  const at = nowOf(ctx);
  if (decider.kind === 'municipality') {
    const suspensions = venue.suspendedFor ?? [];
    if (!suspensions.some((s) => s.mspId === decider.mspId)) {
      fail('INVALID_STATE_TRANSITION', `venue ${venue.venueId} is not suspended for ${decider.mspId}`);
    }
    const suspendedFor = suspensions.filter((s) => s.mspId !== decider.mspId);
    return saveVenue(
      ctx,
      { ...venue, suspendedFor: suspendedFor.length === 0 ? undefined : suspendedFor, updatedAt: at },
      'VenueReinstated',
    );
  }
  if (venue.status !== 'suspended') {
    fail('INVALID_STATE_TRANSITION', `venue ${venue.venueId} is not suspended`);
  }
  return saveVenue(
    ctx,
    { ...venue, status: 'active', suspendedReason: undefined, updatedAt: at },
    'VenueReinstated',
  );
}

/**
 * Whether the venue may book passes of this municipality now: it is not suspended, neither as a whole nor by
 * that municipality. Never throws.
 */
export function venueSuspensionFor(venue: VenueRecord, municipalityMspId: string): string | undefined {
  if (venue.status === 'suspended') {
    return `venue ${venue.venueId} is suspended`;
  }
  return venue.suspendedFor?.some((s) => s.mspId === municipalityMspId) === true
    ? `venue ${venue.venueId} is suspended for passes of ${municipalityMspId}`
    : undefined;
}

export async function saveVenue(
  ctx: TxContext,
  venue: VenueRecord,
  event: EventName & `Venue${string}`,
): Promise<VenueRecord> {
  await writeRecord(ctx, keys.venue(venue.venueId), venue);
  emit(ctx, event, { venueId: venue.venueId, mspId: venue.mspId, status: venue.status, at: venue.updatedAt });
  return venue;
}
