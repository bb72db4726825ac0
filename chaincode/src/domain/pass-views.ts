import { callerOf, isVenue } from '../access/caller';
import { requireIssuer } from '../access/roles';
import { fail } from '../errors';
import { nowOf } from '../ledger/clock';
import type { TxContext } from '../ledger/context';
import { keys } from '../ledger/keys';
import { keyHistory } from '../ledger/store';
import type { FundedPassView, HistoryEntry, PassIdRequest, PassRecord, PassView } from '../vocabulary';
import { fundedVouchers, requirePassDataReader } from './funder-reader';
import { effectiveStatus, getPassRecord } from './passes';
import { voucherViewsOf } from './vouchers';

/**
 * A pass with its effective status and its vouchers' remaining balances. The municipality that issued it reads
 * the whole pass; a funder reads what a venue sees of a scanned card, with only the vouchers of the offers it funds.
 *
 * @throws {ChaincodeError} FORBIDDEN for a venue (it scans the card instead), for an organisation that funds no
 * offer, and for a funder when the pass carries no voucher of its offers; NOT_FOUND for an unknown pass.
 */
export async function getPass(ctx: TxContext, request: PassIdRequest): Promise<PassView | FundedPassView> {
  const pass = await getPassRecord(ctx, request.passId);
  const reader = await requirePassDataReader(ctx, pass);
  const status = effectiveStatus(pass, nowOf(ctx));
  const vouchers = await voucherViewsOf(ctx, pass);
  if (reader.kind === 'municipality') {
    return { ...pass, status, vouchers };
  }
  const { passId, category, validFrom, validUntil } = pass;
  return {
    passId,
    status,
    category,
    validFrom,
    validUntil,
    vouchers: fundedVouchers(reader, passId, vouchers),
  };
}

/**
 * Every committed version of a pass record, newest first, from the ledger's key history.
 *
 * The issuing municipality only: the versions carry the holder hash, which a funder does not see.
 *
 * @throws {ChaincodeError} FORBIDDEN unless the municipality that issued it (a venue scans the card instead);
 * NOT_FOUND for an unknown pass.
 */
export async function getPassHistory(
  ctx: TxContext,
  request: PassIdRequest,
): Promise<HistoryEntry<PassRecord>[]> {
  if (isVenue(callerOf(ctx))) {
    fail('FORBIDDEN', 'a venue sees a pass only by scanning its card');
  }
  await requireIssuer(ctx, await getPassRecord(ctx, request.passId));
  return keyHistory<PassRecord>(ctx, keys.pass(request.passId));
}
