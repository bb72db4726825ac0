import type { ClaimRecord, RecordPaymentRequest } from '@stadspas/chaincode/vocabulary';
import { AppError, isAppError } from '../errors/app-error';
import type { BankStatement, StatementLine } from './bank-statement';

/**
 * What a statement line did:
 * - `paid`: it paid an approved claim in full, now recorded on the ledger;
 * - `already-recorded`: the claim was recorded paid by this same booking before (the statement came twice);
 * - `paid-before`: the claim was recorded paid by another booking: this may be a second payment;
 * - `unknown-claim`: its reference names no claim;
 * - `amount-mismatch`: it paid another amount than the claim asks;
 * - `not-approved`: the claim is not approved (submitted or rejected);
 * - `not-a-claim-payment`: money in, a bank's reversal, another currency, or no reference;
 * - `refused`: the ledger refused to record it (its code and message say why).
 * Only `paid` changes anything.
 */
export type LineOutcome =
  | 'paid'
  | 'already-recorded'
  | 'paid-before'
  | 'unknown-claim'
  | 'amount-mismatch'
  | 'not-approved'
  | 'not-a-claim-payment'
  | 'refused';

export interface ReconciledLine extends StatementLine {
  readonly outcome: LineOutcome;
  /** The claim the line names, when it names one. */
  readonly claimId?: string;
  /** What the claim asks, when the amounts differ. */
  readonly claimCents?: number;
  /** The ledger's refusal, for `refused`. */
  readonly message?: string;
}

/** How reconciling reads and records claims: as the client that uploaded the statement. */
export interface ClaimBook {
  /** The claim, or undefined when there is none. */
  find(claimId: string): Promise<ClaimRecord | undefined>;
  recordPayment(request: RecordPaymentRequest): Promise<ClaimRecord>;
}

function isClaimPayment(line: StatementLine): line is StatementLine & { endToEndId: string } {
  return (
    line.direction === 'DBIT' && !line.reversal && line.currency === 'EUR' && line.endToEndId !== undefined
  );
}

/** Why a line that names a claim cannot pay it, or undefined when it can. */
function unpayableOutcome(
  claim: ClaimRecord | undefined,
  line: StatementLine,
): Pick<ReconciledLine, 'outcome' | 'claimCents'> | undefined {
  if (claim === undefined) {
    return { outcome: 'unknown-claim' };
  }
  if (claim.status === 'paid') {
    return { outcome: claim.paymentReference === line.bankReference ? 'already-recorded' : 'paid-before' };
  }
  if (claim.status !== 'approved') {
    return { outcome: 'not-approved' };
  }
  return claim.totalCents === line.amountCents
    ? undefined
    : { outcome: 'amount-mismatch', claimCents: claim.totalCents };
}

async function reconcileLine(book: ClaimBook, line: StatementLine): Promise<ReconciledLine> {
  if (!isClaimPayment(line)) {
    return { ...line, outcome: 'not-a-claim-payment' };
  }
  const claimId = line.endToEndId;
  const claim = await book.find(claimId);
  const unpayable = unpayableOutcome(claim, line);
  if (unpayable !== undefined) {
    return { ...line, claimId, ...unpayable };
  }
  try {
    await book.recordPayment({
      claimId,
      paymentReference: line.bankReference,
      paidOn: line.bookedOn,
      amountCents: line.amountCents,
    });
    return { ...line, claimId, outcome: 'paid' };
  } catch (error) {
    if (isAppError(error) && error.code !== 'UNAVAILABLE' && error.code !== 'COMMIT_UNKNOWN') {
      return { ...line, claimId, outcome: 'refused', message: error.message };
    }
    throw error;
  }
}

/**
 * Marks paid on the ledger every approved claim a statement of the payer's account paid in full, one line after
 * the other; every other line is listed with what it is and changes nothing. Running it again on the same
 * statement changes nothing more.
 *
 * @throws {AppError} INVALID_ARGUMENT when the statement is of another account than the payer's.
 */
export async function reconcileStatement(
  book: ClaimBook,
  statement: BankStatement,
  payerIban: string,
): Promise<ReconciledLine[]> {
  if (statement.iban !== payerIban) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `camt053: the statement is of account ${statement.iban}, not of the payer's account ${payerIban}`,
    );
  }
  const reconciled: ReconciledLine[] = [];
  for (const line of statement.lines) {
    reconciled.push(await reconcileLine(book, line));
  }
  return reconciled;
}
