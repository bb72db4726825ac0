import { requireMunicipality, type MunicipalityAccess } from '../access/roles';
import { fail } from '../errors';
import { nowOf } from '../ledger/clock';
import type { TxContext } from '../ledger/context';
import { emit } from '../ledger/events';
import { KeyType, keys } from '../ledger/keys';
import { deleteRecord, readRecord, scan, writeRecord } from '../ledger/store';
import type { ImportPassesRequest, ImportPassItem, PassRecord, VoucherRecord } from '../vocabulary';
import { loadConfig } from './config';
import { recordedHolderHash } from './holder-hash';
import { getOffer } from './offers';
import { requirePeriodKey } from './period';

/**
 * The pass an import replaces, if any: one of the caller's municipality that has never been booked.
 *
 * @throws {ChaincodeError} FORBIDDEN for another municipality's pass; INVALID_STATE_TRANSITION for a replaced pass;
 * ALREADY_BOOKED once it has a booking.
 */
async function replaceablePass(
  ctx: TxContext,
  access: MunicipalityAccess,
  passId: string,
): Promise<PassRecord | undefined> {
  const existing = await readRecord<PassRecord>(ctx, keys.pass(passId));
  if (existing === undefined) {
    return undefined;
  }
  if (existing.municipalityMspId !== access.caller.mspId) {
    fail('FORBIDDEN', `pass ${passId} belongs to ${existing.municipalityMspId}`);
  }
  if (existing.status === 'replaced') {
    fail(
      'INVALID_STATE_TRANSITION',
      `pass ${passId} was replaced by ${existing.replacedBy ?? 'another'}: import that one`,
    );
  }
  if ((await scan(ctx, KeyType.redemptionByPass, [passId])).length > 0) {
    fail(
      'ALREADY_BOOKED',
      `pass ${passId} has bookings here: its balances follow from them, not from an import`,
    );
  }
  return existing;
}

/** The hash of the pass's holder: kept for a pass already here, read from the collection for a new one. */
async function holderHashOf(
  ctx: TxContext,
  access: MunicipalityAccess,
  item: ImportPassItem,
  existing: PassRecord | undefined,
): Promise<string> {
  if (existing !== undefined) {
    return existing.holderHash;
  }
  return item.holderErased === true
    ? ''
    : recordedHolderHash(ctx, access.organisation.personalDataCollection, item.passId);
}

/** Writes a pass's opening balances, and drops the stored vouchers the import does not carry. */
async function writeOpeningBalances(
  ctx: TxContext,
  item: ImportPassItem,
  passYearStart: string,
): Promise<void> {
  const stale = await scan<VoucherRecord>(ctx, KeyType.voucher, [item.passId]);
  for (const { value } of stale) {
    await deleteRecord(ctx, keys.voucher(value.passId, value.offerId, value.periodKey));
  }
  for (const balance of item.openingBalances) {
    await getOffer(ctx, balance.offerId);
    const voucher: VoucherRecord = {
      passId: item.passId,
      ...balance,
      periodKey: requirePeriodKey(balance.periodKey, passYearStart),
    };
    await writeRecord(ctx, keys.voucher(item.passId, balance.offerId, balance.periodKey), voucher);
  }
}

/**
 * Carries passes over from another system: each pass of the caller's municipality with its opening balances
 * (what was granted and used this period), recorded with `importedAt` and announced as one migration event. A
 * new pass needs its holder recorded first (`passes:RecordHolders`) unless its holder was erased before the move;
 * a pass already here, never booked, takes the imported fields and balances in place of its own.
 *
 * @throws {ChaincodeError} FORBIDDEN unless a municipality admin, or for another municipality's pass;
 * INVALID_STATE_TRANSITION for a replaced pass; ALREADY_BOOKED for a pass with a booking; NOT_FOUND for a new pass without a recorded holder or an unknown
 * offer; INVALID_ARGUMENT for a period key of another pass year.
 */
export async function importPasses(
  ctx: TxContext,
  request: ImportPassesRequest,
): Promise<{ imported: number; passIds: string[]; openingBalances: number }> {
  const access = await requireMunicipality(ctx, ['admin']);
  const { passYearStart } = await loadConfig(ctx);
  const at = nowOf(ctx);
  let openingBalances = 0;
  for (const item of request.passes) {
    const existing = await replaceablePass(ctx, access, item.passId);
    const { passId, category, validFrom, validUntil, holderRef, status, blockedReason } = item;
    const pass: PassRecord = {
      passId,
      category,
      validFrom,
      validUntil,
      holderRef,
      status,
      ...(blockedReason === undefined ? {} : { blockedReason }),
      // A replacement card keeps the pass it replaced, and with it its holder.
      ...(existing?.replaces === undefined ? {} : { replaces: existing.replaces }),
      municipalityMspId: access.caller.mspId,
      holderHash: await holderHashOf(ctx, access, item, existing),
      issuedAt: item.issuedAt ?? existing?.issuedAt ?? at,
      updatedAt: at,
      importedAt: at,
    };
    await writeOpeningBalances(ctx, item, passYearStart);
    await writeRecord(ctx, keys.pass(pass.passId), pass);
    openingBalances += item.openingBalances.length;
  }
  const passIds = request.passes.map((item) => item.passId);
  emit(ctx, 'PassesImported', { passIds, municipalityMspId: access.caller.mspId, openingBalances, at });
  return { imported: passIds.length, passIds, openingBalances };
}
