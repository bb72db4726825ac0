import { date, LIMITS, type ClaimRecord } from '@stadspas/chaincode/vocabulary';
import type { ClientIdentity } from '../auth/client-identity';
import { AppError, isAppError } from '../errors/app-error';
import { defineRoute, type AnyRoute } from '../http/route-spec';
import { z } from '../http/zod';
import { getClaim, listClaims, recordPayment } from '../services/claim-cases';
import { everyPage } from '../services/every-page';
import type { ServiceDeps } from '../services/service-deps';
import { listVenues } from '../services/venue-cases';
import { parseBankStatement } from './bank-statement';
import {
  creditTransferFile,
  messageIdOf,
  payableClaims,
  type PayableClaim,
  type PayerAccount,
} from './credit-transfers';
import { reconcileStatement, type ClaimBook } from './reconcile';

const tag = 'payments';

/** Every approved claim the client may see, through every page. */
function approvedClaims(deps: ServiceDeps, client: ClientIdentity): Promise<ClaimRecord[]> {
  return everyPage((bookmark) =>
    listClaims(deps, client, {
      status: 'approved',
      pageSize: LIMITS.maxPageSize,
      ...(bookmark === undefined ? {} : { bookmark }),
    }),
  );
}

function requireAccount(payer: PayerAccount | undefined): PayerAccount {
  if (payer === undefined) {
    throw new AppError(
      'NOT_CONFIGURED',
      'this organisation has no bank account to pay from: give it bankAccount in its network description entry',
    );
  }
  return payer;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

const batchQuery = z.strictObject({
  /** `xml` for the SEPA credit transfer file (pain.001.001.03). */
  format: z.enum(['json', 'xml']).default('json'),
  /** The day the bank is asked to pay; today when left out. */
  executionDate: date.optional(),
});

const payableClaim = z
  .object({
    claimId: z.string(),
    venueId: z.string(),
    amountCents: z.number().int(),
    payable: z.boolean(),
    iban: z.string().optional(),
    accountHolder: z.string().optional(),
    reason: z.enum(['no-bank-account', 'claim-id-not-sepa']).optional(),
  })
  .meta({ id: 'PayableClaim' });

const transferBatch = z
  .object({
    payer: z.object({ iban: z.string(), name: z.string() }),
    executionDate: z.string(),
    /** The file's message id: the same claims give the same id. */
    messageId: z.string(),
    /** The sum of the claims the file pays. */
    totalCents: z.number().int(),
    claims: z.array(payableClaim),
  })
  .meta({ id: 'TransferBatch' });

/** A statement of one day with one transfer, as a bank writes it (the parts the gateway reads). */
const STATEMENT_EXAMPLE =
  '<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">' +
  '<BkToCstmrStmt><Stmt><Id>STMT-2026-04-15</Id><Acct><Id><IBAN>NL20INGB0001234567</IBAN></Id></Acct>' +
  '<Ntry><Amt Ccy="EUR">13.50</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2026-04-15</Dt></BookgDt>' +
  '<AcctSvcrRef>INGB-2026-04-15-0001</AcctSvcrRef><NtryDtls><TxDtls><Refs><EndToEndId>kardinge-2026-03</EndToEndId>' +
  '</Refs></TxDtls></NtryDtls></Ntry></Stmt></BkToCstmrStmt></Document>';

const statementBody = z
  .strictObject({
    /** The bank's statement of the payer's account, camt.053 XML as the bank gave it. */
    camt053: z.string().min(1).max(400_000).meta({ example: STATEMENT_EXAMPLE }),
  })
  .meta({ id: 'BankStatementUpload' });

const reconciledLine = z
  .object({
    outcome: z.enum([
      'paid',
      'already-recorded',
      'paid-before',
      'unknown-claim',
      'amount-mismatch',
      'not-approved',
      'not-a-claim-payment',
      'refused',
    ]),
    claimId: z.string().optional(),
    endToEndId: z.string().optional(),
    amountCents: z.number().int(),
    claimCents: z.number().int().optional(),
    currency: z.string(),
    direction: z.enum(['DBIT', 'CRDT']),
    bookedOn: z.string(),
    bankReference: z.string(),
    reversal: z.boolean(),
    message: z.string().optional(),
  })
  .meta({ id: 'ReconciledLine' });

const reconciliation = z
  .object({ statementId: z.string(), iban: z.string(), lines: z.array(reconciledLine) })
  .meta({ id: 'Reconciliation' });

function claimBookOf(deps: ServiceDeps, client: ClientIdentity): ClaimBook {
  return {
    find: async (claimId) => {
      try {
        return await getClaim(deps, client, claimId);
      } catch (error) {
        if (isAppError(error) && (error.code === 'NOT_FOUND' || error.code === 'INVALID_ARGUMENT')) {
          return undefined;
        }
        throw error;
      }
    },
    recordPayment: async (request) => (await recordPayment(deps, client, request)).result,
  };
}

/**
 * The payer's side of paying venues: the approved claims as one SEPA credit transfer file, and the bank's
 * statement read back to mark the claims it paid. Only on the gateway of an organisation that pays.
 */
export function paymentRoutes(deps: ServiceDeps, payer: PayerAccount | undefined): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/payments/batch',
      tag,
      summary:
        'The approved claims as one SEPA credit transfer to the venues (payer): JSON lists each claim and whether ' +
        'it can be paid; ?format=xml is the pain.001.001.03 file for the bank, EndToEndId = claim id.',
      query: batchQuery,
      status: 200,
      response: transferBatch,
      produces: ['application/xml'],
      forbidden: 'anyone but the payer',
      handle: async ({ client, query }) => {
        const account = requireAccount(payer);
        const [claims, venues] = await Promise.all([approvedClaims(deps, client), listVenues(deps, client)]);
        const all = payableClaims(claims, venues);
        const payable = all.filter((claim): claim is PayableClaim & { payable: true } => claim.payable);
        const executionDate = query.executionDate ?? today();
        const messageId = messageIdOf(payable.map((claim) => claim.claimId));
        if (query.format === 'xml') {
          if (payable.length === 0) {
            throw new AppError('NOT_FOUND', 'no approved claim can be paid by transfer now');
          }
          const xml = creditTransferFile({
            payer: account,
            claims: payable,
            executionDate,
            createdAt: new Date(),
          });
          return {
            headers: { 'Content-Disposition': `attachment; filename="${messageId}.xml"` },
            raw: { contentType: 'application/xml; charset=utf-8', bytes: Buffer.from(xml) },
          };
        }
        return {
          body: {
            payer: { iban: account.iban, name: account.name },
            executionDate,
            messageId,
            totalCents: payable.reduce((sum, claim) => sum + claim.amountCents, 0),
            claims: all,
          },
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/payments/statement',
      tag,
      summary:
        "Read the bank's statement of the payer's account (camt.053): each transfer that paid an approved claim in " +
        'full marks it paid, with the amount, the booking date and the bank’s reference; every other line is listed ' +
        'and changes nothing. The same statement again changes nothing.',
      body: statementBody,
      status: 200,
      response: reconciliation,
      forbidden: 'anyone but the payer',
      handle: async ({ client, body }) => {
        const account = requireAccount(payer);
        const statement = parseBankStatement(body.camt053);
        const lines = await reconcileStatement(claimBookOf(deps, client), statement, account.iban);
        return { body: { statementId: statement.statementId, iban: statement.iban, lines } };
      },
    }),
  ];
}
