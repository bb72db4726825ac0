import { KeyType, type KeyTypeName, type RedemptionRecord } from '../vocabulary';
import type { LedgerStub } from './context';

/** Every ledger key of the chaincode: the key types are part of the vocabulary. See README.md "Key layout". */
export { KeyType, type KeyTypeName };

/** A composite key's object type and attributes, before the stub encodes it. */
export interface KeyParts {
  readonly type: KeyTypeName;
  readonly attributes: readonly string[];
}

const VERSION_DIGITS = 8;
/** The length of an ISO timestamp's date part. */
const DAY_LENGTH = 10;

export const keys = {
  scheme: (): KeyParts => ({ type: KeyType.scheme, attributes: ['current'] }),
  schemeProposal: (proposalId: string): KeyParts => ({
    type: KeyType.schemeProposal,
    attributes: [proposalId],
  }),
  config: (): KeyParts => ({ type: KeyType.config, attributes: ['current'] }),
  qrKey: (keyId: string): KeyParts => ({ type: KeyType.qrKey, attributes: [keyId] }),
  /** A municipality's discount norm. */
  discountNorm: (municipalityMspId: string): KeyParts => ({
    type: KeyType.discountNorm,
    attributes: [municipalityMspId],
  }),
  venue: (venueId: string): KeyParts => ({ type: KeyType.venue, attributes: [venueId] }),
  /** A municipality's permission for a venue to book its passes by number. */
  bookByNumber: (venueId: string, municipalityMspId: string): KeyParts => ({
    type: KeyType.bookByNumber,
    attributes: [venueId, municipalityMspId],
  }),
  offer: (offerId: string): KeyParts => ({ type: KeyType.offer, attributes: [offerId] }),
  offerVersion: (offerId: string, version: number): KeyParts => ({
    type: KeyType.offerVersion,
    // Zero-padded so versions sort numerically in a partial-key scan.
    attributes: [offerId, String(version).padStart(VERSION_DIGITS, '0')],
  }),
  pass: (passId: string): KeyParts => ({ type: KeyType.pass, attributes: [passId] }),
  voucher: (passId: string, offerId: string, periodKey: string): KeyParts => ({
    type: KeyType.voucher,
    attributes: [passId, offerId, periodKey],
  }),
  redemption: (redemptionId: string): KeyParts => ({ type: KeyType.redemption, attributes: [redemptionId] }),
  redemptionByPass: (passId: string, at: string, redemptionId: string): KeyParts => ({
    type: KeyType.redemptionByPass,
    attributes: [passId, at, redemptionId],
  }),
  /**
   * A line a venue has yet to claim from a funder (an unreversed redemption, or a reversal of a paid one), by the
   * UTC day it was booked: a claim scans the days of its period only, whatever the venue booked before or since.
   */
  claimLine: (line: Pick<RedemptionRecord, 'venueId' | 'funderMspId' | 'at' | 'redemptionId'>): KeyParts => ({
    type: KeyType.claimLine,
    attributes: [line.venueId, line.funderMspId, line.at.slice(0, DAY_LENGTH), line.at, line.redemptionId],
  }),
  /** The prefix of a venue's lines of a funder booked on one UTC day (`YYYY-MM-DD`). */
  claimLinesOfDay: (venueId: string, funderMspId: string, day: string): string[] => [
    venueId,
    funderMspId,
    day,
  ],
  request: (venueId: string, requestId: string): KeyParts => ({
    type: KeyType.request,
    attributes: [venueId, requestId],
  }),
  /** A granting organisation's request id, bound to the grant it made. */
  grantRequest: (mspId: string, requestId: string): KeyParts => ({
    type: KeyType.grantRequest,
    attributes: [mspId, requestId],
  }),
  claim: (claimId: string): KeyParts => ({ type: KeyType.claim, attributes: [claimId] }),
  claimByVenue: (venueId: string, claimId: string): KeyParts => ({
    type: KeyType.claimByVenue,
    attributes: [venueId, claimId],
  }),
  claimByStatus: (status: string, claimId: string): KeyParts => ({
    type: KeyType.claimByStatus,
    attributes: [status, claimId],
  }),
  /** The private holder record, keyed by the pass it was recorded for (the first of a replacement chain). */
  holder: (passId: string): KeyParts => ({ type: KeyType.holder, attributes: [passId] }),
  /**
   * The private index from a card number to its pass, keyed by a digest of the number keyed with the
   * municipality's secret: Fabric puts the hash of every private key on every peer, and a card number alone is
   * easily guessed.
   */
  cardNumber: (digest: string): KeyParts => ({ type: KeyType.cardNumber, attributes: [digest] }),
  /** The municipality's secret of its card number index, in its own private collection. */
  cardNumberSecret: (): KeyParts => ({ type: KeyType.cardNumberSecret, attributes: ['current'] }),
  /** A phone linked to a pass; a partial-key scan on the pass lists its devices. */
  device: (passId: string, deviceId: string): KeyParts => ({
    type: KeyType.device,
    attributes: [passId, deviceId],
  }),
  /** The newest pass letter's link code of a pass, as its digest. */
  linkLetter: (passId: string): KeyParts => ({ type: KeyType.linkLetter, attributes: [passId] }),
  /** A printed card its holder reported lost. */
  cardBlock: (passId: string): KeyParts => ({ type: KeyType.cardBlock, attributes: [passId] }),
  /** A pass's bookings by printed card on one day: only that pass's bookings share the key. */
  cardUse: (passId: string, day: string): KeyParts => ({ type: KeyType.cardUse, attributes: [passId, day] }),
  /** A venue's offline bookings of a pass on one day (UTC), for the scheme's offline allowance. */
  offlineUse: (passId: string, day: string, venueId: string): KeyParts => ({
    type: KeyType.offlineUse,
    attributes: [passId, day, venueId],
  }),
} as const;

/** Encodes key parts with the stub's composite-key format. */
export function encodeKey(stub: LedgerStub, parts: KeyParts): string {
  return stub.createCompositeKey(parts.type, [...parts.attributes]);
}
