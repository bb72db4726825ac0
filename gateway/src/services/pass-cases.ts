import type {
  FundedPassView,
  GrantVoucherRequest,
  HistoryEntry,
  PassRecord,
  PassView,
  VoucherView,
} from '@stadspas/chaincode/vocabulary';
import type { ClientIdentity } from '../auth/client-identity';
import type { ServiceDeps } from './service-deps';
import type { TypedSubmitted } from '../ledger/typed-ledger';

/**
 * A pass with its vouchers and balances; a funder gets its own view.
 * @throws {AppError} FORBIDDEN, NOT_FOUND or a ledger code.
 */
export const getPass = (
  deps: ServiceDeps,
  client: ClientIdentity,
  passId: string,
): Promise<PassView | FundedPassView> => deps.ledger.evaluate(client, 'passes:GetPass', { passId });

/**
 * A pass's vouchers with balances: all for the municipality, those of its offers for a funder.
 * @throws {AppError} FORBIDDEN, NOT_FOUND or a ledger code.
 */
export const listVouchers = (
  deps: ServiceDeps,
  client: ClientIdentity,
  passId: string,
): Promise<VoucherView[]> => deps.ledger.evaluate(client, 'vouchers:ListVouchers', { passId });

/** Every committed version of a pass. @throws {AppError} NOT_FOUND or a ledger code. */
export const passHistory = (
  deps: ServiceDeps,
  client: ClientIdentity,
  passId: string,
): Promise<HistoryEntry<PassRecord>[]> => deps.ledger.evaluate(client, 'passes:GetPassHistory', { passId });

/** Blocks a pass. @throws {AppError} FORBIDDEN, NOT_FOUND, INVALID_STATE_TRANSITION or a ledger code. */
export const blockPass = (
  deps: ServiceDeps,
  client: ClientIdentity,
  passId: string,
  reason: string,
): Promise<TypedSubmitted<'passes:BlockPass'>> =>
  deps.ledger.submit(client, 'passes:BlockPass', { passId, reason });

/** Unblocks a pass. @throws {AppError} FORBIDDEN, NOT_FOUND, INVALID_STATE_TRANSITION or a ledger code. */
export const unblockPass = (
  deps: ServiceDeps,
  client: ClientIdentity,
  passId: string,
): Promise<TypedSubmitted<'passes:UnblockPass'>> =>
  deps.ledger.submit(client, 'passes:UnblockPass', { passId });

/** Replaces a lost card; vouchers move along. @throws {AppError} FORBIDDEN, NOT_FOUND, ALREADY_EXISTS, … */
export const replacePass = (
  deps: ServiceDeps,
  client: ClientIdentity,
  passId: string,
  newPassId: string,
): Promise<TypedSubmitted<'passes:ReplacePass'>> =>
  deps.ledger.submit(client, 'passes:ReplacePass', { passId, newPassId });

/** Extends a pass's validity. @throws {AppError} FORBIDDEN, NOT_FOUND, INVALID_ARGUMENT or a ledger code. */
export const renewPass = (
  deps: ServiceDeps,
  client: ClientIdentity,
  passId: string,
  validUntil: string,
): Promise<TypedSubmitted<'passes:RenewPass'>> =>
  deps.ledger.submit(client, 'passes:RenewPass', { passId, validUntil });

/** Grants a voucher to one pass. @throws {AppError} FORBIDDEN, NOT_FOUND, OFFER_NOT_VALID, … */
export const grantVoucher = (
  deps: ServiceDeps,
  client: ClientIdentity,
  request: GrantVoucherRequest,
): Promise<TypedSubmitted<'vouchers:GrantVoucher'>> =>
  deps.ledger.submit(client, 'vouchers:GrantVoucher', request);

/** Erases the holder's personal data (right to erasure). @throws {AppError} FORBIDDEN, NOT_FOUND, … */
export const purgeHolder = (
  deps: ServiceDeps,
  client: ClientIdentity,
  passId: string,
): Promise<TypedSubmitted<'passes:PurgeHolder'>> =>
  deps.ledger.submit(client, 'passes:PurgeHolder', { passId });
