import { AppError } from '../errors/app-error';

/** Version tag of the payload format, so a later format can be told apart. */
const version = 'SP1';
const maxPayloadLength = 512;
const base64url = /^[A-Za-z0-9_-]+$/;

/** What the municipality signs: the pass and the key that signed it. */
export interface QrClaims {
  readonly passId: string;
  readonly keyId: string;
}

/** A payload split into its signed part, its claims and its signature. */
export interface ParsedQr {
  readonly signedPart: string;
  readonly claims: QrClaims;
  readonly signature: Buffer;
}

function invalid(message: string): AppError {
  return new AppError('INVALID_QR', message);
}

/** The part of a payload that the signature covers: `SP1.<base64url JSON claims>`. */
export function signedPartOf(claims: QrClaims): string {
  const json = JSON.stringify({ passId: claims.passId, keyId: claims.keyId });
  return `${version}.${Buffer.from(json, 'utf8').toString('base64url')}`;
}

/** Joins a signed part and its signature into the payload printed on a card: `SP1.<claims>.<signature>`. */
export function joinQr(signedPart: string, signature: Uint8Array): string {
  return `${signedPart}.${Buffer.from(signature).toString('base64url')}`;
}

/**
 * Splits a payload into its parts without checking the signature.
 * @throws {AppError} INVALID_QR when the payload is not of the `SP1.<claims>.<signature>` form.
 */
export function parseQr(payload: string): ParsedQr {
  if (payload.length > maxPayloadLength) {
    throw invalid('QR payload is too long');
  }
  const parts = payload.split('.');
  const [tag, claimsPart, signaturePart] = parts;
  if (parts.length !== 3 || tag !== version || claimsPart === undefined || signaturePart === undefined) {
    throw invalid('QR payload is not a Stadspas payload');
  }
  if (!base64url.test(claimsPart) || !base64url.test(signaturePart)) {
    throw invalid('QR payload is not base64url encoded');
  }
  return {
    signedPart: `${tag}.${claimsPart}`,
    claims: decodeClaims(claimsPart),
    signature: Buffer.from(signaturePart, 'base64url'),
  };
}

/** @throws {AppError} INVALID_QR when the claims are not JSON with a passId and a keyId. */
function decodeClaims(claimsPart: string): QrClaims {
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(claimsPart, 'base64url').toString('utf8'));
  } catch {
    throw invalid('QR payload claims are not JSON');
  }
  const { passId, keyId } = (typeof claims === 'object' && claims !== null ? claims : {}) as Partial<
    Record<keyof QrClaims, unknown>
  >;
  if (typeof passId !== 'string' || typeof keyId !== 'string') {
    throw invalid('QR payload claims lack passId or keyId');
  }
  return { passId, keyId };
}
