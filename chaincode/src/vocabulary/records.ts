import type { FunderMspId } from './organisations';
import type {
  AddQrKeyRequest,
  CreateOfferRequest,
  IssuePassRequest,
  RegisterVenueRequest,
  SubmitClaimRequest,
} from './requests';

/** An ISO-8601 UTC timestamp, e.g. `2026-03-01T09:30:00.000Z`. */
export type IsoTimestamp = string;

/** Ledger-wide settings, set by the municipality. */
export interface ConfigRecord {
  /** First day of the pass year, `MM-01` (Groningen `01-01`, Amsterdam `08-01`). */
  passYearStart: string;
  /** How long after a redemption its venue may still reverse it. */
  reversalWindowSeconds: number;
  /** `false` while the defaults are in force (nobody called `config:SetConfig` yet). */
  initialised: boolean;
  updatedAt?: IsoTimestamp;
}

/** A public key that verifies the municipality's QR payload signatures. */
export interface QrKeyRecord extends AddQrKeyRequest {
  addedAt: IsoTimestamp;
}

export const VENUE_STATUSES = ['active', 'suspended'] as const;
export type VenueStatus = (typeof VENUE_STATUSES)[number];

/** A place where passes are used (pool, museum, sports club). */
export interface VenueRecord extends RegisterVenueRequest {
  status: VenueStatus;
  suspendedReason?: string;
  registeredAt: IsoTimestamp;
  updatedAt: IsoTimestamp;
}

export const OFFER_KINDS = ['entries', 'budget', 'discount'] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];

export const OFFER_STATUSES = ['active', 'retired'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/** What the funder pays the venue for a redemption: a fixed sum per use, or a share of the amount. */
export type Reimbursement = { perUseCents: number } | { shareBasisPoints: number };

/** An offer (aanbod/regeling): what a pass can be used for. */
export interface OfferRecord extends CreateOfferRequest {
  /** Starts at 1, +1 on every update or retirement. */
  version: number;
  status: OfferStatus;
  createdAt: IsoTimestamp;
  updatedAt: IsoTimestamp;
}

/** Stored pass states; `expired` is never stored, it is derived from `validUntil`. */
export const PASS_STATUSES = ['active', 'blocked', 'replaced', 'expired'] as const;
export type PassStatus = (typeof PASS_STATUSES)[number];

/** A city pass. Personal data is never here: only a pseudonymous reference and a salted hash. */
export interface PassRecord extends IssuePassRequest {
  /**
   * Hex of Fabric's private data hash of the holder record at issuance: sha256 of the stored bytes
   * of the `HolderRecord` (salted) in the personal data collection. Kept by replacement passes.
   */
  holderHash: string;
  status: Exclude<PassStatus, 'expired'>;
  blockedReason?: string;
  /** The pass that replaced this one (status `replaced`). */
  replacedBy?: string;
  /** The pass this one replaced. */
  replaces?: string;
  issuedAt: IsoTimestamp;
  updatedAt: IsoTimestamp;
}

/** A pass as returned by reads: status `expired` when past `validUntil`, with its vouchers. */
export interface PassView extends Omit<PassRecord, 'status'> {
  status: PassStatus;
  vouchers: VoucherView[];
}

/** The unit of a voucher balance: entries for `entries` offers, cents for `budget` offers. */
export type VoucherUnit = 'entries' | 'cents';

/** Stored per (pass, offer, period) once something is granted individually or used. */
export interface VoucherRecord {
  passId: string;
  offerId: string;
  periodKey: string;
  /** Sum of individual grants. */
  granted: number;
  /** Sum of redemptions minus reversals. */
  used: number;
}

/** A pass's entitlement on an offer in a period. `remaining = byRule + granted - used`, never < 0. */
export interface VoucherView extends VoucherRecord {
  offerName: string;
  kind: OfferKind;
  unit: VoucherUnit;
  /** What the offer's rule grants this pass in the period (0 when not granted by rule). */
  byRule: number;
  remaining: number;
}

export const REDEMPTION_TYPES = ['redemption', 'reversal'] as const;
export type RedemptionType = (typeof REDEMPTION_TYPES)[number];

/**
 * How the pass was presented at a booking: `card`, its QR payload verified by the chaincode; `number`, only
 * its number, by a venue the municipality allowed to book by number.
 */
export const PRESENTATIONS = ['card', 'number'] as const;
export type Presentation = (typeof PRESENTATIONS)[number];

/** One use at a venue, or the reversal of one. */
export interface RedemptionRecord {
  /** The id of the transaction that booked it. */
  redemptionId: string;
  type: RedemptionType;
  requestId: string;
  passId: string;
  offerId: string;
  offerVersion: number;
  venueId: string;
  funderMspId: FunderMspId;
  periodKey: string;
  /** Entries used (entries offers). */
  quantity?: number;
  /** Amount in cents (budget: debited; discount: the full price). */
  amountCents?: number;
  /** Discount given in cents (discount offers). */
  discountCents?: number;
  /** Effect on the voucher balance in its unit (0 for discount offers). */
  units: number;
  reimbursementCents: number;
  at: IsoTimestamp;
  /** How the pass was presented (a reversal repeats its redemption's). */
  presented: Presentation;
  /** On a reversal: the redemption it reverses. */
  reversesId?: string;
  /** On a redemption: its reversal, once reversed. */
  reversedBy?: string;
  /** On a redemption: the claim that includes it. */
  claimId?: string;
}

/**
 * A venue's permission to book by pass number, without the card's QR payload (e.g. a venue that books
 * phoned-in bookings for the desk). Granted and revoked by a municipality admin, each time with a reason.
 */
export interface BookByNumberRecord {
  venueId: string;
  granted: boolean;
  /** Why it was granted or, once revoked, why it was revoked. */
  reason: string;
  updatedAt: IsoTimestamp;
}

/**
 * What a scan shows a venue: the pass's state and the vouchers it may book there now. The municipality
 * sees every voucher of the pass.
 */
export interface ScanView {
  passId: string;
  status: PassStatus;
  category: string;
  validFrom: IsoTimestamp;
  validUntil: IsoTimestamp;
  vouchers: VoucherView[];
}

export const CLAIM_STATUSES = ['submitted', 'approved', 'rejected', 'paid'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** A venue's request to be paid for its unclaimed redemptions of one funder in a period. */
export interface ClaimRecord extends SubmitClaimRequest {
  venueId: string;
  redemptionIds: string[];
  totalCents: number;
  status: ClaimStatus;
  submittedAt: IsoTimestamp;
  decidedAt?: IsoTimestamp;
  rejectReason?: string;
  paymentReference?: string;
  paidOn?: string;
  paidAt?: IsoTimestamp;
}

/** Personal data of a pass holder; lives only in the municipality's private collection. */
export interface PersonalData {
  name: string;
  bsn: string;
  dateOfBirth: string;
  address: string;
}

/**
 * The private holder record, keyed by the id of the pass it was recorded for (a replacement pass
 * reads the record of the pass at the start of its chain).
 */
export interface HolderRecord {
  passId: string;
  salt: string;
  personalData: PersonalData;
  recordedAt: IsoTimestamp;
}

/** One entry of a key's history (`getHistoryForKey`). */
export interface HistoryEntry<T> {
  txId: string;
  at: IsoTimestamp;
  isDelete: boolean;
  value?: T;
}

/** A page of a paginated listing; pass `bookmark` back to get the next page ('' when done). */
export interface Page<T> {
  items: T[];
  bookmark: string;
  fetchedCount: number;
}
