import { z } from 'zod';
import { submitClaimRequest } from './claim-requests';
import { addQrKeyRequest, setConfigRequest, setDiscountNormRequest } from './config-requests';
import { createOfferRequest } from './offer-requests';
import { issuePassFields } from './pass-requests';
import { personalData } from './personal-data';
import {
  CLAIM_STATUSES,
  OFFER_KINDS,
  OFFER_STATUSES,
  PASS_STATUSES,
  REDEMPTION_TYPES,
  VENUE_STATUSES,
  VOUCHER_UNITS,
} from './statuses';
import { schemeOrganisation } from './scheme-requests';
import { registerVenueRequest } from './venue-requests';

// What the chaincode stores and answers, each described once: the schema yields the record's type and the
// gateway's documentation of it. The fields a request set are the request's own schemas.

/** An ISO-8601 UTC timestamp, e.g. `2026-03-01T09:30:00.000Z`. */
export type IsoTimestamp = string;

/** A time the chaincode recorded (the transaction time), in millisecond form. */
const recordedAt = z.string().meta({ example: '2026-03-01T09:30:00.000Z' });

const count = z.number().int();

/** Ledger-wide settings, set by the municipality. */
export const configRecord = z
  .object({
    /** First day of the pass year, `MM-01` (Groningen `01-01`, Amsterdam `08-01`). */
    ...setConfigRequest.shape,
    /** `false` while the defaults are in force (nobody called `config:SetConfig` yet). */
    initialised: z.boolean(),
    updatedAt: recordedAt.optional(),
  })
  .meta({ id: 'Config' });
export type ConfigRecord = z.infer<typeof configRecord>;

/** A public key that verifies the QR payload signatures of one municipality's cards. */
export const qrKeyRecord = z
  .object({
    ...addQrKeyRequest.shape,
    /** The municipality that published it: it verifies the cards of that municipality's passes only. */
    mspId: z.string(),
    addedAt: recordedAt,
  })
  .meta({ id: 'QrKey' });
export type QrKeyRecord = z.infer<typeof qrKeyRecord>;

/** A municipality's discount norm; each municipality sets only its own. */
export const discountNormRecord = z
  .object({
    ...setDiscountNormRequest.shape,
    municipalityMspId: z.string(),
    setAt: recordedAt,
  })
  .meta({ id: 'DiscountNorm' });
export type DiscountNormRecord = z.infer<typeof discountNormRecord>;

/** Who does what in the scheme: ledger configuration, changed only by a majority of its organisations. */
export const schemeRecord = z
  .object({
    organisations: z.array(schemeOrganisation),
    /** Starts at 1, +1 on every change. */
    version: count,
    updatedAt: recordedAt,
  })
  .meta({ id: 'Scheme' });
export type SchemeRecord = z.infer<typeof schemeRecord>;

export const SCHEME_PROPOSAL_STATUSES = ['open', 'applied'] as const;

/** A proposed new scheme and the organisations whose admins approved it so far. */
export const schemeProposalRecord = z
  .object({
    proposalId: z.string(),
    organisations: z.array(schemeOrganisation),
    /** The ledger-wide settings it sets when applied, if any. */
    config: setConfigRequest.optional(),
    /** The scheme version it changes; it can only be applied to that version. */
    baseVersion: count,
    proposedBy: z.string(),
    /** MSP ids of the organisations whose admins approved it, the proposer's first. */
    approvals: z.array(z.string()),
    status: z.enum(SCHEME_PROPOSAL_STATUSES),
    proposedAt: recordedAt,
    appliedAt: recordedAt.optional(),
  })
  .meta({ id: 'SchemeProposal' });
export type SchemeProposalRecord = z.infer<typeof schemeProposalRecord>;

/** A place where passes are used (pool, museum, sports club). */
export const venueRecord = z
  .object({
    ...registerVenueRequest.shape,
    /** Venue-wide: `suspended` by the venue's own organisation books no pass at all. */
    status: z.enum(VENUE_STATUSES),
    suspendedReason: z.string().optional(),
    /** The municipalities that suspended the venue for their own passes, each with its reason. */
    suspendedFor: z.array(z.object({ mspId: z.string(), reason: z.string() })).optional(),
    /** Where the venue is paid, once its organisation set it. */
    bankAccount: z.object({ iban: z.string(), accountHolder: z.string(), setAt: recordedAt }).optional(),
    /**
     * Every unclaimed line of the venue is in the claim index (`redemption~unclaimed`), so a claim reads the days
     * of its period only: set for a venue registered since the index exists, or once its organisation indexed
     * the lines booked before (`claims:IndexClaimLines`).
     */
    claimLinesIndexed: z.boolean().optional(),
    registeredAt: recordedAt,
    updatedAt: recordedAt,
  })
  .meta({ id: 'Venue' });
export type VenueRecord = z.infer<typeof venueRecord>;

/** An offer (aanbod/regeling): what a pass can be used for. */
export const offerRecord = z
  .object({
    ...createOfferRequest.shape,
    /** The municipalities whose passes the offer takes, as resolved when its terms were last set. */
    passIssuers: z.array(z.string()),
    /** Starts at 1, +1 on every update or retirement. */
    version: count,
    status: z.enum(OFFER_STATUSES),
    createdAt: recordedAt,
    updatedAt: recordedAt,
  })
  .meta({ id: 'Offer' });
export type OfferRecord = z.infer<typeof offerRecord>;

/** What an offer grants per period in its unit (discount offers: the discount budget in cents). */
export function amountPerPeriod(
  offer: Pick<OfferRecord, 'entriesPerPeriod' | 'budgetCentsPerPeriod' | 'discountCentsPerPeriod'>,
): number {
  return offer.entriesPerPeriod ?? offer.budgetCentsPerPeriod ?? offer.discountCentsPerPeriod ?? 0;
}

/** Whether an offer can be used at a moment: active and inside its validity window. */
export function isOfferValidAt(offer: OfferRecord, at: IsoTimestamp): boolean {
  return offer.status === 'active' && offer.validFrom <= at && at < offer.validUntil;
}

const passFields = {
  ...issuePassFields.shape,
  /** The municipality that issued the pass: it alone reads it by number, changes it and keeps its holder. */
  municipalityMspId: z.string(),
  /**
   * Hex of Fabric's private data hash of the holder record at issuance: sha256 of the stored bytes
   * of the `HolderRecord` (salted) in the personal data collection. Kept by replacement passes.
   */
  holderHash: z.string(),
  blockedReason: z.string().optional(),
  /** The pass that replaced this one (status `replaced`). */
  replacedBy: z.string().optional(),
  /** The pass this one replaced. */
  replaces: z.string().optional(),
  issuedAt: recordedAt,
  /** When it was carried over from another system (`passes:ImportPasses`), with its opening balances. */
  importedAt: recordedAt.optional(),
  updatedAt: recordedAt,
};

/** A city pass. Personal data is never here: only a pseudonymous reference and a salted hash. */
export const passRecord = z
  .object({ ...passFields, status: z.enum(['active', 'blocked', 'replaced']) })
  .meta({ id: 'PassRecord' });
export type PassRecord = z.infer<typeof passRecord>;

/** Stored per (pass, offer, period) once something is granted individually or used. */
export const voucherRecord = z.object({
  passId: z.string(),
  offerId: z.string(),
  periodKey: z.string(),
  /** Sum of individual grants. */
  granted: count,
  /** Sum of redemptions minus reversals. */
  used: count,
  /** Bookings minus reversals, kept for an offer with discount tiers (which tier the next booking gets). */
  bookings: count.optional(),
});
export type VoucherRecord = z.infer<typeof voucherRecord>;

/** A pass's entitlement on an offer in a period. `remaining = byRule + granted - used`, never < 0. */
export const voucherView = voucherRecord
  .extend({
    offerName: z.string(),
    kind: z.enum(OFFER_KINDS),
    unit: z.enum(VOUCHER_UNITS),
    /** What the offer's rule grants this pass in the period (0 when not granted by rule). */
    byRule: count,
    remaining: count,
  })
  .meta({ id: 'Voucher' });
export type VoucherView = z.infer<typeof voucherView>;

/** A pass as returned by reads: status `expired` when past `validUntil`, with its vouchers. */
export const passView = z
  .object({ ...passFields, status: z.enum(PASS_STATUSES), vouchers: z.array(voucherView) })
  .meta({ id: 'Pass' });
export type PassView = z.infer<typeof passView>;

/**
 * How the pass was presented at a booking: `card`, its printed QR payload verified by the chaincode; `app`, the
 * rotating code of the holder's linked phone; `number`, only its number, by a venue the municipality allowed to
 * book by number.
 */
export const PRESENTATIONS = ['card', 'app', 'number'] as const;
export type Presentation = (typeof PRESENTATIONS)[number];

/** One use at a venue, or the reversal of one. */
export const redemptionRecord = z
  .object({
    /** The id of the transaction that booked it. */
    redemptionId: z.string(),
    type: z.enum(REDEMPTION_TYPES),
    requestId: z.string(),
    passId: z.string(),
    offerId: z.string(),
    offerVersion: count,
    venueId: z.string(),
    /** The organisation the venue belonged to when it booked (absent on bookings made before it was kept). */
    venueMspId: z.string().optional(),
    /** The municipality that issued the pass (absent on bookings made before it was kept). */
    municipalityMspId: z.string().optional(),
    funderMspId: z.string(),
    periodKey: z.string(),
    /** Entries used (entries offers). */
    quantity: count.optional(),
    /** Amount in cents (budget: debited; discount: the full price). */
    amountCents: count.optional(),
    /** Discount given in cents (discount offers). */
    discountCents: count.optional(),
    /** Effect on the voucher balance in its unit (discount offers: the discount given, from the discount budget). */
    units: count,
    reimbursementCents: count,
    at: recordedAt,
    /** How the pass was presented (a reversal repeats its redemption's). */
    presented: z.enum(PRESENTATIONS),
    /**
     * What the holder paid at the counter because the budget did not cover the price (budget offers that allow it):
     * the price was `amountCents + paidAtCounterCents`.
     */
    paidAtCounterCents: count.optional(),
    /** When an offline counter made the booking; `at` is when the ledger settled it. */
    offlineAt: recordedAt.optional(),
    /**
     * The units an offline booking took beyond the balance the ledger knew when it settled: it is booked in full
     * and flagged, for the municipality and the venue to follow up.
     */
    overdrawnUnits: count.optional(),
    /** On a reversal: the redemption it reverses. */
    reversesId: z.string().optional(),
    /** On a redemption: its reversal, once reversed. */
    reversedBy: z.string().optional(),
    /** The claim that includes it (a reversal is claimed only when it reverses a paid redemption). */
    claimId: z.string().optional(),
    /**
     * On a reversal of a redemption whose claim was paid: that claim. The reversal is then a negative line of the
     * venue's next claim.
     */
    reversesClaimId: z.string().optional(),
  })
  .meta({ id: 'Redemption' });
export type RedemptionRecord = z.infer<typeof redemptionRecord>;

/**
 * A venue's permission to book by pass number, without the card's QR payload (e.g. a venue that books
 * phoned-in bookings for the desk). Granted and revoked by a municipality admin for that municipality's own
 * passes, each time with a reason.
 */
export const bookByNumberRecord = z
  .object({
    venueId: z.string(),
    /** The municipality whose passes the permission covers: each decides for its own passes only. */
    municipalityMspId: z.string(),
    granted: z.boolean(),
    /** Why it was granted or, once revoked, why it was revoked. */
    reason: z.string(),
    updatedAt: recordedAt,
  })
  .meta({ id: 'BookByNumber' });
export type BookByNumberRecord = z.infer<typeof bookByNumberRecord>;

/**
 * What a scan shows a venue: the pass's state and the vouchers it may book there now. The municipality
 * sees every voucher of the pass.
 */
export const scanView = z
  .object({
    passId: z.string(),
    status: z.enum(PASS_STATUSES),
    category: z.string(),
    validFrom: recordedAt,
    validUntil: recordedAt,
    vouchers: z.array(voucherView),
  })
  .meta({ id: 'ScanResult' });
export type ScanView = z.infer<typeof scanView>;

/**
 * A pass as a funder reads it: what a venue sees of a scanned card, with only the vouchers of the offers this
 * funder funds. No holder hash, no holder reference and no personal data.
 */
export const fundedPassView = scanView.meta({
  id: 'FundedPass',
  example: {
    passId: 'SP-0002',
    status: 'active',
    category: 'child',
    validFrom: '2026-01-01T00:00:00.000Z',
    validUntil: '2027-01-01T00:00:00.000Z',
    vouchers: [
      {
        passId: 'SP-0002',
        offerId: 'sportbudget-kind',
        periodKey: '2026',
        granted: 15000,
        used: 2500,
        offerName: 'Sportbudget kind',
        kind: 'budget',
        unit: 'cents',
        byRule: 0,
        remaining: 12500,
      },
    ],
  },
});
export type FundedPassView = z.infer<typeof fundedPassView>;

/** A venue's request to be paid for its unclaimed redemptions of one funder in a period. */
export const claimRecord = z
  .object({
    ...submitClaimRequest.shape,
    venueId: z.string(),
    /** Its lines: redemptions, and reversals of redemptions already paid (negative lines). */
    redemptionIds: z.array(z.string()),
    /** What the claim asks: its redemptions' reimbursement less its reversals'. */
    totalCents: count,
    /** The reversals' part, deducted from the total; absent when it has none. */
    deductedCents: count.optional(),
    status: z.enum(CLAIM_STATUSES),
    submittedAt: recordedAt,
    decidedAt: recordedAt.optional(),
    rejectReason: z.string().optional(),
    paymentReference: z.string().optional(),
    paidOn: z.string().optional(),
    /** The amount paid, as the payer's bank booked it. */
    paidCents: count.optional(),
    paidAt: recordedAt.optional(),
  })
  .meta({ id: 'Claim' });
export type ClaimRecord = z.infer<typeof claimRecord>;

/**
 * The private holder record, keyed by the id of the pass it was recorded for (a replacement pass
 * reads the record of the pass at the start of its chain).
 */
export const holderRecord = z.object({
  passId: z.string(),
  salt: z.string(),
  /** The number printed on the card; absent for holders recorded before card numbers. */
  cardNumber: z.string().optional(),
  personalData,
  recordedAt,
});
export type HolderRecord = z.infer<typeof holderRecord>;

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

/** A world state key and the SHA-256 (hex) of its value, as the peer holds it. */
export interface StateDigest {
  key: string;
  sha256: string;
}
