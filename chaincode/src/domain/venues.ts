import { requireMunicipality, schemeOrganisation, type Access } from '../access/roles';
import { fail } from '../errors';
import { nowOf } from '../ledger/clock';
import type { TxContext } from '../ledger/context';
import { emit } from '../ledger/events';
import { KeyType, keys } from '../ledger/keys';
import { readRecord, scan, writeRecord } from '../ledger/store';
import {
  type EventName,
  type RegisterVenueRequest,
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
  const venue: VenueRecord = { ...request, status: 'active', registeredAt: at, updatedAt: at };
  return saveVenue(ctx, venue, 'VenueRegistered');
}

/**
 * Changes a venue's name, kind or organisation.
 *
 * @throws {ChaincodeError} FORBIDDEN unless municipality; NOT_FOUND for an unknown venue; INVALID_ARGUMENT
 * when the new organisation runs no venues in the scheme.
 */
export async function updateVenue(ctx: TxContext, request: UpdateVenueRequest): Promise<VenueRecord> {
  const access = await requireMunicipality(ctx);
  const venue = await getVenue(ctx, request.venueId);
  if (request.mspId !== undefined) {
    requireVenueOrganisation(access, request.mspId);
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
 * Suspends a venue: it can no longer redeem.
 *
 * @throws {ChaincodeError} FORBIDDEN unless municipality; NOT_FOUND for an unknown venue;
 * INVALID_STATE_TRANSITION when already suspended.
 */
export async function suspendVenue(ctx: TxContext, request: SuspendVenueRequest): Promise<VenueRecord> {
  await requireMunicipality(ctx);
  const venue = await getVenue(ctx, request.venueId);
  if (venue.status !== 'active') {
    fail('INVALID_STATE_TRANSITION', `venue ${venue.venueId} is already suspended`);
  }
  return saveVenue(
    ctx,
    { ...venue, status: 'suspended', suspendedReason: request.reason, updatedAt: nowOf(ctx) },
    'VenueSuspended',
  );
}

/**
 * Lifts a suspension.
 *
 * @throws {ChaincodeError} FORBIDDEN unless municipality; NOT_FOUND for an unknown venue;
 * INVALID_STATE_TRANSITION when not suspended.
 */
export async function reinstateVenue(ctx: TxContext, request: VenueIdRequest): Promise<VenueRecord> {
  await requireMunicipality(ctx);
  const venue = await getVenue(ctx, request.venueId);
  if (venue.status !== 'suspended') {
    fail('INVALID_STATE_TRANSITION', `venue ${venue.venueId} is not suspended`);
  }
  return saveVenue(
    ctx,
    { ...venue, status: 'active', suspendedReason: undefined, updatedAt: nowOf(ctx) },
    'VenueReinstated',
  );
}

async function saveVenue(
  ctx: TxContext,
  venue: VenueRecord,
  event: EventName & `Venue${string}`,
): Promise<VenueRecord> {
  await writeRecord(ctx, keys.venue(venue.venueId), venue);
  emit(ctx, event, { venueId: venue.venueId, mspId: venue.mspId, status: venue.status, at: venue.updatedAt });
  return venue;
}
