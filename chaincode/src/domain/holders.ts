import { requireIssuer, requireMunicipality } from '../access/roles';
import { fail } from '../errors';
import { nowOf } from '../ledger/clock';
import type { TxContext } from '../ledger/context';
import { emit } from '../ledger/events';
import { keys, type KeyParts } from '../ledger/keys';
import { purgePrivate, readPrivate, readRecord, writePrivate } from '../ledger/store';
import { parseValue } from '../validation/parse-request';
import {
  HOLDER_TRANSIENT_KEY,
  holderTransient,
  HOLDERS_TRANSIENT_KEY,
  holdersTransient,
  type HolderAck,
  type HolderRecord,
  type HolderTransient,
  type PassIdRequest,
  type PassRecord,
  type RecordHolderResponse,
  type RecordHoldersResponse,
} from '../vocabulary';
import { cardNumberIndexSecret, dropCardNumber, indexCardNumber } from './card-numbers';
import { originalPassOf } from './pass-replacement';
import { getPassRecord } from './passes';

/**
 * Reads one holder from the transient map (never from arguments, so it stays off the ledger).
 *
 * @throws {ChaincodeError} INVALID_ARGUMENT when the `holder` entry is missing or malformed.
 */
export function parseHolderTransient(ctx: TxContext): HolderTransient {
  return parseValue(holderTransient, transientJson(ctx, HOLDER_TRANSIENT_KEY), HOLDER_TRANSIENT_KEY);
}

/**
 * Reads a list of holders from the transient map, at most one batch of passes.
 *
 * @throws {ChaincodeError} INVALID_ARGUMENT when the `holders` entry is missing, malformed, too long
 * or names a pass twice.
 */
export function parseHoldersTransient(ctx: TxContext): HolderTransient[] {
  return parseValue(holdersTransient, transientJson(ctx, HOLDERS_TRANSIENT_KEY), HOLDERS_TRANSIENT_KEY);
}

/**
 * Personal data is read only on a peer of the municipality that sends it: another organisation's peer would keep
 * what the chaincode writes from it in its transient store, so the chaincode there refuses before reading it.
 */
function transientJson(ctx: TxContext, key: string): unknown {
  const peerMspId = ctx.stub.getMspID();
  const callerMspId = ctx.clientIdentity.getMSPID();
  if (peerMspId !== callerMspId) {
    fail(
      'FORBIDDEN',
      `personal data of ${callerMspId} is endorsed by its own peers only, not by a peer of ${peerMspId}`,
    );
  }
  const bytes = ctx.stub.getTransient().get(key);
  if (bytes === undefined) {
    return fail('INVALID_ARGUMENT', `transient data must carry "${key}"`);
  }
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return fail('INVALID_ARGUMENT', `transient "${key}" must be JSON`);
  }
}

/**
 * Stores the holder of a pass that is not issued yet in the calling municipality's own private collection,
 * keyed by the pass id; recording again before issuance overwrites, so a retry is safe. Writes
 * nothing public: transient data narrows endorsement to the collection's members, whose own
 * endorsement policy then governs this transaction. `passes:IssuePass` then refuses a pass without
 * a recorded holder, so no pass ever exists without one. The card number goes into the collection's card number
 * index (see card-numbers.ts).
 *
 * @throws {ChaincodeError} FORBIDDEN unless municipality; ALREADY_EXISTS once the pass is issued
 * (its holder is fixed by the pass's holderHash, and a purged holder stays purged) or when the card number
 * belongs to another pass; INVALID_ARGUMENT for the municipality's first holder without the index secret.
 */
export async function recordHolder(ctx: TxContext, holder: HolderTransient): Promise<RecordHolderResponse> {
  const { organisation } = await requireMunicipality(ctx);
  const at = nowOf(ctx);
  const collection = organisation.personalDataCollection;
  await writeHolder(ctx, collection, await cardNumberIndexSecret(ctx, collection), holder, at);
  emit(ctx, 'HolderRecorded', { passId: holder.passId, municipalityMspId: organisation.mspId, at });
  return { passId: holder.passId };
}

/**
 * Stores the holders of a batch of passes not issued yet, all or none (see {@link recordHolder}).
 *
 * @throws {ChaincodeError} FORBIDDEN unless municipality; ALREADY_EXISTS when any pass is issued.
 */
export async function recordHolders(
  ctx: TxContext,
  holders: HolderTransient[],
): Promise<RecordHoldersResponse> {
  const { organisation } = await requireMunicipality(ctx);
  const at = nowOf(ctx);
  const collection = organisation.personalDataCollection;
  const secret = await cardNumberIndexSecret(ctx, collection);
  for (const holder of holders) {
    await writeHolder(ctx, collection, secret, holder, at);
  }
  const passIds = holders.map((holder) => holder.passId);
  emit(ctx, 'HoldersRecorded', { passIds, municipalityMspId: organisation.mspId, at });
  return { recorded: passIds.length, passIds };
}

async function writeHolder(
  ctx: TxContext,
  collection: string,
  secret: string,
  holder: HolderTransient,
  at: string,
): Promise<void> {
  if ((await readRecord(ctx, keys.pass(holder.passId))) !== undefined) {
    fail('ALREADY_EXISTS', `pass ${holder.passId} is issued: its holder can no longer be recorded`);
  }
  const previous = await readPrivate<HolderRecord>(ctx, collection, keys.holder(holder.passId));
  await indexCardNumber(ctx, collection, secret, {
    passId: holder.passId,
    cardNumber: holder.cardNumber,
    previousCardNumber: previous?.cardNumber,
  });
  const record: HolderRecord = { ...holder, recordedAt: at };
  await writePrivate(ctx, collection, keys.holder(holder.passId), record);
}

/**
 * Reads a holder's personal data (only the issuing municipality's peers hold it); a replacement pass reads the
 * record of the pass its chain started with.
 *
 * @throws {ChaincodeError} FORBIDDEN unless the pass's municipality; NOT_FOUND for an unknown pass or no data;
 * CONFLICT for a replacement chain longer than the limit.
 */
export async function getHolder(ctx: TxContext, request: PassIdRequest): Promise<HolderRecord> {
  const pass = await getPassRecord(ctx, request.passId);
  const { organisation } = await requireIssuer(ctx, pass);
  const original = await originalPassOf(ctx, pass);
  const record = await readPrivate<HolderRecord>(
    ctx,
    organisation.personalDataCollection,
    keys.holder(original.passId),
  );
  return record ?? fail('NOT_FOUND', `no personal data recorded for pass ${pass.passId}`);
}

/**
 * Erases a holder's personal data, including past versions, from every member peer. The holder of
 * an issued pass is erased by an admin of its municipality; a holder recorded for a pass that was never
 * issued (its issue failed or was abandoned) by anyone who may record holders, so no personal data
 * is left behind without a pass to reach it by.
 *
 * @throws {ChaincodeError} FORBIDDEN for any other caller; NOT_FOUND when no data is recorded;
 * CONFLICT for a replacement chain longer than the limit.
 */
export async function purgeHolder(ctx: TxContext, request: PassIdRequest): Promise<HolderAck> {
  const pass = await readRecord<PassRecord>(ctx, keys.pass(request.passId));
  return pass === undefined ? purgeUnissuedHolder(ctx, request.passId) : purgeIssuedHolder(ctx, pass);
}

async function purgeIssuedHolder(ctx: TxContext, pass: PassRecord): Promise<HolderAck> {
  const { organisation } = await requireIssuer(ctx, pass, ['admin']);
  const key = keys.holder((await originalPassOf(ctx, pass)).passId);
  await purgeRecordedHolder(ctx, organisation.personalDataCollection, key, pass.passId);
  emit(ctx, 'HolderPurged', {
    passId: pass.passId,
    municipalityMspId: organisation.mspId,
    holderRef: pass.holderRef,
    at: nowOf(ctx),
  });
  return { passId: pass.passId, holderRef: pass.holderRef };
}

async function purgeUnissuedHolder(ctx: TxContext, passId: string): Promise<HolderAck> {
  const { organisation } = await requireMunicipality(ctx);
  await purgeRecordedHolder(ctx, organisation.personalDataCollection, keys.holder(passId), passId);
  emit(ctx, 'HolderPurged', { passId, municipalityMspId: organisation.mspId, at: nowOf(ctx) });
  return { passId };
}

async function purgeRecordedHolder(
  ctx: TxContext,
  collection: string,
  key: KeyParts,
  passId: string,
): Promise<void> {
  const record = await readPrivate<HolderRecord>(ctx, collection, key);
  if (record === undefined) {
    return fail('NOT_FOUND', `no personal data recorded for pass ${passId}`);
  }
  await purgePrivate(ctx, collection, key);
  if (record.cardNumber !== undefined) {
    await dropCardNumber(ctx, collection, record.cardNumber);
  }
}
