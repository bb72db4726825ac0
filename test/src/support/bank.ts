import { XMLParser } from 'fast-xml-parser';

/** One credit transfer a pain.001 file asks the bank to make. */
export interface Transfer {
  readonly endToEndId: string;
  /** As the file writes it: euros with two decimals. */
  readonly amount: string;
  readonly creditorIban: string;
  readonly creditorName: string;
}

/** What a payment file asks of the bank: the account it debits and its transfers. */
export interface PaymentOrder {
  readonly messageId: string;
  readonly debtorIban: string;
  readonly executionDate: string;
  readonly transfers: readonly Transfer[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => name === 'PmtInf' || name === 'CdtTrfTxInf',
});

interface Node {
  readonly [name: string]: Node | Node[] | string | undefined;
}

function at(node: unknown, ...path: string[]): Node {
  let current = node;
  for (const name of path) {
    current = (current as Node)[name];
  }
  return current as Node;
}

function textAt(node: unknown, ...path: string[]): string {
  const value = at(node, ...path) as Node | string;
  const text = typeof value === 'string' ? value : value['#text'];
  if (typeof text !== 'string') {
    throw new Error(`no text at ${path.join('/')}`);
  }
  return text;
}

/** Reads a SEPA credit transfer initiation (pain.001.001.03) as a bank would. */
export function readPaymentOrder(xml: string): PaymentOrder {
  const initiation = at(parser.parse(xml), 'Document', 'CstmrCdtTrfInitn');
  const payments = initiation.PmtInf as Node[];
  const [payment] = payments;
  return {
    messageId: textAt(initiation, 'GrpHdr', 'MsgId'),
    debtorIban: textAt(payment, 'DbtrAcct', 'Id', 'IBAN'),
    executionDate: textAt(payment, 'ReqdExctnDt'),
    transfers: payments.flatMap((p) =>
      (p.CdtTrfTxInf as Node[]).map((tx) => ({
        endToEndId: textAt(tx, 'PmtId', 'EndToEndId'),
        amount: textAt(tx, 'Amt', 'InstdAmt'),
        creditorIban: textAt(tx, 'CdtrAcct', 'Id', 'IBAN'),
        creditorName: textAt(tx, 'Cdtr', 'Nm'),
      })),
    ),
  };
}

/** One booking on the account, as a bank statement lists it. */
export interface Booking {
  readonly endToEndId?: string;
  /** Euros with two decimals. */
  readonly amount: string;
  readonly direction: 'DBIT' | 'CRDT';
  /** The bank's own reference of the booking. */
  readonly reference: string;
}

const BANK_TRANSACTION = {
  DBIT: '<Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn>',
  CRDT: '<Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn>',
};

function entry(booking: Booking, bookedOn: string): string {
  const reference =
    booking.endToEndId === undefined ? '' : `<Refs><EndToEndId>${booking.endToEndId}</EndToEndId></Refs>`;
  return (
    `<Ntry><Amt Ccy="EUR">${booking.amount}</Amt><CdtDbtInd>${booking.direction}</CdtDbtInd><Sts>BOOK</Sts>` +
    `<BookgDt><Dt>${bookedOn}</Dt></BookgDt><ValDt><Dt>${bookedOn}</Dt></ValDt>` +
    `<AcctSvcrRef>${booking.reference}</AcctSvcrRef><BkTxCd>${BANK_TRANSACTION[booking.direction]}</BkTxCd>` +
    `<NtryDtls><TxDtls>${reference}<AmtDtls><TxAmt><Amt Ccy="EUR">${booking.amount}</Amt></TxAmt></AmtDtls>` +
    `</TxDtls></NtryDtls></Ntry>`
  );
}

/** A bank-to-customer statement (camt.053.001.02) of one account and day, as the bank sends it. */
export function bankStatement(iban: string, bookedOn: string, bookings: readonly Booking[]): string {
  const id = `STMT-${bookedOn}-${bookings
    .map((b) => b.reference)
    .join('')
    .length.toString(36)}`;
  const created = `${bookedOn}T18:00:00`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>' +
    `<GrpHdr><MsgId>${id}</MsgId><CreDtTm>${created}</CreDtTm></GrpHdr>` +
    `<Stmt><Id>${id}</Id><CreDtTm>${created}</CreDtTm><Acct><Id><IBAN>${iban}</IBAN></Id></Acct>` +
    '<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">100000.00</Amt>' +
    `<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>${bookedOn}</Dt></Dt></Bal>` +
    bookings.map((booking) => entry(booking, bookedOn)).join('') +
    '</Stmt></BkToCstmrStmt></Document>'
  );
}
