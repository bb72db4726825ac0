import { InvalidQrError } from './invalid-qr-error';

/** Version tag of the payload format, so a later format can be told apart. */
export const QR_FORMAT_VERSION = 'SP1';

/** The longest payload accepted. */
export const QR_MAX_LENGTH = 512;

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** What the municipality signs: the pass and the key that signed it. */
export interface QrClaims {
  readonly passId: string;
  readonly keyId: string;
}

/** A payload split into its signed part, its claims and its signature. */
export interface DecodedQr {
  readonly signedPart: string;
  readonly claims: QrClaims;
  readonly signature: Buffer;
}

/** The part of a payload that the signature covers: `SP1.<base64url JSON claims>`. */
export function qrSignedPart(claims: QrClaims): string {
  const json = JSON.stringify({ passId: claims.passId, keyId: claims.keyId });
  return `${QR_FORMAT_VERSION}.${Buffer.from(json, 'utf8').toString('base64url')}`;
}

/** Joins a signed part and its signature into the payload printed on a card: `SP1.<claims>.<signature>`. */
export function joinQr(signedPart: string, signature: Uint8Array): string {
  return `${signedPart}.${Buffer.from(signature).toString('base64url')}`;
}

/**
 * Decodes a base64url part, accepting only the one encoding that encoding its bytes again gives: no padding
 * and no stray bits in the last character, so each byte string has exactly one spelling.
 */
function decodeCanonical(part: string, what: string): Buffer {
  const bytes = Buffer.from(part, 'base64url');
  if (!BASE64URL.test(part) || bytes.toString('base64url') !== part) {
    throw new InvalidQrError(`QR payload ${what} is not canonical base64url`);
  }
  return bytes;
}

function claimsOf(bytes: Buffer): QrClaims {
  let claims: unknown;
  try {
    claims = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new InvalidQrError('QR payload claims are not JSON');
  }
  const { passId, keyId } = (typeof claims === 'object' && claims !== null ? claims : {}) as {
    passId?: unknown;
    keyId?: unknown;
  };
  if (typeof passId !== 'string' || typeof keyId !== 'string') {
    throw new InvalidQrError('QR payload claims lack passId or keyId');
  }
  return { passId, keyId };
}

/**
 * Splits a payload into its parts without checking the signature. Only the canonical form is accepted (the
 * form {@link qrSignedPart} and {@link joinQr} write), so one card has exactly one payload.
 *
 * @throws {InvalidQrError} when the payload is not of the `SP1.<claims>.<signature>` form, a part is not
 * canonical base64url, or the claims are not exactly `{"passId":…,"keyId":…}`.
 */
export function decodeQr(payload: string): DecodedQr {
  if (payload.length > QR_MAX_LENGTH) {
    throw new InvalidQrError('QR payload is too long');
  }
  const parts = payload.split('.');
  const [tag, claimsPart, signaturePart] = parts;
  if (
    parts.length !== 3 ||
    tag !== QR_FORMAT_VERSION ||
    claimsPart === undefined ||
    signaturePart === undefined
  ) {
    throw new InvalidQrError('QR payload is not a Stadspas payload');
  }
  const claims = claimsOf(decodeCanonical(claimsPart, 'claims'));
  const signature = decodeCanonical(signaturePart, 'signature');
  const signedPart = `${tag}.${claimsPart}`;
  if (qrSignedPart(claims) !== signedPart) {
    throw new InvalidQrError('QR payload claims are not in their canonical form');
  }
  return { signedPart, claims, signature };
}
