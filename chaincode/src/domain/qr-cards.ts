import { fail } from '../errors';
import { nowOf } from '../ledger/clock';
import type { TxContext } from '../ledger/context';
import { keys } from '../ledger/keys';
import { readRecord } from '../ledger/store';
import { decodeQr, ID_PATTERN, InvalidQrError, verifyQr, type QrKeyRecord } from '../vocabulary';

/**
 * The pass of a card's QR payload, verified here against the municipality's key on the ledger at the
 * transaction time, so no identity can present a card the municipality did not sign.
 *
 * @throws {ChaincodeError} INVALID_QR for a malformed or non-canonical payload, an unknown key, a key not
 * valid at the transaction time, or a signature that does not match.
 */
export async function passIdOfCard(ctx: TxContext, payload: string): Promise<string> {
  try {
    const decoded = decodeQr(payload);
    const { keyId } = decoded.claims;
    // A key id that is no identifier names no published key, and never reaches a ledger key.
    const key = ID_PATTERN.test(keyId) ? await readRecord<QrKeyRecord>(ctx, keys.qrKey(keyId)) : undefined;
    return verifyQr(decoded, key, nowOf(ctx));
  } catch (err) {
    if (err instanceof InvalidQrError) {
      return fail('INVALID_QR', err.detail);
    }
    throw err;
  }
}
