import { callerOf, isFunderOf, isMunicipality, isVenue, type Caller } from '../access/caller';
import { fail } from '../errors';
import type { TxContext } from '../ledger/context';
import type { VoucherView } from '../vocabulary';
import { listOffers } from './offers';

/** A funder reading what it funds: its organisation and the offers whose `funderMspId` it is. */
export interface FunderReader {
  readonly kind: 'funder';
  readonly mspId: string;
  readonly offerIds: ReadonlySet<string>;
}

/** Who reads a pass's data: the municipality all of it, a funder only what it funds. */
export type PassDataReader = { readonly kind: 'municipality' } | FunderReader;

/**
 * Requires a funder: an identity of its organisation's own roles (not a venue identity) whose organisation funds
 * at least one offer.
 *
 * @throws {ChaincodeError} FORBIDDEN otherwise, with `refusal` as the reason.
 */
export async function requireFunder(ctx: TxContext, caller: Caller, refusal: string): Promise<FunderReader> {
  if (!isFunderOf(caller, caller.mspId)) {
    return fail('FORBIDDEN', refusal);
  }
  const funded = (await listOffers(ctx)).filter((offer) => offer.funderMspId === caller.mspId);
  if (funded.length === 0) {
    return fail('FORBIDDEN', refusal);
  }
  return { kind: 'funder', mspId: caller.mspId, offerIds: new Set(funded.map((offer) => offer.offerId)) };
}

/**
 * Requires a reader of passes by their number: the municipality, or a funder (who then sees only what it funds).
 *
 * @throws {ChaincodeError} FORBIDDEN for a venue (it scans the card instead) and for anyone funding nothing.
 */
export async function requirePassDataReader(ctx: TxContext): Promise<PassDataReader> {
  const caller = callerOf(ctx);
  if (isMunicipality(caller)) {
    return { kind: 'municipality' };
  }
  if (isVenue(caller)) {
    return fail('FORBIDDEN', 'a venue sees a pass only by scanning its card');
  }
  return requireFunder(ctx, caller, 'only the municipality and the funders of offers read passes by number');
}

/**
 * The vouchers a funder funds among a pass's. A pass carrying none of them is not the funder's to see: its
 * number, category and validity stay hidden, so sequential pass numbers reveal nothing of other passes.
 *
 * @throws {ChaincodeError} FORBIDDEN when the pass carries no voucher of an offer the funder funds.
 */
export function fundedVouchers(reader: FunderReader, passId: string, vouchers: VoucherView[]): VoucherView[] {
  const funded = vouchers.filter((voucher) => reader.offerIds.has(voucher.offerId));
  if (funded.length === 0) {
    fail('FORBIDDEN', `pass ${passId} carries no voucher of an offer ${reader.mspId} funds`);
  }
  return funded;
}
