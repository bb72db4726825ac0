import { requireIssuer } from '../access/roles';
import { fail } from '../errors';
import { nowOf } from '../ledger/clock';
import type { TxContext } from '../ledger/context';
import { emit } from '../ledger/events';
import { KeyType, keys } from '../ledger/keys';
import { deleteRecord, readRecord, scan, writeRecord } from '../ledger/store';
import {
  LIMITS,
  type PassRecord,
  type ReplacePassRequest,
  type ReplacePassResponse,
  type VoucherRecord,
} from '../vocabulary';
import { getPassRecord } from './passes';
import { saveVoucher } from './vouchers';

/**
 * Replaces a lost card: the old pass is blocked for good (`replaced`), a new pass with the same
 * category, validity and holder takes over, and every voucher (individual grants and usage) moves
 * to it, so the rule balance is not granted twice.
 *
 * @throws {ChaincodeError} FORBIDDEN unless the pass's municipality; NOT_FOUND for an unknown pass;
 * INVALID_STATE_TRANSITION for a pass already replaced; ALREADY_EXISTS when newPassId is taken.
 */
export async function replacePass(ctx: TxContext, request: ReplacePassRequest): Promise<ReplacePassResponse> {
  const old = await getPassRecord(ctx, request.passId);
  await requireIssuer(ctx, old);
  if (old.status === 'replaced') {
    fail('INVALID_STATE_TRANSITION', `pass ${old.passId} was already replaced by ${old.replacedBy ?? '?'}`);
  }
  if ((await readRecord(ctx, keys.pass(request.newPassId))) !== undefined) {
    fail('ALREADY_EXISTS', `pass ${request.newPassId} exists`);
  }
  const at = nowOf(ctx);
  const oldPass: PassRecord = { ...old, status: 'replaced', replacedBy: request.newPassId, updatedAt: at };
  const newPass: PassRecord = {
    passId: request.newPassId,
    municipalityMspId: old.municipalityMspId,
    category: old.category,
    status: 'active',
    validFrom: old.validFrom,
    validUntil: old.validUntil,
    holderRef: old.holderRef,
    holderHash: old.holderHash,
    replaces: old.passId,
    issuedAt: at,
    updatedAt: at,
  };
  const vouchers = await scan<VoucherRecord>(ctx, KeyType.voucher, [old.passId]);
  for (const { value } of vouchers) {
    await saveVoucher(ctx, { ...value, passId: newPass.passId });
    await deleteRecord(ctx, keys.voucher(value.passId, value.offerId, value.periodKey));
  }
  await writeRecord(ctx, keys.pass(oldPass.passId), oldPass);
  await writeRecord(ctx, keys.pass(newPass.passId), newPass);
  emit(ctx, 'PassReplaced', {
    passId: old.passId,
    newPassId: newPass.passId,
    municipalityMspId: newPass.municipalityMspId,
    movedVouchers: vouchers.length,
    at,
  });
  return { oldPass, newPass, movedVouchers: vouchers.length };
}

/**
 * The pass that now holds a pass's vouchers: itself, or the end of its chain of replacements.
 *
 * @throws {ChaincodeError} NOT_FOUND for an unknown pass; CONFLICT for a chain longer than the limit.
 */
export async function currentPassOf(ctx: TxContext, passId: string): Promise<PassRecord> {
  return endOfChain(ctx, await getPassRecord(ctx, passId), (pass) => pass.replacedBy);
}

/**
 * The pass a pass's replacement chain started with (the pass itself when it replaced none): its
 * holder was recorded for that pass id.
 *
 * @throws {ChaincodeError} NOT_FOUND for a missing pass in the chain; CONFLICT for a chain longer
 * than the limit.
 */
export async function originalPassOf(ctx: TxContext, pass: PassRecord): Promise<PassRecord> {
  return endOfChain(ctx, pass, (link) => link.replaces);
}

async function endOfChain(
  ctx: TxContext,
  start: PassRecord,
  next: (pass: PassRecord) => string | undefined,
): Promise<PassRecord> {
  let pass = start;
  for (let hops = 0, nextId = next(pass); nextId !== undefined; hops++, nextId = next(pass)) {
    if (hops >= LIMITS.maxReplacementChain) {
      fail(
        'CONFLICT',
        `pass ${start.passId} has a replacement chain longer than ${LIMITS.maxReplacementChain}`,
      );
    }
    pass = await getPassRecord(ctx, nextId);
  }
  return pass;
}
