import { createPublicKey } from 'node:crypto';
import { requireMunicipality } from '../access/caller';
import { fail } from '../errors';
import { nowOf } from '../ledger/clock';
import type { TxContext } from '../ledger/context';
import { emit } from '../ledger/events';
import { KeyType, keys } from '../ledger/keys';
import { readRecord, scan, writeRecord } from '../ledger/store';
import { parseRequest, readId, readOptionalTimestamp, readTimestamp } from '../validation/fields';
import type { AddQrKeyRequest, QrKeyRecord, RetireQrKeyRequest } from '../vocabulary';

const MAX_PEM_LENGTH = 1000;

/**
 * @throws {ChaincodeError} INVALID_ARGUMENT for a malformed request, a key that is not an Ed25519
 * SPKI PEM, or validUntil not after validFrom.
 */
export function parseAddQrKey(json: string): AddQrKeyRequest {
  const fields = parseRequest(json, ['keyId', 'publicKeyPem', 'validFrom', 'validUntil']);
  const request: AddQrKeyRequest = {
    keyId: readId(fields, 'keyId'),
    publicKeyPem: normalisePem(fields.publicKeyPem),
    validFrom: readTimestamp(fields, 'validFrom'),
    validUntil: readOptionalTimestamp(fields, 'validUntil'),
  };
  if (request.validUntil !== undefined && request.validUntil <= request.validFrom) {
    fail('INVALID_ARGUMENT', 'validUntil must be after validFrom');
  }
  return request;
}

function normalisePem(value: unknown): string {
  if (typeof value !== 'string' || value.length > MAX_PEM_LENGTH) {
    return fail('INVALID_ARGUMENT', 'publicKeyPem must be an Ed25519 public key in SPKI PEM');
  }
  try {
    const key = createPublicKey({ key: value, format: 'pem' });
    if (key.asymmetricKeyType === 'ed25519') {
      return key.export({ type: 'spki', format: 'pem' }).toString();
    }
  } catch {
    // Falls through to the refusal below: the text is not a PEM public key.
  }
  return fail('INVALID_ARGUMENT', 'publicKeyPem must be an Ed25519 public key in SPKI PEM');
}

/**
 * Publishes a QR verification key. Old keys stay, so cards signed earlier still verify.
 *
 * @throws {ChaincodeError} FORBIDDEN unless a municipality admin; ALREADY_EXISTS for a known keyId.
 */
export async function addQrKey(ctx: TxContext, request: AddQrKeyRequest): Promise<QrKeyRecord> {
  requireMunicipality(ctx, ['admin']);
  if ((await readRecord(ctx, keys.qrKey(request.keyId))) !== undefined) {
    fail('ALREADY_EXISTS', `QR key ${request.keyId} exists`);
  }
  const at = nowOf(ctx);
  const record: QrKeyRecord = { ...request, addedAt: at };
  await writeRecord(ctx, keys.qrKey(request.keyId), record);
  emit(ctx, 'QrKeyAdded', {
    keyId: record.keyId,
    validFrom: record.validFrom,
    validUntil: record.validUntil,
    at,
  });
  return record;
}

/** @throws {ChaincodeError} INVALID_ARGUMENT for a malformed request. */
export function parseRetireQrKey(json: string): RetireQrKeyRequest {
  const fields = parseRequest(json, ['keyId', 'validUntil']);
  return { keyId: readId(fields, 'keyId'), validUntil: readTimestamp(fields, 'validUntil') };
}

/**
 * Ends a key's validity; the key stays listed so older signatures can be judged by their time.
 *
 * @throws {ChaincodeError} FORBIDDEN unless a municipality admin; NOT_FOUND for an unknown key;
 * INVALID_ARGUMENT when validUntil is not after the key's validFrom.
 */
export async function retireQrKey(ctx: TxContext, request: RetireQrKeyRequest): Promise<QrKeyRecord> {
  requireMunicipality(ctx, ['admin']);
  const existing = await readRecord<QrKeyRecord>(ctx, keys.qrKey(request.keyId));
  if (existing === undefined) {
    return fail('NOT_FOUND', `QR key ${request.keyId} does not exist`);
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
