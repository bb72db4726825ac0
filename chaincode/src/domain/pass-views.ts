import { requirePassReader } from '../access/caller';
import { nowOf } from '../ledger/clock';
import type { TxContext } from '../ledger/context';
import { keys } from '../ledger/keys';
import { keyHistory } from '../ledger/store';
import type { HistoryEntry, PassIdRequest, PassRecord, PassView } from '../vocabulary';
import { effectiveStatus, getPassRecord } from './passes';
import { voucherViewsOf } from './vouchers';

/**
 * A pass with its effective status and its vouchers' remaining balances.
 *
 * @throws {ChaincodeError} FORBIDDEN unless municipality (a venue scans the card instead);
 * NOT_FOUND for an unknown pass.
 */
export async function getPass(ctx: TxContext, request: PassIdRequest): Promise<PassView> {
  requirePassReader(ctx);
  const pass = await getPassRecord(ctx, request.passId);
  return { ...pass, status: effectiveStatus(pass, nowOf(ctx)), vouchers: await voucherViewsOf(ctx, pass) };
}

/**
 * Every committed version of a pass record, newest first, from the ledger's key history.
 *
 * @throws {ChaincodeError} FORBIDDEN unless municipality (a venue scans the card instead);
 * NOT_FOUND for an unknown pass.
 */
export async function getPassHistory(
  ctx: TxContext,
  request: PassIdRequest,
): Promise<HistoryEntry<PassRecord>[]> {
  requirePassReader(ctx);
  await getPassRecord(ctx, request.passId);
  return keyHistory<PassRecord>(ctx, keys.pass(request.passId));
}
