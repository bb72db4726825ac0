import type { Page, RedemptionRecord } from '@stadspas/chaincode/vocabulary';
import type { ClientIdentity } from '../auth/client-identity';
import { AppError } from '../errors/app-error';
import type { BookingsFilter } from '../read-model/listings';
import type { ReadModelListings, ServiceDeps } from './service-deps';
import type { TypedSubmitted } from '../ledger/typed-ledger';

/**
 * The read model's listings.
 * @throws {AppError} UNAVAILABLE on a gateway that keeps no read model.
 */
export function readModelListingsOf(deps: ServiceDeps): ReadModelListings {
  if (deps.listings === undefined) {
    throw new AppError('UNAVAILABLE', 'this gateway keeps no read model to list from');
  }
  return deps.listings;
}

/** Reverses a venue's own redemption. @throws {AppError} FORBIDDEN, NOT_FOUND, REVERSAL_WINDOW_CLOSED, … */
export const reverseRedemption = (
  deps: ServiceDeps,
  client: ClientIdentity,
  idempotencyKey: string,
  redemptionId: string,
): Promise<TypedSubmitted<'redemptions:Reverse'>> =>
  deps.ledger.submit(client, 'redemptions:Reverse', { requestId: idempotencyKey, redemptionId });

/** One redemption. @throws {AppError} NOT_FOUND, FORBIDDEN or a ledger code. */
export const getRedemption = (
  deps: ServiceDeps,
  client: ClientIdentity,
  redemptionId: string,
): Promise<RedemptionRecord> => deps.ledger.evaluate(client, 'redemptions:GetRedemption', { redemptionId });

/** Filters of a redemption listing. */
export type RedemptionFilter = BookingsFilter;

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Redemptions of a pass, of an offer, or of a venue in a period; a venue's own by default. A funder gets only
 * those of the offers it funds. A pass's in booking order come from the ledger (its own listing); everything else
 * from the read model: bookings no longer keep index keys per venue and per offer on the ledger.
 * @throws {AppError} INVALID_ARGUMENT when neither a pass, an offer nor a venue is known; FORBIDDEN and other
 * ledger codes otherwise; UNAVAILABLE without a read model.
 */
export async function listRedemptions(
  deps: ServiceDeps,
  client: ClientIdentity,
  filter: RedemptionFilter,
): Promise<Page<RedemptionRecord>> {
  if ([filter.passId, filter.offerId, filter.venueId ?? client.venueId].every((v) => v === undefined)) {
    throw new AppError('INVALID_ARGUMENT', 'query: give passId, offerId or venueId');
  }
  if (filter.passId !== undefined && filter.order !== 'newest') {
    return deps.ledger.evaluate(
      client,
      'redemptions:ListRedemptionsByPass',
      defined({ passId: filter.passId, pageSize: filter.pageSize, bookmark: filter.bookmark }),
    );
  }
  return readModelListingsOf(deps).bookings(client, filter);
}
