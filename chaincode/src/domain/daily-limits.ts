import { fail } from '../errors';
import type { TxContext } from '../ledger/context';
import { keys, type KeyParts } from '../ledger/keys';
import { readRecord, writeRecord } from '../ledger/store';
import type { CardUseRecord, ConfigRecord } from '../vocabulary';

/** Settled offline bookings may be this old unless the scheme says otherwise. */
export const DEFAULT_OFFLINE_WINDOW_SECONDS = 3 * 24 * 3600;

/** The day (UTC) of a moment, as the daily limits count it. */
function dayOf(at: string): string {
  return at.slice(0, 10);
}

/** Adds one to a count kept under its own key, refusing once it reached the limit. */
async function countUp(
  ctx: TxContext,
  parts: KeyParts,
  limit: number,
  refusal: (uses: number) => string,
): Promise<void> {
  const uses = (await readRecord<{ count: number }>(ctx, parts))?.count ?? 0;
  if (uses >= limit) {
    fail('DAILY_LIMIT_REACHED', refusal(uses));
  }
  const [passId = '', day = ''] = parts.attributes;
  await writeRecord(ctx, parts, { passId, day, count: uses + 1 } satisfies CardUseRecord);
}

/**
 * Counts a booking by printed card against the scheme's limit per pass per day (UTC); without a limit nothing is
 * kept. The count's key is this pass's alone, so it adds no conflict between passes.
 *
 * @throws {ChaincodeError} DAILY_LIMIT_REACHED when the pass's card booked that often that day.
 */
export async function countCardUse(
  ctx: TxContext,
  passId: string,
  at: string,
  limit: number | undefined,
): Promise<void> {
  if (limit === undefined) {
    return;
  }
  const day = dayOf(at);
  await countUp(
    ctx,
    keys.cardUse(passId, day),
    limit,
    (uses) =>
      `the printed card of pass ${passId} booked ${String(uses)} times on ${day}, the most the scheme allows; the app's code still books`,
  );
}

/**
 * Checks that an offline booking made at `offlineAt` may be settled at `at`: the scheme takes offline bookings,
 * and the booking is neither from the future nor older than the scheme's window. Judged before anything else of
 * the booking, since the rest is judged at `offlineAt`.
 *
 * @throws {ChaincodeError} FORBIDDEN when the scheme takes no offline bookings; INVALID_ARGUMENT for a time after
 * the settlement; OFFLINE_WINDOW_CLOSED for one older than the scheme's window.
 */
export function requireOfflineWindow(config: ConfigRecord, offlineAt: string, at: string): void {
  if (config.offlineBookingsPerDay === undefined) {
    fail('FORBIDDEN', 'the scheme takes no offline bookings: its majority sets offlineBookingsPerDay');
  }
  if (offlineAt > at) {
    fail('INVALID_ARGUMENT', `offlineAt ${offlineAt} is after the settlement at ${at}`);
  }
  const window = config.offlineWindowSeconds ?? DEFAULT_OFFLINE_WINDOW_SECONDS;
  if (Date.parse(at) - Date.parse(offlineAt) > window * 1000) {
    fail(
      'OFFLINE_WINDOW_CLOSED',
      `an offline booking is settled within ${String(window)} seconds; this one was made at ${offlineAt}`,
    );
  }
}

/**
 * Counts an offline booking against the scheme's offline allowance of the venue on the pass that day (UTC). The
 * count's key is the pass's and venue's own.
 *
 * @throws {ChaincodeError} DAILY_LIMIT_REACHED beyond the allowance.
 */
export async function countOfflineBooking(
  ctx: TxContext,
  config: ConfigRecord,
  booking: { passId: string; venueId: string; offlineAt: string },
): Promise<void> {
  const { passId, venueId, offlineAt } = booking;
  const day = dayOf(offlineAt);
  await countUp(
    ctx,
    keys.offlineUse(passId, day, venueId),
    config.offlineBookingsPerDay ?? 0,
    (uses) =>
      `venue ${venueId} booked pass ${passId} offline ${String(uses)} times on ${day}, the most the scheme allows`,
  );
}
