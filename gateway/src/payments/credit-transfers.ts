import { createHash } from 'node:crypto';
import { Document } from 'sepa';
import type { ClaimRecord, PayingAccount, VenueRecord } from '@stadspas/chaincode/vocabulary';

/** The account a payer pays from: its own, from its gateway's configuration. */
export type PayerAccount = PayingAccount;

/** An approved claim, and whether it can go into a credit transfer file. */
export type PayableClaim =
  | {
      readonly claimId: string;
      readonly venueId: string;
      readonly amountCents: number;
      readonly payable: true;
      readonly iban: string;
      readonly accountHolder: string;
    }
  | {
      readonly claimId: string;
      readonly venueId: string;
      readonly amountCents: number;
      readonly payable: false;
      /** `no-bank-account`: its venue set none; `claim-id-not-sepa`: its id cannot be an EndToEndId. */
      readonly reason: 'no-bank-account' | 'claim-id-not-sepa';
    };

/** What a SEPA reference (EndToEndId) may hold: at most 35 characters of the SEPA character set. */
const SEPA_REFERENCE = /^[A-Za-z0-9/?:().,'+ -]{1,35}$/;

/**
 * Which approved claims a transfer file can pay: each needs its venue's bank account, and its id goes to the bank
 * as the transfer's EndToEndId, so it must be a SEPA reference.
 */
export function payableClaims(
  claims: readonly ClaimRecord[],
  venues: readonly VenueRecord[],
): PayableClaim[] {
  const accounts = new Map(venues.map((venue) => [venue.venueId, venue.bankAccount]));
  return claims.map((claim): PayableClaim => {
    const base = { claimId: claim.claimId, venueId: claim.venueId, amountCents: claim.totalCents };
    const account = accounts.get(claim.venueId);
    if (account === undefined) {
      return { ...base, payable: false, reason: 'no-bank-account' };
    }
    if (!SEPA_REFERENCE.test(claim.claimId)) {
      return { ...base, payable: false, reason: 'claim-id-not-sepa' };
    }
    return { ...base, payable: true, iban: account.iban, accountHolder: account.accountHolder };
  });
}

/**
 * Text as the SEPA character set allows it: accents dropped (`é` → `e`), any other character outside the set a
 * space, at most `max` characters.
 */
export function sepaText(text: string, max: number): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9/?:().,'+ -]/g, ' ')
    .slice(0, max)
    .trim();
}

/**
 * The message id of a transfer file: the same claims give the same id, so a bank that refuses a message id it has
 * seen refuses a file downloaded twice.
 */
export function messageIdOf(claimIds: readonly string[]): string {
  const digest = createHash('sha256')
    .update([...claimIds].sort().join('\n'))
    .digest('hex');
  return `SP${digest.slice(0, 16)}`;
}

/** What one credit transfer file holds. */
export interface TransferFileRequest {
  readonly payer: PayerAccount;
  readonly claims: readonly (PayableClaim & { payable: true })[];
  /** The day the bank is asked to pay, YYYY-MM-DD. */
  readonly executionDate: string;
  readonly createdAt: Date;
}

/**
 * A SEPA credit transfer initiation (pain.001.001.03) paying each claim to its venue's account, one transfer per
 * claim with the claim id as its EndToEndId, so the bank's statement names the claim each payment was for.
 */
export function creditTransferFile(request: TransferFileRequest): string {
  const messageId = messageIdOf(request.claims.map((claim) => claim.claimId));
  const doc = new Document('pain.001.001.03');
  doc.grpHdr.id = messageId;
  doc.grpHdr.created = request.createdAt;
  doc.grpHdr.initiatorName = sepaText(request.payer.name, 70);
  const payment = doc.createPaymentInfo();
  payment.id = 'P';
  payment.method = 'TRF';
  // The library writes the day of a date in the machine's own time zone: that day's local midnight.
  const [year = 0, month = 1, day = 1] = request.executionDate.split('-').map(Number);
  payment.requestedExecutionDate = new Date(year, month - 1, day);
  payment.debtorIBAN = request.payer.iban;
  payment.debtorName = sepaText(request.payer.name, 70);
  if (request.payer.bic !== undefined) {
    payment.debtorBIC = request.payer.bic;
  }
  doc.addPaymentInfo(payment);
  for (const claim of request.claims) {
    const transfer = payment.createTransaction();
    transfer.end2endId = claim.claimId;
    transfer.amount = claim.amountCents / 100;
    transfer.creditorIBAN = claim.iban;
    transfer.creditorName = sepaText(claim.accountHolder, 70);
    transfer.remittanceInfo = sepaText(`Stadspas declaratie ${claim.claimId}`, 140);
    payment.addTransaction(transfer);
  }
  return doc.toString();
}
