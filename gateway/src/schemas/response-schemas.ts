import {
  fundedPassView,
  passRecord,
  passView,
  replacePassResponse,
  voucherView,
  scanView,
  type HistoryEntry,
  type PassRecord,
} from '@stadspas/chaincode/vocabulary';
import type { ZodType } from 'zod';
import { z } from '../http/zod';

// Schemas of the answers, for the documentation only (the chaincode shapes them). The records are the
// vocabulary's own schemas, which also yield their types; only answers the gateway puts together are described
// here.

export {
  bookByNumberRecord,
  claimRecord,
  configRecord,
  discountNormRecord,
  holderAck,
  offerRecord,
  fundedPassView,
  passRecord,
  passView,
  qrKeyRecord,
  redeemResponse,
  redemptionRecord,
  venueRecord,
  voucherView,
} from '@stadspas/chaincode/vocabulary';

const text = z.string();
const timestamp = z.string().openapi({ example: '2026-03-01T09:30:00.000Z' });

/** A page of a listing, with the bookmark of the next page ('' when done). */
export function pageOf(item: ZodType, name: string): ZodType {
  return z.object({ items: z.array(item), bookmark: text, fetchedCount: z.number().int() }).openapi(name);
}

/** `GET /passes/{passId}`: the whole pass for the municipality, a funder's view for a funder. */
export const passRead = z.union([passView, fundedPassView]).openapi('PassRead');

/** `GET /passes/{passId}/vouchers`: the pass's vouchers the caller may see, with balances. */
export const voucherList = z.array(voucherView).openapi('Vouchers');

/** `POST /scan`: the pass's state and the vouchers this venue may book. */
export const scanResult = scanView;

/** `POST /passes/lookup`: the pass that now answers to the card number. */
export const cardNumberPass = z.object({ passId: text }).openapi('CardNumberPass');

/** `POST /passes`: the issued pass, its card number and, on the municipality's gateway, its card's QR payload. */
export const issuedPass = z
  .object({ pass: passRecord, passId: text, cardNumber: text, qr: text.optional() })
  .openapi('IssuedPass');

/** `POST /passes/batch`: the issued ids, each one's card number and, on the municipality's gateway, its QR payload. */
export const issuedBatch = z
  .object({
    issued: z.number().int(),
    passIds: z.array(text),
    cardNumbers: z.record(text, text),
    qr: z.record(text, text).optional(),
  })
  .openapi('IssuedBatch');

/** `POST /passes/import`: the passes carried over and their opening balances. */
export const importedBatch = z
  .object({ imported: z.number().int(), passIds: z.array(text), openingBalances: z.number().int() })
  .openapi('ImportedBatch');

/** `POST /passes/{passId}/replace`: both passes, the vouchers moved, and the new card's QR payload. */
export const replacedPass = replacePassResponse.extend({ qr: text.optional() }).openapi('ReplacedPass');

/** `GET /passes/{passId}/history`: every committed version, oldest first. */
export const passVersions: ZodType<HistoryEntry<PassRecord>[]> = z
  .array(z.object({ txId: text, at: timestamp, isDelete: z.boolean(), value: passRecord.optional() }))
  .openapi('PassHistory');
