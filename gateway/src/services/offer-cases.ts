import type { CreateOfferRequest, OfferRecord } from '@stadspas/chaincode/vocabulary';
import type { ClientIdentity } from '../auth/client-identity';
import type { ServiceDeps } from './service-deps';
import type { TypedSubmitted } from '../ledger/typed-ledger';

// Offers are defined by their funder; the chaincode checks who may do what, so these use cases pass the
// validated request through and name the transaction.

/** Creates an offer. @throws {AppError} FORBIDDEN, ALREADY_EXISTS, INVALID_ARGUMENT or a ledger code. */
export const createOffer = (
  deps: ServiceDeps,
  client: ClientIdentity,
  request: CreateOfferRequest,
): Promise<TypedSubmitted<'offers:CreateOffer'>> => deps.ledger.submit(client, 'offers:CreateOffer', request);

/** Retires an offer. @throws {AppError} FORBIDDEN, NOT_FOUND, INVALID_STATE_TRANSITION or a ledger code. */
export const retireOffer = (
  deps: ServiceDeps,
  client: ClientIdentity,
  offerId: string,
): Promise<TypedSubmitted<'offers:RetireOffer'>> =>
  deps.ledger.submit(client, 'offers:RetireOffer', { offerId });

/** One offer. @throws {AppError} NOT_FOUND or a ledger code. */
export const getOffer = (deps: ServiceDeps, client: ClientIdentity, offerId: string): Promise<OfferRecord> =>
  deps.ledger.evaluate(client, 'offers:GetOffer', { offerId });

/** All offers. @throws {AppError} a ledger code. */
export const listOffers = (deps: ServiceDeps, client: ClientIdentity): Promise<OfferRecord[]> =>
  deps.ledger.evaluate(client, 'offers:ListOffers', undefined);

/** Every version of an offer. @throws {AppError} NOT_FOUND or a ledger code. */
export const offerHistory = (
  deps: ServiceDeps,
  client: ClientIdentity,
  offerId: string,
): Promise<OfferRecord[]> => deps.ledger.evaluate(client, 'offers:GetOfferHistory', { offerId });
