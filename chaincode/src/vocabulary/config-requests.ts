import { createPublicKey } from 'node:crypto';
import { z } from 'zod';
import { bookmark, endTimestamp, id, inTimeOrder, int, timestamp } from './fields';
import { KEY_TYPE_NAMES } from './key-types';
import { LIMITS, PASS_YEAR_START_PATTERN } from './limits';

// Each write transaction takes one request as its single JSON string argument. Unknown fields are
// refused with INVALID_ARGUMENT. Each schema yields its TypeScript type below it.

export const setConfigRequest = z
  .strictObject({
    passYearStart: z
      .string()
      .regex(PASS_YEAR_START_PATTERN, 'must be the first of a month, MM-01')
      .meta({ example: '01-01' }),
    reversalWindowSeconds: int(0, LIMITS.maxReversalWindowSeconds).meta({ example: 900 }),
    /**
     * How often a pass's printed card may book per day (UTC); absent, as often as its vouchers allow. The app's
     * rotating code is not limited: a photo of the printed card is the risk this bounds.
     */
    cardUsesPerDay: int(1, LIMITS.maxCardUsesPerDay).optional().meta({ example: 3 }),
    /**
     * How many bookings a venue may make on one pass per day (UTC) while its counter is offline, to be settled
     * later; absent, the scheme takes no offline bookings.
     */
    offlineBookingsPerDay: int(1, LIMITS.maxOfflineBookingsPerDay).optional().meta({ example: 2 }),
    /** How long after it was made at the counter an offline booking may still be settled (default 3 days). */
    offlineWindowSeconds: int(60, LIMITS.maxOfflineWindowSeconds).optional().meta({ example: 259200 }),
  })
  .meta({ id: 'SetConfig', description: 'The ledger-wide settings.' });
export type SetConfigRequest = z.infer<typeof setConfigRequest>;

/**
 * The discount a municipality expects a discount offer to give on its passes, in percent of the full price. The
 * council's figures set each offer's actual discount beside it; it limits no booking.
 */
export const setDiscountNormRequest = z
  .strictObject({ discountPercent: int(1, 100).meta({ example: 50 }) })
  .meta({
    id: 'SetDiscountNorm',
    description: "A municipality's norm for the discount its passes get, set by its own admin.",
  });
export type SetDiscountNormRequest = z.infer<typeof setDiscountNormRequest>;

const MAX_PEM_LENGTH = 1000;
const NOT_A_KEY = 'must be an Ed25519 public key in SPKI PEM';

/** An Ed25519 public key in SPKI PEM, re-exported in its canonical PEM form. */
export const publicKeyPem = z
  .string()
  .max(MAX_PEM_LENGTH, NOT_A_KEY)
  .transform((value, ctx) => {
    try {
      const key = createPublicKey({ key: value, format: 'pem' });
      if (key.asymmetricKeyType === 'ed25519') {
        return key.export({ type: 'spki', format: 'pem' }).toString();
      }
    } catch {
      // Falls through to the refusal below: the text is not a PEM public key.
    }
    ctx.addIssue({ code: 'custom', message: NOT_A_KEY });
    return z.NEVER;
  })
  .meta({ example: '-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----\n' });

export const addQrKeyRequest = inTimeOrder(
  z.strictObject({
    keyId: id('qr-2026'),
    publicKeyPem,
    validFrom: timestamp,
    validUntil: endTimestamp.optional(),
  }),
  'validFrom',
  'validUntil',
).meta({ id: 'AddQrKey', description: 'A public key that verifies QR payload signatures.' });
export type AddQrKeyRequest = z.infer<typeof addQrKeyRequest>;

export const retireQrKeyRequest = z.strictObject({ keyId: id('qr-2026'), validUntil: timestamp });
export type RetireQrKeyRequest = z.infer<typeof retireQrKeyRequest>;

/** One page of the state digests of one key type: what `verify` compares with its replay of the blocks. */
export const listStateDigestsRequest = z.strictObject({
  keyType: z.enum(KEY_TYPE_NAMES),
  pageSize: int(1, LIMITS.maxDigestPageSize).default(LIMITS.maxDigestPageSize),
  bookmark: bookmark.default(''),
});
export type ListStateDigestsRequest = z.infer<typeof listStateDigestsRequest>;
