import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { InvalidQrError } from './invalid-qr-error';
import type { IsoTimestamp } from './records';

// What the holder's app signs with the key it registered for a pass: the rotating code a venue scans
// (`SP2`), and the holder's own requests (`SH1`: view the pass, unlink a phone, block the printed card). Both
// are bound to the pass, the device and a 30-second step of time, so a copy is worth nothing a minute later.

/** Version tag of the app's rotating code. */
export const APP_CODE_VERSION = 'SP2';
/** Version tag of a holder's signed request. */
export const HOLDER_REQUEST_VERSION = 'SH1';

/** The app shows a new code every this many seconds. */
export const APP_CODE_STEP_SECONDS = 30;
/** A code is accepted until this many seconds after its step began: a screenshot is refused a minute later. */
export const APP_CODE_LIFETIME_SECONDS = 60;
/** A code is accepted from this many seconds before its step began: a phone's clock may run a little ahead. */
export const APP_CODE_LEAD_SECONDS = 30;

/** The longest device-signed payload accepted. */
export const DEVICE_CODE_MAX_LENGTH = 400;

/** The start of a refused code's detail when only its time is wrong: the pages say "verlopen code". */
export const EXPIRED_CODE_DETAIL = 'the code expired';

/** What a holder may ask with a signed request. */
export const HOLDER_ACTIONS = ['view', 'unlink', 'block-card'] as const;
export type HolderAction = (typeof HOLDER_ACTIONS)[number];

/** What a device signs. `action` is on holder requests only. */
export interface DeviceClaims {
  readonly passId: string;
  readonly deviceId: string;
  /** The 30-second step of time the code belongs to: seconds since 1970 divided by 30, rounded down. */
  readonly step: number;
  readonly action?: HolderAction;
}

/** A device-signed payload split into its signed part, its claims and its signature. */
export interface DecodedDeviceCode {
  readonly tag: typeof APP_CODE_VERSION | typeof HOLDER_REQUEST_VERSION;
  readonly signedPart: string;
  readonly claims: DeviceClaims;
  readonly signature: Buffer;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const HOLDER_ACTION_SET: ReadonlySet<string> = new Set(HOLDER_ACTIONS);

function canonicalJson(claims: DeviceClaims): string {
  const { passId, deviceId, step, action } = claims;
  return JSON.stringify(
    action === undefined ? { passId, deviceId, step } : { passId, deviceId, step, action },
  );
}

/** The part a device signs: `<tag>.<base64url JSON claims>`, the claims in this one order. */
export function deviceSignedPart(tag: DecodedDeviceCode['tag'], claims: DeviceClaims): string {
  return `${tag}.${Buffer.from(canonicalJson(claims), 'utf8').toString('base64url')}`;
}

/** The step of time a moment falls in. */
export function appCodeStepAt(at: IsoTimestamp | number): number {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  return Math.floor(ms / 1000 / APP_CODE_STEP_SECONDS);
}

/** Whether a payload is in a device's format (it may still be malformed). */
export function isDeviceCode(payload: string): boolean {
  return payload.startsWith(`${APP_CODE_VERSION}.`) || payload.startsWith(`${HOLDER_REQUEST_VERSION}.`);
}

function claimsOf(bytes: Buffer): DeviceClaims {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new InvalidQrError('the code claims are not JSON');
  }
  const { passId, deviceId, step, action } = (
    typeof parsed === 'object' && parsed !== null ? parsed : {}
  ) as {
    passId?: unknown;
    deviceId?: unknown;
    step?: unknown;
    action?: unknown;
  };
  if (typeof passId !== 'string' || typeof deviceId !== 'string' || !Number.isSafeInteger(step)) {
    throw new InvalidQrError('the code claims lack passId, deviceId or step');
  }
  const holderAction = actionOf(action);
  return {
    passId,
    deviceId,
    step: step as number,
    ...(holderAction === undefined ? {} : { action: holderAction }),
  };
}

function actionOf(action: unknown): HolderAction | undefined {
  if (action !== undefined && (typeof action !== 'string' || !HOLDER_ACTION_SET.has(action))) {
    throw new InvalidQrError('the code asks for an unknown action');
  }
  return action as HolderAction | undefined;
}

function canonicalPart(part: string, what: string): Buffer {
  const bytes = Buffer.from(part, 'base64url');
  if (!BASE64URL.test(part) || bytes.toString('base64url') !== part) {
    throw new InvalidQrError(`the code ${what} is not canonical base64url`);
  }
  return bytes;
}

/**
 * Splits a device-signed payload without checking its signature or time. Only the canonical form is accepted;
 * an app code carries no action, a holder request one.
 *
 * @throws {InvalidQrError} for any other form.
 */
export function decodeDeviceCode(payload: string): DecodedDeviceCode {
  if (payload.length > DEVICE_CODE_MAX_LENGTH) {
    throw new InvalidQrError('the code is too long');
  }
  const parts = payload.split('.');
  const [tag, claimsPart, signaturePart] = parts;
  if (
    parts.length !== 3 ||
    (tag !== APP_CODE_VERSION && tag !== HOLDER_REQUEST_VERSION) ||
    claimsPart === undefined ||
    signaturePart === undefined
  ) {
    throw new InvalidQrError('the code is not a Stadspas app code');
  }
  const claims = claimsOf(canonicalPart(claimsPart, 'claims'));
  if ((tag === HOLDER_REQUEST_VERSION) !== (claims.action !== undefined)) {
    throw new InvalidQrError('an app code carries no action, a holder request one');
  }
  const signedPart = deviceSignedPart(tag, claims);
  if (signedPart !== `${tag}.${claimsPart}`) {
    throw new InvalidQrError('the code claims are not in their canonical form');
  }
  return { tag, signedPart, claims, signature: canonicalPart(signaturePart, 'signature') };
}

/**
 * Refuses a code outside its window at a moment: from {@link APP_CODE_LEAD_SECONDS} before its step began until
 * {@link APP_CODE_LIFETIME_SECONDS} after.
 *
 * @throws {InvalidQrError} whose detail starts with {@link EXPIRED_CODE_DETAIL}.
 */
export function requireFreshCode(claims: DeviceClaims, at: IsoTimestamp): void {
  const began = claims.step * APP_CODE_STEP_SECONDS * 1000;
  const now = Date.parse(at);
  if (now < began - APP_CODE_LEAD_SECONDS * 1000 || now >= began + APP_CODE_LIFETIME_SECONDS * 1000) {
    throw new InvalidQrError(
      `${EXPIRED_CODE_DETAIL}: it was made for ${new Date(began).toISOString()} and is judged at ${at}`,
    );
  }
}

const parsedKeys = new Map<string, KeyObject>();
const MAX_PARSED_KEYS = 1024;

/** A device's public key (SPKI DER, base64url) as a key object, parsed once per process. */
function deviceKeyObject(publicKey: string): KeyObject {
  let key = parsedKeys.get(publicKey);
  if (key === undefined) {
    key = createPublicKey({ key: Buffer.from(publicKey, 'base64url'), format: 'der', type: 'spki' });
    if (parsedKeys.size >= MAX_PARSED_KEYS) {
      parsedKeys.delete(parsedKeys.keys().next().value as string);
    }
    parsedKeys.set(publicKey, key);
  }
  return key;
}

/**
 * Whether a device key (ECDSA P-256, SPKI DER in base64url, the form a browser's Web Crypto exports) signed a
 * payload. The signature is the 64-byte r‖s a browser makes. Verification is deterministic.
 */
export function isSignedByDevice(decoded: DecodedDeviceCode, publicKey: string): boolean {
  try {
    return verify(
      'sha256',
      Buffer.from(decoded.signedPart, 'utf8'),
      { key: deviceKeyObject(publicKey), dsaEncoding: 'ieee-p1363' },
      decoded.signature,
    );
  } catch {
    // A key that cannot be read, or a signature of the wrong size, verifies nothing.
    return false;
  }
}

/** A device's id: a digest of its public key, so one key is one device. */
export function deviceIdOf(publicKey: string): string {
  return `D-${createHash('sha256').update(publicKey, 'utf8').digest('hex').slice(0, 16)}`;
}

/** The digest of a link code, kept on the ledger: link codes are long and random, so it tells nothing. */
export function linkCodeDigest(linkCode: string): string {
  return createHash('sha256').update(normalLinkCode(linkCode), 'utf8').digest('hex');
}

/** A link code as typed: without spaces and dashes, in capitals. */
export function normalLinkCode(linkCode: string): string {
  return linkCode.replace(/[\s-]/g, '').toUpperCase();
}
