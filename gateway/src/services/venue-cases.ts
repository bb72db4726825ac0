import type {
  RegisterVenueRequest,
  SetBankAccountRequest,
  VenueRecord,
} from '@stadspas/chaincode/vocabulary';
import type { ClientIdentity } from '../auth/client-identity';
import type { TypedSubmitted } from '../ledger/typed-ledger';
import type { ServiceDeps } from './service-deps';

/** Registers a venue. @throws {AppError} FORBIDDEN, ALREADY_EXISTS, INVALID_ARGUMENT or a ledger code. */
export const registerVenue = (
  deps: ServiceDeps,
  client: ClientIdentity,
  request: RegisterVenueRequest,
): Promise<TypedSubmitted<'venues:RegisterVenue'>> =>
  deps.ledger.submit(client, 'venues:RegisterVenue', request);

/** Suspends a venue. @throws {AppError} FORBIDDEN, NOT_FOUND, INVALID_STATE_TRANSITION or a ledger code. */
export const suspendVenue = (
  deps: ServiceDeps,
  client: ClientIdentity,
  venueId: string,
  reason: string,
): Promise<TypedSubmitted<'venues:SuspendVenue'>> =>
  deps.ledger.submit(client, 'venues:SuspendVenue', { venueId, reason });

/** Reinstates a venue. @throws {AppError} FORBIDDEN, NOT_FOUND, INVALID_STATE_TRANSITION or a ledger code. */
export const reinstateVenue = (
  deps: ServiceDeps,
  client: ClientIdentity,
  venueId: string,
): Promise<TypedSubmitted<'venues:ReinstateVenue'>> =>
  deps.ledger.submit(client, 'venues:ReinstateVenue', { venueId });

/** Sets where a venue is paid. @throws {AppError} FORBIDDEN (its own organisation's admins only), NOT_FOUND, … */
export const setBankAccount = (
  deps: ServiceDeps,
  client: ClientIdentity,
  request: SetBankAccountRequest,
): Promise<TypedSubmitted<'venues:SetBankAccount'>> =>
  deps.ledger.submit(client, 'venues:SetBankAccount', request);

/**
 * Indexes the unclaimed bookings a venue made before the claim index existed.
 * @throws {AppError} FORBIDDEN (its own organisation's admins only), NOT_FOUND.
 */
export const indexClaimLines = (
  deps: ServiceDeps,
  client: ClientIdentity,
  venueId: string,
): Promise<TypedSubmitted<'claims:IndexClaimLines'>> =>
  deps.ledger.submit(client, 'claims:IndexClaimLines', { venueId });

/** One venue. @throws {AppError} NOT_FOUND or a ledger code. */
export const getVenue = (deps: ServiceDeps, client: ClientIdentity, venueId: string): Promise<VenueRecord> =>
  deps.ledger.evaluate(client, 'venues:GetVenue', { venueId });

/** All venues. @throws {AppError} a ledger code. */
export const listVenues = (deps: ServiceDeps, client: ClientIdentity): Promise<VenueRecord[]> =>
  deps.ledger.evaluate(client, 'venues:ListVenues', undefined);

/**
 * Lets a venue book by pass number instead of the card. @throws {AppError} FORBIDDEN (municipality admins
 * only), NOT_FOUND, INVALID_STATE_TRANSITION or a ledger code.
 */
export const grantBookByNumber = (
  deps: ServiceDeps,
  client: ClientIdentity,
  venueId: string,
  reason: string,
): Promise<TypedSubmitted<'venues:GrantBookByNumber'>> =>
  deps.ledger.submit(client, 'venues:GrantBookByNumber', { venueId, reason });

/** Ends a venue's booking by number. @throws {AppError} FORBIDDEN, INVALID_STATE_TRANSITION or a ledger code. */
export const revokeBookByNumber = (
  deps: ServiceDeps,
  client: ClientIdentity,
  venueId: string,
  reason: string,
): Promise<TypedSubmitted<'venues:RevokeBookByNumber'>> =>
  deps.ledger.submit(client, 'venues:RevokeBookByNumber', { venueId, reason });
