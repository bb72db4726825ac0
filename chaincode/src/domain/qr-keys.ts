import { requireMunicipality } from '../access/roles';
import { fail } from '../errors';
import { nowOf } from '../ledger/clock';
import type { TxContext } from '../ledger/context';
import { emit } from '../ledger/events';
import { KeyType, keys } from '../ledger/keys';
import { readRecord, scan, writeRecord } from '../ledger/store';
import type { AddQrKeyRequest, QrKeyRecord, RetireQrKeyRequest } from '../vocabulary';

/**
 * Publishes a QR verification key of the caller's municipality: it verifies the cards of that municipality's
 * passes only. Old keys stay, so cards signed earlier still verify.
 *
 * @throws {ChaincodeError} FORBIDDEN unless a municipality admin; ALREADY_EXISTS for a known keyId.
 */
export async function addQrKey(ctx: TxContext, request: AddQrKeyRequest): Promise<QrKeyRecord> {
  const { caller } = await requireMunicipality(ctx, ['admin']);
  if ((await readRecord(ctx, keys.qrKey(request.keyId))) !== undefined) {
    fail('ALREADY_EXISTS', `QR key ${request.keyId} exists`);
  }
  const at = nowOf(ctx);
  const record: QrKeyRecord = { ...request, mspId: caller.mspId, addedAt: at };
  await writeRecord(ctx, keys.qrKey(request.keyId), record);
  emit(ctx, 'QrKeyAdded', {
    keyId: record.keyId,
    mspId: record.mspId,
    validFrom: record.validFrom,
    validUntil: record.validUntil,
    at,
  });
  return record;
}

/**
 * Ends a key's validity; the key stays listed so older signatures can be judged by their time.
 *
 * @throws {ChaincodeError} FORBIDDEN unless an admin of the key's municipality; NOT_FOUND for an unknown key;
 * INVALID_ARGUMENT when validUntil is not after the key's validFrom.
 */
export async function retireQrKey(ctx: TxContext, request: RetireQrKeyRequest): Promise<QrKeyRecord> {
  const { caller } = await requireMunicipality(ctx, ['admin']);
  const existing = await readRecord<QrKeyRecord>(ctx, keys.qrKey(request.keyId));
  if (existing === undefined) {
    return fail('NOT_FOUND', `QR key ${request.keyId} does not exist`);
  }
  if (existing.mspId !== caller.mspId) {
    fail('FORBIDDEN', `QR key ${request.keyId} is ${existing.mspId}'s: only it may retire it`);
  }
  if (request.validUntil <= existing.validFrom) {
    fail('INVALID_ARGUMENT', 'validUntil must be after the key validFrom');
  }
  const record: QrKeyRecord = { ...existing, validUntil: request.validUntil };
  await writeRecord(ctx, keys.qrKey(request.keyId), record);
  emit(ctx, 'QrKeyRetired', { keyId: record.keyId, validUntil: request.validUntil, at: nowOf(ctx) });
  return record;
}

/** Every QR key, current and retired, ordered by keyId. Open to every organisation. */
export async function listQrKeys(ctx: TxContext): Promise<QrKeyRecord[]> {
  return (await scan<QrKeyRecord>(ctx, KeyType.qrKey, [])).map((entry) => entry.value);
}
