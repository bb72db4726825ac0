import { createHash } from 'node:crypto';
import { requireMunicipality } from '../access/caller';
import { fail } from '../errors';
import { nowOf } from '../ledger/clock';
import type { TxContext } from '../ledger/context';
import { emit } from '../ledger/events';
import { canonicalJson } from '../ledger/json';
import { keys } from '../ledger/keys';
import { purgePrivate, readPrivate, writePrivate } from '../ledger/store';
import { parseRequest, readId, readObject, readPattern, type Fields } from '../validation/fields';
import {
  DATE_PATTERN,
  HOLDER_TRANSIENT_KEY,
  isValidBsn,
  LIMITS,
  PERSONAL_DATA_COLLECTION,
  type HolderAck,
  type HolderRecord,
  type HolderTransient,
  type PassIdRequest,
  type PersonalData,
} from '../vocabulary';
import { getPassRecord } from './passes';

const SALT_PATTERN = /^[A-Za-z0-9+/=_-]{16,128}$/;
const BSN_PATTERN = /^\d{9}$/;

/**
 * The salted hash that represents personal data on the public ledger:
 * hex sha256 of salt + canonical JSON of the personal data.
 */
export function holderHashOf(salt: string, personalData: PersonalData): string {
  return createHash('sha256')
    .update(salt + canonicalJson(personalData), 'utf8')
    .digest('hex');
}

/**
 * Reads the personal data from the transient map (never from arguments, so it stays off the ledger).
 *
 * @throws {ChaincodeError} INVALID_ARGUMENT when the `holder` entry is missing or malformed.
 */
export function parseHolderTransient(ctx: TxContext): HolderTransient {
  const bytes = ctx.stub.getTransient().get(HOLDER_TRANSIENT_KEY);
  if (bytes === undefined) {
    return fail('INVALID_ARGUMENT', `transient data must carry "${HOLDER_TRANSIENT_KEY}"`);
  }
  const fields = parseRequest(Buffer.from(bytes).toString('utf8'), ['passId', 'salt', 'personalData']);
  const data = readObject(fields, 'personalData', ['name', 'bsn', 'dateOfBirth', 'address']);
  const bsn = readPattern(data, 'bsn', BSN_PATTERN, 'nine digits');
  if (!isValidBsn(bsn)) {
    fail('INVALID_ARGUMENT', 'bsn fails the eleven test');
  }
  return {
    passId: readId(fields, 'passId'),
    salt: readPattern(fields, 'salt', SALT_PATTERN, '16 to 128 base64 or hex characters'),
    personalData: {
      name: readExactText(data, 'name'),
      bsn,
      dateOfBirth: readPattern(data, 'dateOfBirth', DATE_PATTERN, 'a date YYYY-MM-DD'),
      address: readExactText(data, 'address'),
    },
  };
}

// Hashed verbatim, so surrounding whitespace is refused rather than trimmed away.
function readExactText(fields: Fields, name: string): string {
  const value = fields[name];
  if (
    typeof value !== 'string' ||
    value.length === 0 ||
    value.length > LIMITS.maxNameLength ||
    value !== value.trim()
  ) {
    return fail('INVALID_ARGUMENT', `${name} must be a non-empty text without surrounding spaces`);
  }
  return value;
}

/**
 * Stores a holder's personal data in the municipality's private collection, keyed by the pass's
 * holder reference. Writes nothing public: transient data narrows endorsement to the collection's
 * members, whose own endorsement policy then governs this transaction.
 *
 * @throws {ChaincodeError} FORBIDDEN unless municipality; NOT_FOUND for an unknown pass;
 * INVALID_ARGUMENT when the data does not hash to the pass's holderHash.
 */
export async function recordHolder(ctx: TxContext, transient: HolderTransient): Promise<HolderAck> {
  requireMunicipality(ctx);
  const pass = await getPassRecord(ctx, transient.passId);
  if (holderHashOf(transient.salt, transient.personalData) !== pass.holderHash) {
    fail('INVALID_ARGUMENT', `personal data does not match the holderHash of pass ${pass.passId}`);
  }
  const at = nowOf(ctx);
  const record: HolderRecord = {
    holderRef: pass.holderRef,
    salt: transient.salt,
    personalData: transient.personalData,
    recordedAt: at,
  };
  await writePrivate(ctx, PERSONAL_DATA_COLLECTION, keys.holder(pass.holderRef), record);
  emit(ctx, 'HolderRecorded', { passId: pass.passId, holderRef: pass.holderRef, at });
  return { passId: pass.passId, holderRef: pass.holderRef };
}

/**
 * Reads a holder's personal data (municipality peers only hold it).
 *
 * @throws {ChaincodeError} FORBIDDEN unless municipality; NOT_FOUND for an unknown pass or no data.
 */
export async function getHolder(ctx: TxContext, request: PassIdRequest): Promise<HolderRecord> {
  requireMunicipality(ctx);
  const pass = await getPassRecord(ctx, request.passId);
  const record = await readPrivate<HolderRecord>(ctx, PERSONAL_DATA_COLLECTION, keys.holder(pass.holderRef));
  return record ?? fail('NOT_FOUND', `no personal data recorded for pass ${pass.passId}`);
}

/**
 * Erases a holder's personal data, including past versions, from every member peer.
 *
 * @throws {ChaincodeError} FORBIDDEN unless a municipality admin; NOT_FOUND for an unknown pass or no data.
 */
export async function purgeHolder(ctx: TxContext, request: PassIdRequest): Promise<HolderAck> {
  requireMunicipality(ctx, ['admin']);
  const pass = await getPassRecord(ctx, request.passId);
  const key = keys.holder(pass.holderRef);
  if ((await readPrivate(ctx, PERSONAL_DATA_COLLECTION, key)) === undefined) {
    fail('NOT_FOUND', `no personal data recorded for pass ${pass.passId}`);
  }
  await purgePrivate(ctx, PERSONAL_DATA_COLLECTION, key);
  emit(ctx, 'HolderPurged', { passId: pass.passId, holderRef: pass.holderRef, at: nowOf(ctx) });
  return { passId: pass.passId, holderRef: pass.holderRef };
}
