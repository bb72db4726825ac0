import { accessOf, requireIssuer } from '../access/roles';
import { fail } from '../errors';
import { nowOf } from '../ledger/clock';
import type { TxContext } from '../ledger/context';
import { emit } from '../ledger/events';
import { KeyType, keys } from '../ledger/keys';
import { readRecord, scan, writeRecord } from '../ledger/store';
import {
  deviceIdOf,
  LINK_CODE_TRANSIENT_KEY,
  linkCodeDigest,
  MAX_DEVICES_PER_PASS,
  type CardBlockRecord,
  type DeviceRecord,
  type HolderPassView,
  type IssueLinkLetterRequest,
  type LinkDeviceRequest,
  type LinkedDeviceView,
  type LinkLetterRecord,
  type PassIdRequest,
  type PassRecord,
  type UnlinkDeviceRequest,
} from '../vocabulary';
import { deviceOfHolderRequest, hasHolderRequest } from './device-proofs';
import { effectiveStatus, getPassRecord } from './passes';
import { passOfPresentedCard } from './qr-cards';
import { scanViewOf } from './scan';
import { voucherViewsOf } from './vouchers';

/**
 * A new pass letter for a pass: its link code, drawn by the municipality's gateway and kept here as a digest
 * only, links one phone once. An earlier letter's code stops linking.
 *
 * @throws {ChaincodeError} FORBIDDEN unless the pass's municipality; NOT_FOUND for an unknown pass.
 */
export async function issueLinkLetter(
  ctx: TxContext,
  request: IssueLinkLetterRequest,
): Promise<LinkLetterRecord> {
  const pass = await getPassRecord(ctx, request.passId);
  await requireIssuer(ctx, pass);
  const at = nowOf(ctx);
  const letter: LinkLetterRecord = { passId: pass.passId, codeDigest: request.codeDigest, issuedAt: at };
  await writeRecord(ctx, keys.linkLetter(pass.passId), letter);
  emit(ctx, 'LinkLetterIssued', { passId: pass.passId, municipalityMspId: pass.municipalityMspId, at });
  return letter;
}

/**
 * Links the holder's phone to the pass of the printed card presented with it (transient `card`), proven by the
 * link code of the pass's newest letter (transient `linkCode`): the card alone, or a photo of it, links nothing.
 * Any organisation of the scheme may carry the request, since the proofs are the holder's.
 *
 * @throws {ChaincodeError} FORBIDDEN for a caller outside the scheme, or a link code that is not the newest
 * letter's or was used; INVALID_ARGUMENT without a printed card or a link code; INVALID_QR for a card that does
 * not verify; PASS_BLOCKED for a card reported lost or a blocked pass; PASS_EXPIRED; ALREADY_EXISTS for a device
 * linked already; CONFLICT when the pass has its most devices.
 */
export async function linkDevice(ctx: TxContext, request: LinkDeviceRequest): Promise<DeviceRecord> {
  await requireSchemeMember(ctx);
  const { pass, presented } = await passOfPresentedCard(ctx);
  if (presented !== 'card') {
    fail('INVALID_ARGUMENT', "a phone is linked with the printed card's code, not an app's");
  }
  const at = nowOf(ctx);
  requireUsable(pass, at);
  const letter = await readRecord<LinkLetterRecord>(ctx, keys.linkLetter(pass.passId));
  const code = ctx.stub.getTransient().get(LINK_CODE_TRANSIENT_KEY);
  if (code === undefined) {
    return fail('INVALID_ARGUMENT', `the link code travels in transient "${LINK_CODE_TRANSIENT_KEY}"`);
  }
  if (letter?.codeDigest !== linkCodeDigest(Buffer.from(code).toString('utf8'))) {
    fail('FORBIDDEN', `the link code is not that of the newest letter of pass ${pass.passId}`);
  }
  if (letter.usedAt !== undefined) {
    fail('FORBIDDEN', `the letter's link code was used at ${letter.usedAt}: the desk prints a new letter`);
  }
  const deviceId = deviceIdOf(request.publicKey);
  const devices = await linkedDevices(ctx, pass.passId);
  if (devices.some((device) => device.deviceId === deviceId)) {
    fail('ALREADY_EXISTS', `this phone is linked to pass ${pass.passId} already`);
  }
  if (devices.length >= MAX_DEVICES_PER_PASS) {
    fail(
      'CONFLICT',
      `pass ${pass.passId} has ${String(MAX_DEVICES_PER_PASS)} phones linked: unlink one first`,
    );
  }
  const device: DeviceRecord = {
    passId: pass.passId,
    deviceId,
    publicKey: request.publicKey,
    municipalityMspId: pass.municipalityMspId,
    linkedAt: at,
  };
  await writeRecord(ctx, keys.device(pass.passId, deviceId), device);
  await writeRecord(ctx, keys.linkLetter(pass.passId), { ...letter, usedAt: at });
  emit(ctx, 'DeviceLinked', { passId: pass.passId, deviceId, municipalityMspId: pass.municipalityMspId, at });
  return device;
}

/**
 * Unlinks a phone from a pass: by the holder, with a request signed by a phone linked to the pass (transient
 * `holderRequest`, action `unlink`; the phone itself or another), or by the pass's municipality. Its codes are
 * refused from then on. Unlinking an unlinked phone changes nothing.
 *
 * @throws {ChaincodeError} FORBIDDEN without the holder's request, unless the pass's municipality; INVALID_QR for
 * a holder's request that does not verify; NOT_FOUND for an unknown pass or device.
 */
export async function unlinkDevice(ctx: TxContext, request: UnlinkDeviceRequest): Promise<DeviceRecord> {
  const pass = await getPassRecord(ctx, request.passId);
  let by: NonNullable<DeviceRecord['unlinkedBy']> = 'municipality';
  if (hasHolderRequest(ctx)) {
    await deviceOfHolderRequest(ctx, 'unlink', pass.passId);
    by = 'holder';
  } else {
    await requireIssuer(ctx, pass);
  }
  const device = await readRecord<DeviceRecord>(ctx, keys.device(pass.passId, request.deviceId));
  if (device === undefined) {
    return fail('NOT_FOUND', `no phone ${request.deviceId} was linked to pass ${pass.passId}`);
  }
  if (device.unlinkedAt !== undefined) {
    return device;
  }
  const at = nowOf(ctx);
  const unlinked: DeviceRecord = { ...device, unlinkedAt: at, unlinkedBy: by };
  await writeRecord(ctx, keys.device(pass.passId, device.deviceId), unlinked);
  emit(ctx, 'DeviceUnlinked', {
    passId: pass.passId,
    deviceId: device.deviceId,
    municipalityMspId: pass.municipalityMspId,
    by,
    at,
  });
  return unlinked;
}

/**
 * The holder reports the printed card lost, with a request signed by a phone linked to the pass (transient
 * `holderRequest`, action `block-card`): the card's code is refused from then on, the app goes on booking.
 * Reporting it again changes nothing.
 *
 * @throws {ChaincodeError} INVALID_ARGUMENT without the holder's request; INVALID_QR for one that does not
 * verify; NOT_FOUND for an unknown pass.
 */
export async function blockCard(ctx: TxContext, request: PassIdRequest): Promise<CardBlockRecord> {
  const pass = await getPassRecord(ctx, request.passId);
  const device = await deviceOfHolderRequest(ctx, 'block-card', pass.passId);
  const existing = await readRecord<CardBlockRecord>(ctx, keys.cardBlock(pass.passId));
  if (existing !== undefined) {
    return existing;
  }
  const at = nowOf(ctx);
  const block: CardBlockRecord = { passId: pass.passId, blockedAt: at, byDeviceId: device.deviceId };
  await writeRecord(ctx, keys.cardBlock(pass.passId), block);
  emit(ctx, 'CardBlocked', { passId: pass.passId, municipalityMspId: pass.municipalityMspId, at });
  return block;
}

/**
 * The phones linked to a pass now, for the pass's municipality (its desk unlinks a lost one).
 *
 * @throws {ChaincodeError} FORBIDDEN unless the pass's municipality; NOT_FOUND for an unknown pass.
 */
export async function listDevices(ctx: TxContext, request: PassIdRequest): Promise<LinkedDeviceView[]> {
  const pass = await getPassRecord(ctx, request.passId);
  await requireIssuer(ctx, pass);
  return (await linkedDevices(ctx, pass.passId)).map(({ deviceId, linkedAt }) => ({ deviceId, linkedAt }));
}

/** The phones linked to a pass now, oldest first. */
export async function linkedDevices(ctx: TxContext, passId: string): Promise<DeviceRecord[]> {
  return (await scan<DeviceRecord>(ctx, KeyType.device, [passId]))
    .map((entry) => entry.value)
    .filter((device) => device.unlinkedAt === undefined)
    .sort((a, b) => a.linkedAt.localeCompare(b.linkedAt));
}

/** @throws {ChaincodeError} FORBIDDEN for an identity of no organisation of the scheme. */
async function requireSchemeMember(ctx: TxContext): Promise<void> {
  const access = await accessOf(ctx);
  if (access.organisation === undefined || access.caller.role === undefined) {
    fail('FORBIDDEN', `${access.caller.mspId} is no organisation of the scheme`);
  }
}

function requireUsable(pass: PassRecord, at: string): void {
  const status = effectiveStatus(pass, at);
  if (status === 'blocked' || status === 'replaced') {
    fail('PASS_BLOCKED', `pass ${pass.passId} is ${status}`);
  }
  if (status === 'expired') {
    fail('PASS_EXPIRED', `pass ${pass.passId} expired at ${pass.validUntil}`);
  }
}

/**
 * A pass as its holder sees it, opened with the holder's signed request (transient `holderRequest`, action
 * `view`), or with a code alone (transient `card`: the printed card or the app's code), which shows the balances
 * and nothing of the phones. Any organisation of the scheme may ask, on its own peer: the proof is the holder's.
 *
 * @throws {ChaincodeError} FORBIDDEN for a caller outside the scheme; INVALID_ARGUMENT without a proof; INVALID_QR
 * for one that does not verify; PASS_BLOCKED for a printed card reported lost; NOT_FOUND for an unknown pass.
 */
export async function holderPass(ctx: TxContext): Promise<HolderPassView> {
  await requireSchemeMember(ctx);
  const byApp = hasHolderRequest(ctx);
  const pass = byApp
    ? await getPassRecord(ctx, (await deviceOfHolderRequest(ctx, 'view')).passId)
    : (await passOfPresentedCard(ctx)).pass;
  const at = nowOf(ctx);
  const block = await readRecord<CardBlockRecord>(ctx, keys.cardBlock(pass.passId));
  return {
    ...scanViewOf(pass, at, await voucherViewsOf(ctx, pass)),
    proof: byApp ? 'app' : 'card',
    ...(block === undefined ? {} : { cardBlockedAt: block.blockedAt }),
    ...(byApp
      ? {
          devices: (await linkedDevices(ctx, pass.passId)).map(({ deviceId, linkedAt }) => ({
            deviceId,
            linkedAt,
          })),
        }
      : {}),
  };
}
