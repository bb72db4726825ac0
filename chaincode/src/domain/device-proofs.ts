import { fail } from '../errors';
import { nowOf } from '../ledger/clock';
import type { TxContext } from '../ledger/context';
import { keys } from '../ledger/keys';
import { readRecord } from '../ledger/store';
import {
  APP_CODE_VERSION,
  decodeDeviceCode,
  deviceId as deviceIdField,
  HOLDER_REQUEST_TRANSIENT_KEY,
  HOLDER_REQUEST_VERSION,
  ID_PATTERN,
  InvalidQrError,
  isSignedByDevice,
  requireFreshCode,
  type DecodedDeviceCode,
  type DeviceRecord,
  type HolderAction,
} from '../vocabulary';

/**
 * The linked device that signed a payload, judged at `at`: its code must be fresh, its device
 * linked to the pass it names and not unlinked, and the signature that device's.
 *
 * @throws {InvalidQrError} otherwise.
 */
async function signingDevice(ctx: TxContext, decoded: DecodedDeviceCode, at: string): Promise<DeviceRecord> {
  const { passId, deviceId } = decoded.claims;
  requireFreshCode(decoded.claims, at);
  // Claims that are no identifiers name no device, and never reach a ledger key.
  const device =
    ID_PATTERN.test(passId) && deviceIdField.safeParse(deviceId).success
      ? await readRecord<DeviceRecord>(ctx, keys.device(passId, deviceId))
      : undefined;
  if (device === undefined || device.unlinkedAt !== undefined) {
    throw new InvalidQrError(`the app ${deviceId} is not linked to pass ${passId}`);
  }
  if (!isSignedByDevice(decoded, device.publicKey)) {
    throw new InvalidQrError('the code signature does not match the linked app');
  }
  return device;
}

/** Runs a check of a device-signed payload; its refusal becomes the chaincode's INVALID_QR. */
async function asRefusal<T>(check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (err) {
    if (err instanceof InvalidQrError) {
      return fail('INVALID_QR', err.detail);
    }
    throw err;
  }
}

/**
 * The device whose rotating app code (`SP2…`) this is, judged at `at` (default: the transaction time).
 *
 * @throws {ChaincodeError} INVALID_QR for a malformed code, a holder request, a code outside its window (detail
 * starting with EXPIRED_CODE_DETAIL), a device not linked, or a signature that does not match.
 */
export function deviceOfAppCode(ctx: TxContext, payload: string, at = nowOf(ctx)): Promise<DeviceRecord> {
  return asRefusal(async () => {
    const decoded = decodeDeviceCode(payload);
    if (decoded.tag !== APP_CODE_VERSION) {
      throw new InvalidQrError("a holder's request is not a code to scan");
    }
    return signingDevice(ctx, decoded, at);
  });
}

/**
 * The linked device that signed the holder's request (transient `holderRequest`) for this action on this pass.
 *
 * @throws {ChaincodeError} INVALID_ARGUMENT when none is presented; INVALID_QR for a request that is malformed,
 * for another action or pass, outside its window, from a device not linked, or with a signature that does not
 * match.
 */
export function deviceOfHolderRequest(
  ctx: TxContext,
  action: HolderAction,
  passId?: string,
): Promise<DeviceRecord> {
  const bytes = ctx.stub.getTransient().get(HOLDER_REQUEST_TRANSIENT_KEY);
  if (bytes === undefined) {
    return fail(
      'INVALID_ARGUMENT',
      `the holder's signed request travels in transient "${HOLDER_REQUEST_TRANSIENT_KEY}"`,
    );
  }
  return asRefusal(async () => {
    const decoded = decodeDeviceCode(Buffer.from(bytes).toString('utf8'));
    if (decoded.tag !== HOLDER_REQUEST_VERSION || decoded.claims.action !== action) {
      throw new InvalidQrError(`the holder's request does not ask to ${action}`);
    }
    if (passId !== undefined && decoded.claims.passId !== passId) {
      throw new InvalidQrError(`the holder's request is about pass ${decoded.claims.passId}, not ${passId}`);
    }
    return signingDevice(ctx, decoded, nowOf(ctx));
  });
}

/** Whether a holder's signed request came with this proposal. */
export function hasHolderRequest(ctx: TxContext): boolean {
  return ctx.stub.getTransient().has(HOLDER_REQUEST_TRANSIENT_KEY);
}
