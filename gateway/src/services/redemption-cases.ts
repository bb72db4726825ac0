import type { Page, RedemptionRecord } from '@stadspas/chaincode/vocabulary';
import type { ClientIdentity } from '../auth/client-identity';
import { AppError } from '../errors/app-error';
import type { NewestFirstListings, ServiceDeps } from './service-deps';
import type { TypedSubmitted } from '../ledger/typed-ledger';

/**
 * The read model's listings.
 * @throws {AppError} UNAVAILABLE on a gateway that keeps no read model.
 */
export function newestFirstOf(deps: ServiceDeps): NewestFirstListings {
  if (deps.newestFirst === undefined) {
    throw new AppError(
      'UNAVAILABLE',
      'this gateway keeps no read model: list in booking order (order=oldest)',
    );
  }
  return deps.newestFirst;
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
export interface RedemptionFilter {
  readonly passId?: string | undefined;
  readonly offerId?: string | undefined;
  readonly venueId?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly pageSize?: number | undefined;
  readonly bookmark?: string | undefined;
  /** `newest`: newest first, from the read model; else in booking order, from the ledger. */
  readonly order?: 'oldest' | 'newest' | undefined;
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Redemptions of a pass, of an offer, or of a venue in a period; a venue's own by default. A funder gets only
 * those of the offers it funds.
 * @throws {AppError} INVALID_ARGUMENT when neither a pass, an offer nor a venue is known; FORBIDDEN and other
 * ledger codes otherwise.
 */
export async function listRedemptions(
  deps: ServiceDeps,
  client: ClientIdentity,
  filter: RedemptionFilter,
): Promise<Page<RedemptionRecord>> {
  if (filter.order === 'newest') {
    return newestFirstOf(deps).bookings(client, filter);
  }
  const page = { pageSize: filter.pageSize, bookmark: filter.bookmark };
  if (filter.passId !== undefined) {
    return deps.ledger.evaluate(
      client,
      'redemptions:ListRedemptionsByPass',
      defined({ passId: filter.passId, ...page }),
    );
  }
  if (filter.offerId !== undefined) {
    return deps.ledger.evaluate(
      client,
      'redemptions:ListRedemptionsByOffer',
      defined({ offerId: filter.offerId, ...page }),
    );
  }
  const venueId = filter.venueId ?? client.venueId;
  if (venueId === undefined) {
    throw new AppError('INVALID_ARGUMENT', 'query: give passId or venueId');
  }
  return deps.ledger.evaluate(
    client,
    'redemptions:ListRedemptionsByVenue',
    defined({ venueId, from: filter.from, to: filter.to, ...page }),
  );
}
