import { XMLParser } from 'fast-xml-parser';
import { AppError } from '../errors/app-error';

/** One booking on a bank statement, as far as paying claims goes. */
export interface StatementLine {
  /** The sender's reference: for our transfers, the claim id. Absent when the bank gives none. */
  readonly endToEndId: string | undefined;
  readonly amountCents: number;
  readonly currency: string;
  /** `DBIT`: money left the account (a payment); `CRDT`: money came in. */
  readonly direction: 'DBIT' | 'CRDT';
  /** The day the bank booked it, YYYY-MM-DD. */
  readonly bookedOn: string;
  /** The bank's own reference of the booking. */
  readonly bankReference: string;
  /** Whether the bank marks the booking as the reversal of an earlier one (a returned transfer). */
  readonly reversal: boolean;
}

/** A bank-to-customer statement (camt.053): its account and bookings. */
export interface BankStatement {
  readonly statementId: string;
  readonly iban: string;
  readonly lines: StatementLine[];
}

type Node = Record<string, unknown>;

const LISTS = new Set(['Stmt', 'Ntry', 'NtryDtls', 'TxDtls']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => LISTS.has(name),
});

function invalid(message: string): never {
  throw new AppError('INVALID_ARGUMENT', `camt053: ${message}`);
}

function child(node: unknown, ...path: string[]): unknown {
  let current = node;
  for (const name of path) {
    current = typeof current === 'object' && current !== null ? (current as Node)[name] : undefined;
  }
  return current;
}

function text(node: unknown, ...path: string[]): string | undefined {
  const value = child(node, ...path);
  if (typeof value === 'string') {
    return value.trim();
  }
  const inner = child(value, '#text');
  return typeof inner === 'string' ? inner.trim() : undefined;
}

function list(node: unknown, name: string): unknown[] {
  const value = child(node, name);
  return Array.isArray(value) ? value : [];
}

/**
 * An amount of a statement in cents, exactly: `12.5` and `12.50` are 1250 cents; more than two decimals, a sign
 * or anything else is refused.
 */
export function centsOf(amount: string | undefined): number {
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(amount ?? '');
  if (match === null) {
    return invalid(`amount ${amount ?? '(none)'} is not a decimal amount with at most two decimals`);
  }
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

function amountOf(node: unknown, where: string): { cents: number; currency: string } {
  const amount = child(node, 'Amt');
  const currency = child(amount, '@Ccy');
  if (typeof currency !== 'string') {
    return invalid(`${where} has no amount with a currency`);
  }
  return { cents: centsOf(text(node, 'Amt')), currency };
}

function entryLines(entry: unknown, index: number): StatementLine[] {
  const where = `entry ${String(index + 1)}`;
  const direction = text(entry, 'CdtDbtInd');
  if (direction !== 'DBIT' && direction !== 'CRDT') {
    return invalid(`${where} is neither DBIT nor CRDT`);
  }
  const bookedOn = (text(entry, 'BookgDt', 'Dt') ?? text(entry, 'BookgDt', 'DtTm'))?.slice(0, 10);
  if (bookedOn === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(bookedOn)) {
    return invalid(`${where} has no booking date`);
  }
  const entryAmount = amountOf(entry, where);
  const entryReference = text(entry, 'AcctSvcrRef');
  const reversal = text(entry, 'RvslInd') === 'true';
  const details = list(entry, 'NtryDtls').flatMap((d) => list(d, 'TxDtls'));
  const of = (tx: unknown, n: number): StatementLine => {
    const txAmount =
      child(tx, 'AmtDtls', 'TxAmt') !== undefined
        ? amountOf(child(tx, 'AmtDtls', 'TxAmt'), where)
        : child(tx, 'Amt') !== undefined
          ? amountOf(tx, where)
          : entryAmount;
    const bankReference = text(tx, 'Refs', 'AcctSvcrRef') ?? entryReference;
    if (bankReference === undefined) {
      return invalid(`${where} has no reference of the bank (AcctSvcrRef)`);
    }
    const endToEndId = text(tx, 'Refs', 'EndToEndId');
    return {
      endToEndId: endToEndId === undefined || endToEndId === 'NOTPROVIDED' ? undefined : endToEndId,
      amountCents: txAmount.cents,
      currency: txAmount.currency,
      direction,
      bookedOn,
      // One entry may book several transfers: each gets the entry's reference and its place in it.
      bankReference:
        details.length > 1 && text(tx, 'Refs', 'AcctSvcrRef') === undefined
          ? `${bankReference}/${String(n + 1)}`
          : bankReference,
      reversal,
    };
  };
  return details.length === 0 ? [of(undefined, 0)] : details.map((tx, n) => of(tx, n));
}

/**
 * Reads a bank-to-customer statement (camt.053, any version: the elements read are the same in each).
 *
 * @throws {AppError} INVALID_ARGUMENT when it is not well-formed XML or not a camt.053 statement of one IBAN.
 */
export function parseBankStatement(xml: string): BankStatement {
  let document: unknown;
  try {
    document = parser.parse(xml);
  } catch (error) {
    return invalid(`not well-formed XML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const statements = list(child(document, 'Document', 'BkToCstmrStmt'), 'Stmt');
  if (statements.length !== 1) {
    return invalid(
      `expected one statement (Document/BkToCstmrStmt/Stmt), found ${String(statements.length)}`,
    );
  }
  const [statement] = statements;
  const iban = text(statement, 'Acct', 'Id', 'IBAN');
  if (iban === undefined) {
    return invalid('the statement names no account IBAN');
  }
  return {
    statementId: text(statement, 'Id') ?? '',
    iban,
    lines: list(statement, 'Ntry').flatMap((entry, index) => entryLines(entry, index)),
  };
}
