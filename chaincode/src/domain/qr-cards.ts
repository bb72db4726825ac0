import { fail } from '../errors';
import { nowOf } from '../ledger/clock';
import type { TxContext } from '../ledger/context';
import { keys } from '../ledger/keys';
import { readRecord } from '../ledger/store';
import { parseValue } from '../validation/parse-request';
import {
  CARD_TRANSIENT_KEY,
  isDeviceCode,
  type CardBlockRecord,
  decodeQr,
  ID_PATTERN,
  InvalidQrError,
  qrPayload,
  verifyQr,
  type PassRecord,
  type QrKeyRecord,
} from '../vocabulary';
import { deviceOfAppCode } from './device-proofs';
import { getPassRecord } from './passes';

/**
 * The card presented with this proposal: its QR payload from the transient map, which Fabric never writes to a
 * block. Undefined when the proposal presents none.
 *
 * @throws {ChaincodeError} INVALID_ARGUMENT for a payload longer than any card's.
 */
export function presentedCard(ctx: TxContext): string | undefined {
  const bytes = ctx.stub.getTransient().get(CARD_TRANSIENT_KEY);
  if (bytes === undefined) {
    return undefined;
  }
  return parseValue(qrPayload, Buffer.from(bytes).toString('utf8'), `transient "${CARD_TRANSIENT_KEY}"`);
}

/** A pass as its card or app presented it. */
export interface PresentedPass {
  readonly pass: PassRecord;
  /** `card`: the printed card's code; `app`: the rotating code of a linked phone. */
  readonly presented: 'card' | 'app';
}

/**
 * The pass of the code presented with this proposal (see {@link presentedCard} and {@link passOfCard}).
 *
 * @throws {ChaincodeError} INVALID_ARGUMENT when no code is presented; those of {@link passOfCard}.
 */
export async function passOfPresentedCard(ctx: TxContext): Promise<PresentedPass> {
  const card = presentedCard(ctx);
  if (card === undefined) {
    return fail('INVALID_ARGUMENT', `the card travels in the transient map under "${CARD_TRANSIENT_KEY}"`);
  }
  return passOfCard(ctx, card);
}

/**
 * The pass of a scanned code: the printed card's (`SP1…`, see {@link passOfPrintedCard}) or the holder app's
 * rotating code (`SP2…`, signed by a phone linked to the pass, within its short window), judged at `at` (the
 * transaction time; for an offline counter's booking, when it was made there).
 *
 * @throws {ChaincodeError} INVALID_QR for a code that does not verify; PASS_BLOCKED for a printed card its holder
 * reported lost; NOT_FOUND for an unknown pass.
 */
export async function passOfCard(ctx: TxContext, payload: string, at = nowOf(ctx)): Promise<PresentedPass> {
  if (isDeviceCode(payload)) {
    const device = await deviceOfAppCode(ctx, payload, at);
    return { pass: await getPassRecord(ctx, device.passId), presented: 'app' };
  }
  const pass = await passOfPrintedCard(ctx, payload, at);
  const block = await readRecord<CardBlockRecord>(ctx, keys.cardBlock(pass.passId));
  if (block !== undefined) {
    fail(
      'PASS_BLOCKED',
      `the holder reported the card of pass ${pass.passId} lost at ${block.blockedAt}; their app still works`,
    );
  }
  return { pass, presented: 'card' };
}

/**
 * The pass of a printed card's QR payload, verified here against a key on the ledger that the pass's own
 * municipality published, at the time given: no identity can present a card its municipality did not sign,
 * and no municipality can sign another's cards.
 *
 * @throws {ChaincodeError} INVALID_QR for a malformed or non-canonical payload, an unknown key, a key not
 * valid at the transaction time, a signature that does not match, or a key of another municipality than the
 * pass's; NOT_FOUND for an unknown pass.
 */
async function passOfPrintedCard(ctx: TxContext, payload: string, at: string): Promise<PassRecord> {
  let key: QrKeyRecord | undefined;
  let passId: string;
  try {
    const decoded = decodeQr(payload);
    const { keyId } = decoded.claims;
    // A key id that is no identifier names no published key, and never reaches a ledger key.
    key = ID_PATTERN.test(keyId) ? await readRecord<QrKeyRecord>(ctx, keys.qrKey(keyId)) : undefined;
    passId = verifyQr(decoded, key, at);
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
