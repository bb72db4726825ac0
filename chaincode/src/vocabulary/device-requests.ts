import { createPublicKey } from 'node:crypto';
import { z } from 'zod';
import { passId } from './pass-requests';

/**
 * The transient map key carrying the link code of a pass letter for `passes:LinkDevice`. The ledger keeps only
 * its digest; the code itself would let anyone holding the card link a phone.
 */
export const LINK_CODE_TRANSIENT_KEY = 'linkCode';

/**
 * The transient map key carrying a holder's request signed by a linked device (`SH1…`) for `passes:HolderView`,
 * `passes:UnlinkDevice` and `passes:BlockCard`.
 */
export const HOLDER_REQUEST_TRANSIENT_KEY = 'holderRequest';

/** The most devices linked to one pass at a time. */
export const MAX_DEVICES_PER_PASS = 3;

const NOT_A_DEVICE_KEY = 'must be an ECDSA P-256 public key, SPKI DER in base64url';

/** A device's public key as a browser's Web Crypto exports it: ECDSA P-256, SPKI DER, base64url. */
export const devicePublicKey = z
  .string()
  .min(1)
  .max(200, NOT_A_DEVICE_KEY)
  .refine((value) => {
    try {
      const key = createPublicKey({ key: Buffer.from(value, 'base64url'), format: 'der', type: 'spki' });
      const canonical = key.export({ type: 'spki', format: 'der' }).toString('base64url');
      return (
        key.asymmetricKeyType === 'ec' &&
        key.asymmetricKeyDetails?.namedCurve === 'prime256v1' &&
        canonical === value
      );
    } catch {
      return false;
    }
  }, NOT_A_DEVICE_KEY)
  .meta({ example: 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE…' });

/** A linked device's id: `D-` and 16 hex digits of its key's digest. */
export const deviceId = z
  .string()
  .regex(/^D-[0-9a-f]{16}$/, 'must be a device id like D-0123456789abcdef')
  .meta({ example: 'D-3f2a9c0b1d4e5f60' });

/** The SHA-256 of a link code, in hex: the code itself never reaches the ledger. */
export const linkCodeDigestField = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 digest in hex')
  .meta({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' });

/** A new pass letter's link code for a pass, as its digest; an earlier letter's code stops linking. */
export const issueLinkLetterRequest = z.strictObject({ passId, codeDigest: linkCodeDigestField });
export type IssueLinkLetterRequest = z.infer<typeof issueLinkLetterRequest>;

/**
 * Links a device to the pass of the card presented with it (transient `card`), proven by the pass letter's link
 * code (transient `linkCode`).
 */
export const linkDeviceRequest = z.strictObject({ publicKey: devicePublicKey });
export type LinkDeviceRequest = z.infer<typeof linkDeviceRequest>;

/**
 * Unlinks a device of a pass: by the pass's municipality, or by the holder with a request signed by a device of
 * the pass (transient `holderRequest`, action `unlink`).
 */
export const unlinkDeviceRequest = z.strictObject({ passId, deviceId });
export type UnlinkDeviceRequest = z.infer<typeof unlinkDeviceRequest>;
