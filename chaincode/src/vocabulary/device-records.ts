import { z } from 'zod';
import { scanView } from './records';

// What the ledger keeps of the holder's app and printed card. No personal data: a pass pseudonym, a device's
// public key and digests.

const recordedAt = z.string().meta({ example: '2026-03-01T09:30:00.000Z' });

/** A phone linked to a pass: its public key verifies the app's rotating codes and the holder's requests. */
export const deviceRecord = z
  .object({
    passId: z.string(),
    deviceId: z.string(),
    /** ECDSA P-256, SPKI DER in base64url. */
    publicKey: z.string(),
    municipalityMspId: z.string(),
    linkedAt: recordedAt,
    /** Once unlinked, the device's codes are refused. */
    unlinkedAt: recordedAt.optional(),
    /** Who unlinked it: `holder` (from a linked device) or `municipality`. */
    unlinkedBy: z.enum(['holder', 'municipality']).optional(),
  })
  .meta({ id: 'Device' });
export type DeviceRecord = z.infer<typeof deviceRecord>;

/** The link code of a pass's newest letter, as its digest; it links one device, once. */
export const linkLetterRecord = z
  .object({
    passId: z.string(),
    codeDigest: z.string(),
    issuedAt: recordedAt,
    /** When its code linked a device: the letter is then spent. */
    usedAt: recordedAt.optional(),
  })
  .meta({ id: 'LinkLetter' });
export type LinkLetterRecord = z.infer<typeof linkLetterRecord>;

/** A printed card its holder reported lost: its code is refused from then on, the app goes on working. */
export const cardBlockRecord = z
  .object({ passId: z.string(), blockedAt: recordedAt, byDeviceId: z.string() })
  .meta({ id: 'CardBlock' });
export type CardBlockRecord = z.infer<typeof cardBlockRecord>;

/** How often a pass's printed card booked on one day (UTC), for the scheme's daily limit. */
export const cardUseRecord = z
  .object({ passId: z.string(), day: z.string(), count: z.number().int() })
  .meta({ id: 'CardUse' });
export type CardUseRecord = z.infer<typeof cardUseRecord>;

/** What the holder's app shows of its pass, from any organisation's peer. */
export const linkedDeviceView = deviceRecord
  .pick({ deviceId: true, linkedAt: true })
  .meta({ id: 'LinkedDevice' });
export type LinkedDeviceView = z.infer<typeof linkedDeviceView>;

/**
 * A pass as its holder sees it, from any organisation's peer: every voucher. Opened with a linked app's signed
 * request it names the linked phones too, and the holder may see where the pass was used; opened with a code
 * alone (`proof: card`), only the balances.
 */
export const holderPassView = scanView
  .extend({
    proof: z.enum(['card', 'app']),
    /** When the holder reported the printed card lost. */
    cardBlockedAt: recordedAt.optional(),
    /** The phones linked now (`proof: app` only). */
    devices: z.array(linkedDeviceView).optional(),
  })
  .meta({ id: 'HolderPass' });
export type HolderPassView = z.infer<typeof holderPassView>;
