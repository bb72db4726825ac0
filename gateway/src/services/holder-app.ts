import { randomInt } from 'node:crypto';
import {
  CARD_TRANSIENT_KEY,
  decodeDeviceCode,
  HOLDER_REQUEST_TRANSIENT_KEY,
  InvalidQrError,
  isDeviceCode,
  LINK_CODE_TRANSIENT_KEY,
  linkCodeDigest,
  type CardBlockRecord,
  type DeviceRecord,
  type HolderPassView,
  type LinkLetterRecord,
} from '@stadspas/chaincode/vocabulary';
import type { ClientIdentity } from '../auth/client-identity';
import { AppError } from '../errors/app-error';
import type { TypedSubmitted } from '../ledger/typed-ledger';
import { checkCard } from './check-card';
import type { ServiceDeps } from './service-deps';

/** Letters and digits that cannot be mistaken for one another when typed from paper. */
const LINK_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const LINK_CODE_GROUPS = 4;
const LINK_CODE_GROUP_LENGTH = 5;

/** A fresh link code for a pass letter: 20 characters of 32 (100 bits), in groups of five. */
export function drawLinkCode(): string {
  const groups = Array.from({ length: LINK_CODE_GROUPS }, () =>
    Array.from(
      { length: LINK_CODE_GROUP_LENGTH },
      () => LINK_CODE_ALPHABET[randomInt(LINK_CODE_ALPHABET.length)],
    ).join(''),
  );
  return groups.join('-');
}

/** A pass letter as the desk prints it: the link code, shown once. */
export interface LinkLetter extends LinkLetterRecord {
  readonly linkCode: string;
}

/**
 * Prints a new pass letter: draws its link code here and records only its digest on the ledger, so the code is
 * shown once, to the desk, and an earlier letter's code stops linking.
 * @throws {AppError} FORBIDDEN unless the pass's municipality; NOT_FOUND for an unknown pass.
 */
export async function issueLinkLetter(
  deps: ServiceDeps,
  client: ClientIdentity,
  passId: string,
): Promise<{ result: LinkLetter; transactionId: string }> {
  const linkCode = drawLinkCode();
  const { result, transactionId } = await deps.ledger.submit(client, 'devices:IssueLinkLetter', {
    passId,
    codeDigest: linkCodeDigest(linkCode),
  });
  return { result: { ...result, linkCode }, transactionId };
}

/** What the app sends to link a phone. */
export interface LinkRequest {
  readonly card: string;
  readonly linkCode: string;
  readonly publicKey: string;
}

/**
 * Links the holder's phone: the printed card and the letter's link code go to the chaincode in the transient map.
 * A forged card is refused here before the ledger is asked.
 * @throws {AppError} INVALID_QR, FORBIDDEN (a link code that is not the newest letter's, or spent), PASS_BLOCKED,
 * PASS_EXPIRED, ALREADY_EXISTS, CONFLICT (the pass has its most phones).
 */
export async function linkDevice(
  deps: ServiceDeps,
  identity: ClientIdentity,
  request: LinkRequest,
): Promise<DeviceRecord> {
  if (isDeviceCode(request.card)) {
    throw new AppError('INVALID_ARGUMENT', "a phone is linked with the printed card's code, not an app's");
  }
  await checkCard(deps, identity, request.card);
  const { result } = await deps.ledger.submit(
    identity,
    'devices:LinkDevice',
    { publicKey: request.publicKey },
    { transient: { [CARD_TRANSIENT_KEY]: request.card, [LINK_CODE_TRANSIENT_KEY]: request.linkCode } },
  );
  return result;
}

/**
 * The pass a holder's request or a code opens, as the holder sees it, from this organisation's own peer.
 * @throws {AppError} INVALID_QR for a proof that does not verify (an expired one: detail "the code expired…");
 * PASS_BLOCKED for a printed card reported lost; NOT_FOUND.
 */
export async function holderPass(
  deps: ServiceDeps,
  identity: ClientIdentity,
  proof: { holderRequest: string } | { card: string },
): Promise<HolderPassView> {
  if ('card' in proof) {
    await checkCard(deps, identity, proof.card);
  }
  const transient: Record<string, string> =
    'card' in proof
      ? { [CARD_TRANSIENT_KEY]: proof.card }
      : { [HOLDER_REQUEST_TRANSIENT_KEY]: proof.holderRequest };
  return deps.ledger.evaluate(identity, 'devices:HolderPass', undefined, { transient });
}

/** The pass a holder's signed request names; the chaincode judges its signature and time. */
export function passOfHolderRequest(holderRequest: string): string {
  try {
    return decodeDeviceCode(holderRequest).claims.passId;
  } catch (err) {
    if (err instanceof InvalidQrError) {
      throw new AppError(err.code, err.detail, { cause: err });
    }
    throw err;
  }
}

/**
 * Unlinks a phone: by the holder (with a request signed by a phone of the pass) or by the pass's municipality.
 * @throws {AppError} INVALID_QR for a holder's request that does not verify; FORBIDDEN; NOT_FOUND.
 */
export function unlinkDevice(
  deps: ServiceDeps,
  identity: ClientIdentity,
  request: { passId: string; deviceId: string; holderRequest?: string | undefined },
): Promise<TypedSubmitted<'devices:UnlinkDevice'>> {
  const { holderRequest, ...body } = request;
  return deps.ledger.submit(
    identity,
    'devices:UnlinkDevice',
    body,
    holderRequest === undefined ? {} : { transient: { [HOLDER_REQUEST_TRANSIENT_KEY]: holderRequest } },
  );
}

/**
 * The holder reports the printed card lost, with a request signed by a linked phone: its next scan is refused.
 * @throws {AppError} INVALID_QR for a request that does not verify; NOT_FOUND.
 */
export async function blockCard(
  deps: ServiceDeps,
  identity: ClientIdentity,
  holderRequest: string,
): Promise<CardBlockRecord> {
  const passId = passOfHolderRequest(holderRequest);
  const { result } = await deps.ledger.submit(
    identity,
    'devices:BlockCard',
    { passId },
    { transient: { [HOLDER_REQUEST_TRANSIENT_KEY]: holderRequest } },
  );
  return result;
}
