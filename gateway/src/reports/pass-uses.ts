import type { Database } from 'better-sqlite3';
import { decodeCursor, encodeCursor } from '../read-model/listings';

/** One use of a pass, as its holder sees it. */
export interface PassUse {
  readonly redemptionId: string;
  readonly at: string;
  readonly type: string;
  readonly venueId: string;
  readonly offerId: string;
  readonly units: number;
}

/** One page of a pass's uses, newest first, and where the next (older) page starts, if there is one. */
export interface PassUsesPage {
  readonly items: readonly PassUse[];
  readonly older?: string;
}

/**
 * A pass's uses from the read model, newest first, one page at a time: its cost is the page's, however long the
 * pass's history (an index on the pass and the time). `older` is the cursor of the next page.
 */
export function passUses(
  db: Database,
  passId: string,
  options: { readonly before?: string; readonly limit: number },
): PassUsesPage {
  const cursor = decodeCursor(options.before);
  const rows = db
    .prepare(
      `SELECT redemption_id AS redemptionId, at, type, venue_id AS venueId, offer_id AS offerId, units
       FROM redemptions
       WHERE pass_id = @passId
         ${cursor === undefined ? '' : 'AND (at < @at OR (at = @at AND redemption_id < @id))'}
       ORDER BY at DESC, redemption_id DESC
       LIMIT @limit`,
    )
    .all({ passId, limit: options.limit + 1, ...(cursor === undefined ? {} : cursor) }) as PassUse[];
  const items = rows.slice(0, options.limit);
  const last = items.at(-1);
  return rows.length > options.limit && last !== undefined
    ? { items, older: encodeCursor({ at: last.at, id: last.redemptionId }) }
    : { items };
}
