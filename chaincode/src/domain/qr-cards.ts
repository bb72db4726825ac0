import { fail } from '../errors';
import { nowOf } from '../ledger/clock';
import type { TxContext } from '../ledger/context';
import { keys } from '../ledger/keys';
import { readRecord } from '../ledger/store';
import {
  decodeQr,
  ID_PATTERN,
  InvalidQrError,
  verifyQr,
  type PassRecord,
  type QrKeyRecord,
} from '../vocabulary';
import { getPassRecord } from './passes';

/**
 * The pass of a card's QR payload, verified here against a key on the ledger that the pass's own municipality
 * published, at the transaction time: no identity can present a card its municipality did not sign, and no
 * municipality can sign another's cards.
 *
 * @throws {ChaincodeError} INVALID_QR for a malformed or non-canonical payload, an unknown key, a key not
 * valid at the transaction time, a signature that does not match, or a key of another municipality than the
 * pass's; NOT_FOUND for an unknown pass.
 */
export async function passOfCard(ctx: TxContext, payload: string): Promise<PassRecord> {
  let key: QrKeyRecord | undefined;
  let passId: string;
  try {
    const decoded = decodeQr(payload);
    const { keyId } = decoded.claims;
    // A key id that is no identifier names no published key, and never reaches a ledger key.
    key = ID_PATTERN.test(keyId) ? await readRecord<QrKeyRecord>(ctx, keys.qrKey(keyId)) : undefined;
    passId = verifyQr(decoded, key, nowOf(ctx));
  } catch (err) {
    if (err instanceof InvalidQrError) {
      return fail('INVALID_QR', err.detail);
    }
    throw err;
  }
  const pass = await getPassRecord(ctx, passId);
  if (key?.mspId !== pass.municipalityMspId) {
    fail(
      'INVALID_QR',
      `QR payload is signed by a key of ${key?.mspId ?? '?'}, but pass ${pass.passId} was issued by ${pass.municipalityMspId}`,
    );
  }
  return pass;
}
