import { requireMunicipality } from '../access/roles';
import { fail } from '../errors';
import { nowOf } from '../ledger/clock';
import type { TxContext } from '../ledger/context';
import { emit } from '../ledger/events';
import { keys } from '../ledger/keys';
import { readRecord, writeRecord } from '../ledger/store';
import type { BookByNumberRecord, BookByNumberRequest } from '../vocabulary';
import { getVenue } from './venues';

// Booking by number skips the card, so the permission is a municipality admin's decision, one venue at a
// time, for that municipality's own passes only, with its reason on the ledger; a venue's own organisation
// cannot grant it.

/** Whether the venue may currently book passes of this municipality by number. */
export async function mayBookByNumber(
  ctx: TxContext,
  venueId: string,
  municipalityMspId: string,
): Promise<boolean> {
  const permission = await readRecord<BookByNumberRecord>(ctx, keys.bookByNumber(venueId, municipalityMspId));
  return permission?.granted === true;
}

/**
 * Lets a venue book the calling municipality's passes by number, without the card.
 *
 * @throws {ChaincodeError} FORBIDDEN unless a municipality admin; NOT_FOUND for an unknown venue;
 * INVALID_STATE_TRANSITION when the venue holds the permission already.
 */
export async function grantBookByNumber(
  ctx: TxContext,
  request: BookByNumberRequest,
): Promise<BookByNumberRecord> {
  const { caller } = await requireMunicipality(ctx, ['admin']);
  await getVenue(ctx, request.venueId);
  if (await mayBookByNumber(ctx, request.venueId, caller.mspId)) {
    fail(
      'INVALID_STATE_TRANSITION',
      `venue ${request.venueId} may book passes of ${caller.mspId} by number already`,
    );
  }
  return savePermission(ctx, caller.mspId, request, true);
}

/**
 * Ends a venue's permission to book the calling municipality's passes by number; its earlier bookings keep saying
 * how they were made.
 *
 * @throws {ChaincodeError} FORBIDDEN unless a municipality admin; INVALID_STATE_TRANSITION when the venue
 * does not hold the permission.
 */
export async function revokeBookByNumber(
  ctx: TxContext,
  request: BookByNumberRequest,
): Promise<BookByNumberRecord> {
  const { caller } = await requireMunicipality(ctx, ['admin']);
  if (!(await mayBookByNumber(ctx, request.venueId, caller.mspId))) {
    fail(
      'INVALID_STATE_TRANSITION',
      `venue ${request.venueId} may not book passes of ${caller.mspId} by number`,
    );
  }
  return savePermission(ctx, caller.mspId, request, false);
}

async function savePermission(
  ctx: TxContext,
  municipalityMspId: string,
  request: BookByNumberRequest,
  granted: boolean,
): Promise<BookByNumberRecord> {
  const at = nowOf(ctx);
  const record: BookByNumberRecord = {
    venueId: request.venueId,
    municipalityMspId,
    granted,
    reason: request.reason,
    updatedAt: at,
  };
  await writeRecord(ctx, keys.bookByNumber(request.venueId, municipalityMspId), record);
  emit(ctx, granted ? 'BookByNumberGranted' : 'BookByNumberRevoked', {
    venueId: request.venueId,
    municipalityMspId,
    reason: request.reason,
    at,
  });
  return record;
}
