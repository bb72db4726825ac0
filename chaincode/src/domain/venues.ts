import { requireMunicipality } from '../access/caller';
import { fail } from '../errors';
import { nowOf } from '../ledger/clock';
import type { TxContext } from '../ledger/context';
import { emit } from '../ledger/events';
import { KeyType, keys } from '../ledger/keys';
import { readRecord, scan, writeRecord } from '../ledger/store';
import { has, parseRequest, readId, readPattern, readSlug, readText } from '../validation/fields';
import {
  LIMITS,
  type EventName,
  type RegisterVenueRequest,
  type SuspendVenueRequest,
  type UpdateVenueRequest,
  type VenueIdRequest,
  type VenueRecord,
} from '../vocabulary';

/** An MSP id: letters and digits, e.g. `VenuesMSP`. */
const MSP_ID_PATTERN = /^[A-Za-z][A-Za-z0-9.-]{0,63}$/;

/** @throws {ChaincodeError} INVALID_ARGUMENT for a malformed request. */
export function parseRegisterVenue(json: string): RegisterVenueRequest {
  const fields = parseRequest(json, ['venueId', 'name', 'kind', 'mspId']);
  return {
    venueId: readId(fields, 'venueId'),
    name: readText(fields, 'name'),
    kind: readSlug(fields, 'kind'),
    mspId: readPattern(fields, 'mspId', MSP_ID_PATTERN, 'an MSP id'),
  };
}

/** @throws {ChaincodeError} INVALID_ARGUMENT for a malformed request or one that changes nothing. */
export function parseUpdateVenue(json: string): UpdateVenueRequest {
  const fields = parseRequest(json, ['venueId', 'name', 'kind', 'mspId']);
  if (!has(fields, 'name') && !has(fields, 'kind') && !has(fields, 'mspId')) {
    fail('INVALID_ARGUMENT', 'give at least one of name, kind, mspId');
  }
  return {
    venueId: readId(fields, 'venueId'),
    name: has(fields, 'name') ? readText(fields, 'name') : undefined,
    kind: has(fields, 'kind') ? readSlug(fields, 'kind') : undefined,
    mspId: has(fields, 'mspId') ? readPattern(fields, 'mspId', MSP_ID_PATTERN, 'an MSP id') : undefined,
  };
}

/** @throws {ChaincodeError} INVALID_ARGUMENT for a malformed request. */
export function parseSuspendVenue(json: string): SuspendVenueRequest {
  const fields = parseRequest(json, ['venueId', 'reason']);
  return { venueId: readId(fields, 'venueId'), reason: readText(fields, 'reason', LIMITS.maxReasonLength) };
}

/** @throws {ChaincodeError} INVALID_ARGUMENT for a malformed request. */
export function parseVenueId(json: string): VenueIdRequest {
  return { venueId: readId(parseRequest(json, ['venueId']), 'venueId') };
}

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
 * Registers a venue.
 *
 * @throws {ChaincodeError} FORBIDDEN unless municipality; ALREADY_EXISTS for a known venueId.
 */
export async function registerVenue(ctx: TxContext, request: RegisterVenueRequest): Promise<VenueRecord> {
  requireMunicipality(ctx);
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
 * @throws {ChaincodeError} FORBIDDEN unless municipality; NOT_FOUND for an unknown venue.
 */
export async function updateVenue(ctx: TxContext, request: UpdateVenueRequest): Promise<VenueRecord> {
  requireMunicipality(ctx);
  const venue = await getVenue(ctx, request.venueId);
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
  requireMunicipality(ctx);
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
  requireMunicipality(ctx);
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
