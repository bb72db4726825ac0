import {
  CLAIM_STATUSES,
  FUNDER_MSP_IDS,
  OFFER_KINDS,
  OFFER_STATUSES,
  PASS_STATUSES,
  REDEMPTION_TYPES,
  VENUE_STATUSES,
  type ClaimRecord,
  type ConfigRecord,
  type HistoryEntry,
  type HolderAck,
  type OfferRecord,
  type PassRecord,
  type PassView,
  type QrKeyRecord,
  type RedeemResponse,
  type RedemptionRecord,
  type ReplacePassResponse,
  type VenueRecord,
  type VoucherView,
} from '@stadspas/chaincode/vocabulary';
import type { ZodType } from 'zod';
import { z } from '../http/zod';

// Schemas of the answers, for the documentation only (the chaincode shapes them). Each is typed against the
// vocabulary's record type, so a record that changes there does not compile here until the document follows.

const text = z.string();
const timestamp = z.string().openapi({ example: '2026-03-01T09:30:00.000Z' });

export const venueRecord: ZodType<VenueRecord> = z
  .object({
    venueId: text,
    name: text,
    kind: text,
    mspId: text,
    status: z.enum(VENUE_STATUSES),
    suspendedReason: text.optional(),
    registeredAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('Venue');

export const offerRecord: ZodType<OfferRecord> = z
  .object({
    offerId: text,
    version: z.number().int(),
    name: text,
    kind: z.enum(OFFER_KINDS),
    entriesPerPeriod: z.number().int().optional(),
    budgetCentsPerPeriod: z.number().int().optional(),
    discountPercent: z.number().int().optional(),
    eligibleVenueIds: z.array(text),
    eligibleCategories: z.array(text),
    reimbursement: z.union([
      z.object({ perUseCents: z.number().int() }),
      z.object({ shareBasisPoints: z.number().int() }),
    ]),
    funderMspId: z.enum(FUNDER_MSP_IDS),
    validFrom: timestamp,
    validUntil: timestamp,
    grantByRule: z.boolean(),
    status: z.enum(OFFER_STATUSES),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('Offer');

const passFields = {
  passId: text,
  category: text,
  validFrom: timestamp,
  validUntil: timestamp,
  holderRef: text,
  holderHash: text,
  blockedReason: text.optional(),
  replacedBy: text.optional(),
  replaces: text.optional(),
  issuedAt: timestamp,
  updatedAt: timestamp,
};

export const passRecord: ZodType<PassRecord> = z
  .object({ ...passFields, status: z.enum(['active', 'blocked', 'replaced']) })
  .openapi('PassRecord');

export const voucherView: ZodType<VoucherView> = z
  .object({
    passId: text,
    offerId: text,
    periodKey: text,
    granted: z.number().int(),
    used: z.number().int(),
    offerName: text,
    kind: z.enum(OFFER_KINDS),
    unit: z.enum(['entries', 'cents']),
    byRule: z.number().int(),
    remaining: z.number().int(),
  })
  .openapi('Voucher');

export const passView: ZodType<PassView> = z
  .object({ ...passFields, status: z.enum(PASS_STATUSES), vouchers: z.array(voucherView) })
  .openapi('Pass');

export const redemptionRecord: ZodType<RedemptionRecord> = z
  .object({
    redemptionId: text,
    type: z.enum(REDEMPTION_TYPES),
    requestId: text,
    passId: text,
    offerId: text,
    offerVersion: z.number().int(),
    venueId: text,
    funderMspId: z.enum(FUNDER_MSP_IDS),
    periodKey: text,
    quantity: z.number().int().optional(),
    amountCents: z.number().int().optional(),
    discountCents: z.number().int().optional(),
    units: z.number().int(),
    reimbursementCents: z.number().int(),
    at: timestamp,
    reversesId: text.optional(),
    reversedBy: text.optional(),
    claimId: text.optional(),
  })
  .openapi('Redemption');

export const redeemResponse: ZodType<RedeemResponse> = z
  .object({ redemption: redemptionRecord, replayed: z.boolean(), remaining: z.number().int().optional() })
  .openapi('RedeemResult');

export const claimRecord: ZodType<ClaimRecord> = z
  .object({
    claimId: text,
    venueId: text,
    funderMspId: z.enum(FUNDER_MSP_IDS),
    periodFrom: timestamp,
    periodTo: timestamp,
    redemptionIds: z.array(text),
    totalCents: z.number().int(),
    status: z.enum(CLAIM_STATUSES),
    submittedAt: timestamp,
    decidedAt: timestamp.optional(),
    rejectReason: text.optional(),
    paymentReference: text.optional(),
    paidOn: text.optional(),
    paidAt: timestamp.optional(),
  })
  .openapi('Claim');

export const configRecord: ZodType<ConfigRecord> = z
  .object({
    passYearStart: text,
    reversalWindowSeconds: z.number().int(),
    initialised: z.boolean(),
    updatedAt: timestamp.optional(),
  })
  .openapi('Config');

export const qrKeyRecord: ZodType<QrKeyRecord> = z
  .object({
    keyId: text,
    publicKeyPem: text,
    validFrom: timestamp,
    validUntil: timestamp.optional(),
    addedAt: timestamp,
  })
  .openapi('QrKey');

/** A page of a listing, with the bookmark of the next page ('' when done). */
export function pageOf(item: ZodType, name: string) {
  return z.object({ items: z.array(item), bookmark: text, fetchedCount: z.number().int() }).openapi(name);
}

/** `POST /scan`: the pass's state and the vouchers this venue may redeem. */
export const scanResult = z
  .object({
    passId: text,
    status: z.enum(PASS_STATUSES),
    category: text,
    validFrom: timestamp,
    validUntil: timestamp,
    vouchers: z.array(voucherView),
  })
  .openapi('ScanResult');

/** `POST /passes`: the issued pass and, on the municipality's gateway, the QR payload for its card. */
export const issuedPass = z
  .object({ pass: passRecord, passId: text, qr: text.optional() })
  .openapi('IssuedPass');

/** `POST /passes/batch`: the issued ids and, on the municipality's gateway, each card's QR payload. */
export const issuedBatch = z
  .object({ issued: z.number().int(), passIds: z.array(text), qr: z.record(text, text).optional() })
  .openapi('IssuedBatch');

/** `POST /passes/{passId}/replace`: both passes, the vouchers moved, and the new card's QR payload. */
export const replacedPass: ZodType<ReplacePassResponse & { qr?: string }> = z
  .object({ oldPass: passRecord, newPass: passRecord, movedVouchers: z.number().int(), qr: text.optional() })
  .openapi('ReplacedPass');

/** `GET /passes/{passId}/history`: every committed version, oldest first. */
export const passVersions: ZodType<HistoryEntry<PassRecord>[]> = z
  .array(z.object({ txId: text, at: timestamp, isDelete: z.boolean(), value: passRecord.optional() }))
  .openapi('PassHistory');

/**
 * `DELETE /passes/{passId}/holder`: which pass and pseudonymous holder were erased (no holderRef for a pass
 * never issued); no personal data.
 */
export const holderAck: ZodType<HolderAck> = z
  .object({ passId: text, holderRef: text.optional() })
  .openapi('HolderErased');
