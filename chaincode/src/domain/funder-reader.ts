import { isVenue } from '../access/caller';
import { accessOf, isFunderOf, isMunicipality, type Access } from '../access/roles';
import { fail } from '../errors';
import type { TxContext } from '../ledger/context';
import type { PassRecord, VoucherView } from '../vocabulary';
import { listOffers } from './offers';

/** A funder reading what it funds: its organisation and the offers whose `funderMspId` it is. */
export interface FunderReader {
  readonly kind: 'funder';
  readonly mspId: string;
  readonly offerIds: ReadonlySet<string>;
}

/** Who reads a pass's data: the municipality that issued it all of it, a funder only what it funds. */
export type PassDataReader = { readonly kind: 'municipality' } | FunderReader;

/**
 * Requires a funder: an identity of its organisation's own roles (not a venue identity) whose organisation funds
 * at least one offer.
 *
 * @throws {ChaincodeError} FORBIDDEN otherwise, with `refusal` as the reason.
 */
export async function requireFunder(ctx: TxContext, access: Access, refusal: string): Promise<FunderReader> {
  const { caller } = access;
  if (!isFunderOf(access, caller.mspId)) {
    return fail('FORBIDDEN', refusal);
  }
  const funded = (await listOffers(ctx)).filter((offer) => offer.funderMspId === caller.mspId);
  if (funded.length === 0) {
    return fail('FORBIDDEN', refusal);
  }
  return { kind: 'funder', mspId: caller.mspId, offerIds: new Set(funded.map((offer) => offer.offerId)) };
}

/**
 * Requires a reader of a pass by its number: the municipality that issued it, or a funder (who then sees only
 * what it funds; another municipality reads as a funder).
 *
 * @throws {ChaincodeError} FORBIDDEN for a venue (it scans the card instead) and for anyone else funding nothing.
 */
export async function requirePassDataReader(ctx: TxContext, pass: PassRecord): Promise<PassDataReader> {
  const access = await accessOf(ctx);
  if (isMunicipality(access) && access.caller.mspId === pass.municipalityMspId) {
    return { kind: 'municipality' };
  }
  if (isVenue(access.caller)) {
    return fail('FORBIDDEN', 'a venue sees a pass only by scanning its card');
  }
  return requireFunder(
    ctx,
    access,
    'only the municipality that issued a pass and the funders of offers read passes by number',
  );
}

/**
 * The vouchers a funder funds among a pass's: those it (or the municipality) granted the pass, and those the pass
 * used. A voucher the offer's rule alone gives does not count: a funder that creates an offer granted by rule to
 * every pass would otherwise read every pass. A pass carrying none is not the funder's to see: its number,
 * category and validity stay hidden, so sequential pass numbers reveal nothing of other passes.
 *
 * @throws {ChaincodeError} FORBIDDEN when the pass carries no such voucher of an offer the funder funds.
 */
export function fundedVouchers(reader: FunderReader, passId: string, vouchers: VoucherView[]): VoucherView[] {
  const funded = vouchers.filter(
    (voucher) => reader.offerIds.has(voucher.offerId) && (voucher.granted > 0 || voucher.used > 0),
  );
  if (funded.length === 0) {
    fail('FORBIDDEN', `pass ${passId} carries no voucher of an offer ${reader.mspId} funds`);
  }
  return funded;
}
