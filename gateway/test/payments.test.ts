import type { ClaimRecord, VenueRecord } from '@stadspas/chaincode/vocabulary';
import { AppError } from '../src/errors/app-error';
import { centsOf, parseBankStatement } from '../src/payments/bank-statement';
import { creditTransferFile, messageIdOf, payableClaims, sepaText } from '../src/payments/credit-transfers';
import { buildTestApp } from './support/test-app';

const SVB_IBAN = 'NL20INGB0001234567';
const VENUE_IBAN = 'NL39RABO0300065264';

function claim(overrides: Partial<ClaimRecord> = {}): ClaimRecord {
  return {
    claimId: 'kardinge-2026-03',
    funderMspId: 'GemeenteMSP',
    periodFrom: '2026-03-01T00:00:00.000Z',
    periodTo: '2026-04-01T00:00:00.000Z',
    venueId: 'zwembad-kardinge',
    redemptionIds: ['tx1', 'tx2', 'tx3'],
    totalCents: 1350,
    status: 'approved',
    submittedAt: '2026-04-01T08:00:00.000Z',
    ...overrides,
  };
}

function venue(venueId: string, bankAccount?: VenueRecord['bankAccount']): VenueRecord {
  return {
    venueId,
    name: 'Sportcentrum Kardinge',
    kind: 'swimming-pool',
    mspId: 'VenuesMSP',
    status: 'active',
    registeredAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...(bankAccount === undefined ? {} : { bankAccount }),
  };
}

const kardinge = venue('zwembad-kardinge', {
  iban: VENUE_IBAN,
  accountHolder: 'Sportcentrum Kardinge B.V.',
  setAt: '2026-01-02T00:00:00.000Z',
});

interface Line {
  readonly endToEndId?: string;
  readonly amount: string;
  readonly direction?: 'DBIT' | 'CRDT';
  readonly reference?: string;
  readonly details?: string;
}

function statement(lines: readonly Line[], iban = SVB_IBAN): string {
  const entries = lines.map(
    (line, i) =>
      `<Ntry><Amt Ccy="EUR">${line.amount}</Amt><CdtDbtInd>${line.direction ?? 'DBIT'}</CdtDbtInd>` +
      `<BookgDt><Dt>2026-04-15</Dt></BookgDt><AcctSvcrRef>${line.reference ?? `REF-${String(i)}`}</AcctSvcrRef>` +
      (line.details ??
        (line.endToEndId === undefined
          ? ''
          : `<NtryDtls><TxDtls><Refs><EndToEndId>${line.endToEndId}</EndToEndId></Refs></TxDtls></NtryDtls>`)) +
      '</Ntry>',
  );
  return (
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Id>S1</Id>' +
    `<Acct><Id><IBAN>${iban}</IBAN></Id></Acct>${entries.join('')}</Stmt></BkToCstmrStmt></Document>`
  );
}

describe('the bank statement (camt.053)', () => {
  it.each([
    ['12.5', 1250],
    ['12.50', 1250],
    ['0.05', 5],
    ['1000', 100_000],
  ])('when an amount is %s, then it is %i cents exactly', (amount, cents) => {
    expect(centsOf(amount)).toBe(cents);
  });

  it.each(['12.345', '-1.00', '1,50', '', '1e3'])('when an amount is “%s”, then it is refused', (amount) => {
    expect(() => centsOf(amount)).toThrow(/^INVALID_ARGUMENT: camt053: amount/);
  });

  it('when an entry books several transfers, then each is a line with the entry’s reference and its place', () => {
    const details =
      '<NtryDtls><TxDtls><Refs><EndToEndId>a-1</EndToEndId></Refs><AmtDtls><TxAmt><Amt Ccy="EUR">1.00</Amt>' +
      '</TxAmt></AmtDtls></TxDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs><AmtDtls><TxAmt>' +
      '<Amt Ccy="EUR">2.00</Amt></TxAmt></AmtDtls></TxDtls></NtryDtls>';

    const read = parseBankStatement(statement([{ amount: '3.00', reference: 'BATCH-7', details }]));

    expect(read.iban).toBe(SVB_IBAN);
    expect(read.lines).toEqual([
      expect.objectContaining({ endToEndId: 'a-1', amountCents: 100, bankReference: 'BATCH-7/1' }),
      expect.objectContaining({ endToEndId: undefined, amountCents: 200, bankReference: 'BATCH-7/2' }),
    ]);
  });

  it.each([
    ['no XML at all', 'this is not a statement'],
    ['another message', '<Document><CstmrCdtTrfInitn/></Document>'],
    [
      'an entry that is neither debit nor credit',
      statement([{ amount: '1.00', direction: 'XXXX' as 'DBIT' }]),
    ],
    ['no account', statement([]).replace(/<Acct>.*<\/Acct>/, '')],
  ])('when the upload is %s, then it is refused and names what is wrong', (_what, xml) => {
    expect(() => parseBankStatement(xml)).toThrow(/^INVALID_ARGUMENT: camt053: /);
  });
});

describe('the credit transfer file (pain.001)', () => {
  it('when a venue has no account, or a claim id cannot be a SEPA reference, then the claim is listed but not paid', () => {
    const claims = [
      claim(),
      claim({ claimId: 'helpman-2026-03', venueId: 'sportclub-helpman' }),
      claim({ claimId: 'kardinge_2026_04' }),
      claim({ claimId: 'k'.repeat(36) }),
    ];

    const payable = payableClaims(claims, [kardinge, venue('sportclub-helpman')]);

    expect(payable.map((c) => (c.payable ? 'payable' : c.reason))).toEqual([
      'payable',
      'no-bank-account',
      'claim-id-not-sepa',
      'claim-id-not-sepa',
    ]);
  });

  it('when names carry accents or signs outside the SEPA set, then they are written without them', () => {
    expect(sepaText('Café “De Ünie” & Zn', 70)).toBe('Cafe  De Unie    Zn');
    expect(sepaText('x'.repeat(80), 70)).toHaveLength(70);
  });

  it('when the same claims come in another order, then the file has the same message id', () => {
    expect(messageIdOf(['b', 'a'])).toBe(messageIdOf(['a', 'b']));
    expect(messageIdOf(['a'])).not.toBe(messageIdOf(['a', 'b']));
    expect(messageIdOf(['a']).length).toBeLessThanOrEqual(18);
  });

  it('when a file is made, then each claim is one transfer with its id as EndToEndId and its amount in euros', () => {
    const [payable] = payableClaims([claim({ totalCents: 5 })], [kardinge]);
    if (payable?.payable !== true) {
      throw new Error('the claim should be payable');
    }

    const xml = creditTransferFile({
      payer: { iban: SVB_IBAN, name: 'Sociale Verzekeringsbank', bic: 'INGBNL2A' },
      claims: [payable],
      executionDate: '2026-04-14',
      createdAt: new Date('2026-04-13T10:00:00Z'),
    });

    expect(xml).toContain('<EndToEndId>kardinge-2026-03</EndToEndId>');
    expect(xml).toContain('<InstdAmt Ccy="EUR">0.05</InstdAmt>');
    expect(xml).toContain('<ReqdExctnDt>2026-04-14</ReqdExctnDt>');
    expect(xml).toContain(`<DbtrAcct><Id><IBAN>${SVB_IBAN}</IBAN></Id></DbtrAcct>`);
    expect(xml).toContain(`<CdtrAcct><Id><IBAN>${VENUE_IBAN}</IBAN></Id></CdtrAcct>`);
    expect(xml).toContain('<BIC>INGBNL2A</BIC>');
  });
});

describe('the payment routes', () => {
  function payerApp(claims: Record<string, ClaimRecord>, overrides = {}): ReturnType<typeof buildTestApp> {
    const app = buildTestApp(overrides);
    app.ledger.on('claims:GetClaim', (call) => {
      const found = claims[(call.request as { claimId: string }).claimId];
      if (found === undefined) {
        throw new AppError('NOT_FOUND', 'no such claim');
      }
      return found;
    });
    app.ledger.on('claims:RecordPayment', (call) => {
      const request = call.request as { claimId: string; amountCents: number };
      if (request.claimId === 'refused-2026-03') {
        throw new AppError('INVALID_STATE_TRANSITION', 'claim refused-2026-03 is paid, not approved');
      }
      return { ...claims[request.claimId], status: 'paid', paidCents: request.amountCents };
    });
    app.ledger.on('claims:ListClaims', () => ({
      items: Object.values(claims),
      bookmark: '',
      fetchedCount: 1,
    }));
    app.ledger.on('venues:ListVenues', () => [kardinge]);
    return app;
  }

  it('when the payer has no account configured, then the batch and the statement answer NOT_CONFIGURED', async () => {
    const { http, clients, as } = payerApp({}, { payerAccount: undefined });

    const batch = await http.get('/api/v1/payments/batch').set(as(clients.payer));
    const upload = await http
      .post('/api/v1/payments/statement')
      .set(as(clients.payer))
      .send({ camt053: statement([]) });

    expect([batch.status, upload.status]).toEqual([409, 409]);
    expect((batch.body as { error: { code: string } }).error.code).toBe('NOT_CONFIGURED');
  });

  it('when the organisation does not pay, then it has no payment routes', async () => {
    const { http, clients, as } = payerApp({}, { roles: ['municipality'] });

    expect((await http.get('/api/v1/payments/batch').set(as(clients.admin))).status).toBe(404);
  });

  it('when the statement is of another account, then it is refused and nothing is recorded', async () => {
    const { http, clients, as, ledger } = payerApp({ 'kardinge-2026-03': claim() });

    const res = await http
      .post('/api/v1/payments/statement')
      .set(as(clients.payer))
      .send({ camt053: statement([{ endToEndId: 'kardinge-2026-03', amount: '13.50' }], VENUE_IBAN) });

    expect(res.status).toBe(400);
    expect(ledger.callsOf('claims:RecordPayment')).toHaveLength(0);
  });

  it('when lines pay, mispay, repeat or name no claim, then only a full payment of an approved claim is recorded', async () => {
    const { http, clients, as, ledger } = payerApp({
      'kardinge-2026-03': claim(),
      'kardinge-2026-02': claim({ claimId: 'kardinge-2026-02', status: 'paid', paymentReference: 'REF-2' }),
      'kardinge-2026-01': claim({ claimId: 'kardinge-2026-01', status: 'paid', paymentReference: 'OTHER' }),
      'museum-2026-03': claim({ claimId: 'museum-2026-03', status: 'submitted' }),
      'short-2026-03': claim({ claimId: 'short-2026-03' }),
      'refused-2026-03': claim({ claimId: 'refused-2026-03' }),
    });

    const res = await http
      .post('/api/v1/payments/statement')
      .set(as(clients.payer))
      .send({
        camt053: statement([
          { endToEndId: 'kardinge-2026-03', amount: '13.50' },
          { endToEndId: 'short-2026-03', amount: '13.00' },
          { endToEndId: 'kardinge-2026-02', amount: '13.50' },
          { endToEndId: 'kardinge-2026-01', amount: '13.50' },
          { endToEndId: 'museum-2026-03', amount: '13.50' },
          { endToEndId: 'unknown-2026-03', amount: '13.50' },
          { endToEndId: 'kardinge-2026-03', amount: '13.50', direction: 'CRDT' },
          { endToEndId: 'refused-2026-03', amount: '13.50' },
        ]),
      });

    expect(res.status).toBe(200);
    const lines = (res.body as { lines: { outcome: string; message?: string }[] }).lines;
    expect(lines.map((line) => line.outcome)).toEqual([
      'paid',
      'amount-mismatch',
      'already-recorded',
      'paid-before',
      'not-approved',
      'unknown-claim',
      'not-a-claim-payment',
      'refused',
    ]);
    expect(lines[7]?.message).toMatch(/^INVALID_STATE_TRANSITION: /);
    expect(ledger.callsOf('claims:RecordPayment').map((call) => call.request)).toEqual([
      { claimId: 'kardinge-2026-03', paymentReference: 'REF-0', paidOn: '2026-04-15', amountCents: 1350 },
      { claimId: 'refused-2026-03', paymentReference: 'REF-7', paidOn: '2026-04-15', amountCents: 1350 },
    ]);
  });

  it('when the payer asks for the batch, then it lists every approved claim and the file pays the payable ones', async () => {
    const { http, clients, as } = payerApp({
      'kardinge-2026-03': claim(),
      'helpman-2026-03': claim({ claimId: 'helpman-2026-03', venueId: 'sportclub-helpman', totalCents: 900 }),
    });

    const batch = await http.get('/api/v1/payments/batch?executionDate=2026-04-14').set(as(clients.payer));
    const file = await http.get('/api/v1/payments/batch?format=xml').set(as(clients.payer));

    expect(batch.body).toMatchObject({
      payer: { iban: SVB_IBAN },
      executionDate: '2026-04-14',
      totalCents: 1350,
      claims: [
        { claimId: 'kardinge-2026-03', payable: true, iban: VENUE_IBAN },
        { claimId: 'helpman-2026-03', payable: false, reason: 'no-bank-account' },
      ],
    });
    expect(file.headers['content-type']).toMatch(/^application\/xml/);
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="SP[0-9a-f]{16}\.xml"$/);
    expect(file.text).toContain('<NbOfTxs>1</NbOfTxs>');
  });
});
