import type { FunderMspId } from './organisations';
import type { ClaimStatus, IsoTimestamp, OfferKind, PersonalData, Reimbursement } from './records';

// Each write transaction takes one of these as its single JSON string argument. Unknown fields are
// refused with INVALID_ARGUMENT.

export interface SetConfigRequest {
  passYearStart: string;
  reversalWindowSeconds: number;
}

export interface AddQrKeyRequest {
  keyId: string;
  publicKeyPem: string;
  validFrom: IsoTimestamp;
  validUntil?: IsoTimestamp;
}

export interface RetireQrKeyRequest {
  keyId: string;
  validUntil: IsoTimestamp;
}

export interface RegisterVenueRequest {
  venueId: string;
  name: string;
  /** A slug such as `swimming-pool` or `museum`. */
  kind: string;
  /** The organisation whose identities act for this venue. */
  mspId: string;
}

/** Changes name, kind and/or organisation of a venue. */
export interface UpdateVenueRequest {
  venueId: string;
  name?: string;
  kind?: string;
  mspId?: string;
}

export interface SuspendVenueRequest {
  venueId: string;
  reason: string;
}

export interface VenueIdRequest {
  venueId: string;
}

export interface CreateOfferRequest {
  offerId: string;
  name: string;
  kind: OfferKind;
  /** Required for (and only for) kind `entries`. */
  entriesPerPeriod?: number;
  /** Required for (and only for) kind `budget`. */
  budgetCentsPerPeriod?: number;
  /** Required for (and only for) kind `discount`: 1..100. */
  discountPercent?: number;
  eligibleVenueIds: string[];
  eligibleCategories: string[];
  /** `entries` offers reimburse per use only. */
  reimbursement: Reimbursement;
  funderMspId: FunderMspId;
  validFrom: IsoTimestamp;
  validUntil: IsoTimestamp;
  /** Every eligible active pass holds `entriesPerPeriod`/`budgetCentsPerPeriod` each period. */
  grantByRule: boolean;
}

/** Replaces every changeable field; kind and funder are fixed for the life of an offer. */
export type UpdateOfferRequest = Omit<CreateOfferRequest, 'kind' | 'funderMspId'>;

export interface OfferIdRequest {
  offerId: string;
}

export interface IssuePassRequest {
  passId: string;
  category: string;
  validFrom: IsoTimestamp;
  validUntil: IsoTimestamp;
  /** Pseudonymous holder reference, kept by replacement passes. */
  holderRef: string;
}

export interface IssuePassesRequest {
  passes: IssuePassRequest[];
}

export interface PassIdRequest {
  passId: string;
}

export interface BlockPassRequest {
  passId: string;
  reason: string;
}

export interface ReplacePassRequest {
  passId: string;
  newPassId: string;
}

export interface RenewPassRequest {
  passId: string;
  validUntil: IsoTimestamp;
}

/**
 * The transient value under key `holder` of `passes:RecordHolder`, and each item of the list under
 * key `holders` of `passes:RecordHolders` (never a normal argument). Recorded before the pass is
 * issued; `passes:IssuePass` refuses a pass whose holder was not recorded.
 */
export interface HolderTransient {
  passId: string;
  salt: string;
  personalData: PersonalData;
}

export interface GrantVoucherRequest {
  passId: string;
  offerId: string;
  /** Defaults to the period of the transaction time. */
  periodKey?: string;
  /** Entries (entries offers) or cents (budget offers). */
  amount: number;
}

/**
 * `quantity` (entries, default 1) for entries offers; `amountCents` for budget and discount offers. The pass
 * comes as exactly one of `qr` (the card's payload) and `passId` (only with the book-by-number permission).
 */
export interface RedeemRequest {
  requestId: string;
  qr?: string;
  passId?: string;
  offerId: string;
  quantity?: number;
  amountCents?: number;
}

/** A scanned card. */
export interface ScanRequest {
  qr: string;
}

/** Grants or revokes a venue's permission to book by pass number. */
export interface BookByNumberRequest {
  venueId: string;
  reason: string;
}

export interface ReverseRequest {
  requestId: string;
  redemptionId: string;
}

export interface RedemptionIdRequest {
  redemptionId: string;
}

export interface PageRequest {
  /** 1..200, default 50. */
  pageSize?: number;
  bookmark?: string;
}

export interface ListRedemptionsByPassRequest extends PageRequest {
  passId: string;
}

export interface ListRedemptionsByVenueRequest extends PageRequest {
  venueId: string;
  /** Inclusive lower bound of the booking time. */
  from?: IsoTimestamp;
  /** Exclusive upper bound of the booking time. */
  to?: IsoTimestamp;
}

export interface SubmitClaimRequest {
  claimId: string;
  funderMspId: FunderMspId;
  /** Inclusive. */
  periodFrom: IsoTimestamp;
  /** Exclusive. */
  periodTo: IsoTimestamp;
}

export interface ClaimIdRequest {
  claimId: string;
}

export interface RejectClaimRequest {
  claimId: string;
  reason: string;
}

export interface RecordPaymentRequest {
  claimId: string;
  paymentReference: string;
  /** `YYYY-MM-DD`. */
  paidOn: string;
}

export interface ListClaimsRequest extends PageRequest {
  venueId?: string;
  status?: ClaimStatus;
}
