import { requireIssuer, requireMunicipality, type MunicipalityAccess } from '../access/roles';
import { fail } from '../errors';
import { nowOf } from '../ledger/clock';
import type { TxContext } from '../ledger/context';
import { emit } from '../ledger/events';
import { keys } from '../ledger/keys';
import { readRecord, writeRecord } from '../ledger/store';
import {
  type BlockPassRequest,
  type IssuePassesRequest,
  type IssuePassRequest,
  type PassIdRequest,
  type PassRecord,
  type PassStatus,
  type RenewPassRequest,
} from '../vocabulary';
import { recordedHolderHash } from './holder-hash';

/**
 * Reads a pass record.
 *
 * @throws {ChaincodeError} NOT_FOUND when unknown.
 */
export async function getPassRecord(ctx: TxContext, passId: string): Promise<PassRecord> {
  const pass = await readRecord<PassRecord>(ctx, keys.pass(passId));
  return pass ?? fail('NOT_FOUND', `pass ${passId} does not exist`);
}

/** The status a reader sees: `expired` once an active pass is past its validity. */
export function effectiveStatus(pass: PassRecord, at: string): PassStatus {
  return pass.status === 'active' && at >= pass.validUntil ? 'expired' : pass.status;
}

/**
 * Issues one pass of the caller's municipality, whose holder was recorded before (`passes:RecordHolder`) in that
 * municipality's own collection; the pass carries the hash Fabric keeps of that private record.
 *
 * @throws {ChaincodeError} FORBIDDEN unless municipality; ALREADY_EXISTS for a known passId;
 * NOT_FOUND when no holder is recorded for the pass.
 */
export async function issuePass(ctx: TxContext, request: IssuePassRequest): Promise<PassRecord> {
  const access = await requireMunicipality(ctx);
  const pass = await newPass(ctx, access, request);
  await writeRecord(ctx, keys.pass(pass.passId), pass);
  emitPassEvent(ctx, 'PassIssued', pass);
  return pass;
}

/**
 * Issues a batch of passes in one transaction; all or none. Each holder must be recorded before
 * (`passes:RecordHolders`).
 *
 * @throws {ChaincodeError} FORBIDDEN unless municipality; ALREADY_EXISTS when any passId is known;
 * NOT_FOUND when any pass has no recorded holder.
 */
export async function issuePasses(
  ctx: TxContext,
  request: IssuePassesRequest,
): Promise<{ issued: number; passIds: string[] }> {
  const access = await requireMunicipality(ctx);
  const passes: PassRecord[] = [];
  for (const item of request.passes) {
    passes.push(await newPass(ctx, access, item));
  }
  for (const pass of passes) {
    await writeRecord(ctx, keys.pass(pass.passId), pass);
  }
  const passIds = passes.map((pass) => pass.passId);
  emit(ctx, 'PassesIssued', { passIds, municipalityMspId: access.caller.mspId, at: nowOf(ctx) });
  return { issued: passIds.length, passIds };
}

async function newPass(
  ctx: TxContext,
  access: MunicipalityAccess,
  request: IssuePassRequest,
): Promise<PassRecord> {
  if ((await readRecord(ctx, keys.pass(request.passId))) !== undefined) {
    fail('ALREADY_EXISTS', `pass ${request.passId} exists`);
  }
  const holderHash = await recordedHolderHash(
    ctx,
    access.organisation.personalDataCollection,
    request.passId,
  );
  const at = nowOf(ctx);
  return {
    ...request,
    municipalityMspId: access.caller.mspId,
    holderHash,
    status: 'active',
    issuedAt: at,
    updatedAt: at,
  };
}

/**
 * Blocks an active pass (lost, stolen, misuse).
 *
 * @throws {ChaincodeError} FORBIDDEN unless the pass's municipality; NOT_FOUND; INVALID_STATE_TRANSITION unless active.
 */
export async function blockPass(ctx: TxContext, request: BlockPassRequest): Promise<PassRecord> {
  const pass = await getPassRecord(ctx, request.passId);
  await requireIssuer(ctx, pass);
  requireStatus(pass, 'active');
  return savePass(ctx, { ...pass, status: 'blocked', blockedReason: request.reason }, 'PassBlocked');
}

/**
 * Unblocks a blocked pass. A replaced pass stays blocked for good.
 *
 * @throws {ChaincodeError} FORBIDDEN unless the pass's municipality; NOT_FOUND; INVALID_STATE_TRANSITION unless blocked.
 */
export async function unblockPass(ctx: TxContext, request: PassIdRequest): Promise<PassRecord> {
  const pass = await getPassRecord(ctx, request.passId);
  await requireIssuer(ctx, pass);
  requireStatus(pass, 'blocked');
  return savePass(ctx, { ...pass, status: 'active', blockedReason: undefined }, 'PassUnblocked');
}

/**
 * Extends a pass's validity to a new end.
 *
 * @throws {ChaincodeError} FORBIDDEN unless the pass's municipality; NOT_FOUND; INVALID_STATE_TRANSITION for a
 * replaced pass; INVALID_ARGUMENT unless the new end is after the current one.
 */
export async function renewPass(ctx: TxContext, request: RenewPassRequest): Promise<PassRecord> {
  const pass = await getPassRecord(ctx, request.passId);
  await requireIssuer(ctx, pass);
  if (pass.status === 'replaced') {
    fail('INVALID_STATE_TRANSITION', `pass ${pass.passId} was replaced by ${pass.replacedBy ?? '?'}`);
  }
  if (request.validUntil <= pass.validUntil) {
    fail('INVALID_ARGUMENT', `validUntil must be after the current end ${pass.validUntil}`);
  }
  return savePass(ctx, { ...pass, validUntil: request.validUntil }, 'PassRenewed');
}

/** @throws {ChaincodeError} INVALID_STATE_TRANSITION when the pass is not in the status. */
export function requireStatus(pass: PassRecord, status: PassRecord['status']): void {
  if (pass.status !== status) {
    fail('INVALID_STATE_TRANSITION', `pass ${pass.passId} is ${pass.status}, not ${status}`);
  }
}

async function savePass(
  ctx: TxContext,
  pass: PassRecord,
  event: 'PassBlocked' | 'PassUnblocked' | 'PassRenewed',
): Promise<PassRecord> {
  const saved: PassRecord = { ...pass, updatedAt: nowOf(ctx) };
  await writeRecord(ctx, keys.pass(saved.passId), saved);
  emitPassEvent(ctx, event, saved);
  return saved;
}

function emitPassEvent(
  ctx: TxContext,
  event: 'PassIssued' | 'PassBlocked' | 'PassUnblocked' | 'PassRenewed',
  pass: PassRecord,
): void {
  emit(ctx, event, {
    passId: pass.passId,
    municipalityMspId: pass.municipalityMspId,
    category: pass.category,
    status: pass.status,
    validUntil: pass.validUntil,
    at: pass.updatedAt,
  });
}
