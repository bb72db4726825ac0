import { AppError } from '../src/errors/app-error';
import { makePass } from './support/records';
import { buildTestApp } from './support/test-app';

describe('pass life cycle', () => {
  it('when a pass is read, then its status, validity and vouchers with balances come back', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    const pass = makePass();
    ledger.on('passes:GetPass', () => pass);

    const res = await http.get('/api/v1/passes/SP-0001').set(as(clients.staff));

    expect(res.status).toBe(200);
    expect(res.body).toEqual(pass);
  });

  it('when a venue reads a pass by its number, then the chaincode’s refusal comes back as 403 FORBIDDEN', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    ledger.on('passes:GetPass', () => {
      throw new AppError('FORBIDDEN', 'a venue sees a pass only by scanning its card');
    });

    const res = await http.get('/api/v1/passes/SP-0001').set(as(clients.venue));

    expect(res.status).toBe(403);
    expect(ledger.callsOf('passes:GetPass')[0]?.identity.venueId).toBe('zwembad-kardinge');
  });

  it('when an unknown pass is read, then the answer is 404 NOT_FOUND', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    ledger.on('passes:GetPass', () => {
      throw new AppError('NOT_FOUND', 'pass SP-9 does not exist');
    });

    const res = await http.get('/api/v1/passes/SP-9').set(as(clients.staff));

    expect(res.status).toBe(404);
  });

  it.each([
    ['block', { reason: 'card lost' }, 'passes:BlockPass', { passId: 'SP-0001', reason: 'card lost' }],
    ['unblock', {}, 'passes:UnblockPass', { passId: 'SP-0001' }],
    [
      'renew',
      { validUntil: '2027-12-31T23:59:59Z' },
      'passes:RenewPass',
      { passId: 'SP-0001', validUntil: '2027-12-31T23:59:59.000Z' },
    ],
    [
      'vouchers',
      { offerId: 'child-sports', amount: 15000 },
      'vouchers:GrantVoucher',
      { requestId: 'grant-1', passId: 'SP-0001', offerId: 'child-sports', amount: 15000 },
    ],
  ])(
    'when POST /passes/SP-0001/%s is called, then the ledger gets its transaction with the request',
    async (action, body, transaction, expected) => {
      const { http, ledger, clients, as } = buildTestApp();
      ledger.on(transaction, () => ({ ok: true }));

      const res = await http
        .post(`/api/v1/passes/SP-0001/${action}`)
        .set(as(clients.staff))
        .set('Idempotency-Key', 'grant-1')
        .send(body);

      expect([200, 201]).toContain(res.status);
      expect(res.headers['x-transaction-id']).toMatch(/^tx-/);
      expect(ledger.callsOf(transaction)[0]?.request).toEqual(expected);
    },
  );

  it('when a voucher is granted without an Idempotency-Key, then it is refused with 400 and nothing is sent', async () => {
    const { http, ledger, clients, as } = buildTestApp();

    const res = await http
      .post('/api/v1/passes/SP-0001/vouchers')
      .set(as(clients.staff))
      .send({ offerId: 'child-sports', amount: 15000 });

    expect([res.status, (res.body as { error: { code: string } }).error.code]).toEqual([
      400,
      'INVALID_ARGUMENT',
    ]);
    expect(ledger.calls).toEqual([]);
  });

  it('when a pass is blocked without a reason, then it is refused with 400', async () => {
    const { http, clients, as } = buildTestApp();

    const res = await http.post('/api/v1/passes/SP-0001/block').set(as(clients.staff)).send({});

    expect(res.status).toBe(400);
  });

  it('when a card is replaced, then the answer has the new pass and a QR payload for the new card', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    ledger.on('passes:ReplacePass', () => ({
      oldPass: makePass({ status: 'replaced' }),
      newPass: makePass({ passId: 'SP-0002' }),
      movedVouchers: 1,
    }));

    const res = await http
      .post('/api/v1/passes/SP-0001/replace')
      .set(as(clients.staff))
      .send({ newPassId: 'SP-0002' });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ movedVouchers: 1, newPass: { passId: 'SP-0002' } });
    expect((res.body as { qr: string }).qr).toMatch(/^SP1\./);
  });

  it('when the holder is erased, then PurgeHolder is submitted for the pass', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    ledger.on('passes:PurgeHolder', () => ({ passId: 'SP-0001', holderRef: 'holder-1' }));

    const res = await http.delete('/api/v1/passes/SP-0001/holder').set(as(clients.staff));

    expect(res.status).toBe(200);
    expect(ledger.callsOf('passes:PurgeHolder')).toHaveLength(1);
  });

  it('when the history is read, then the ledger’s key history comes back', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    const history = [{ txId: 'tx-1', at: '2026-01-01T00:00:00.000Z', isDelete: false, value: makePass() }];
    ledger.on('passes:GetPassHistory', () => history);

    const res = await http.get('/api/v1/passes/SP-0001/history').set(as(clients.staff));

    expect(res.body).toEqual(history);
  });
});

describe('GET /passes/{passId}/qr', () => {
  it.each([
    ['png', 'image/png'],
    ['svg', 'image/svg+xml'],
  ])('when the %s image is asked for, then it comes back as %s', async (format, type) => {
    const { http, ledger, clients, as } = buildTestApp();
    ledger.on('passes:GetPass', () => makePass());

    const res = await http
      .get(`/api/v1/passes/SP-0001/qr?format=${format}`)
      .set(as(clients.staff))
      .buffer(true);

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain(type);
  });

  it('when the gateway holds no signing key, then the image is refused with 403', async () => {
    const { http, ledger, clients, as } = buildTestApp({ qrSigner: undefined });
    ledger.on('passes:GetPass', () => makePass());

    const res = await http.get('/api/v1/passes/SP-0001/qr').set(as(clients.staff));

    expect(res.status).toBe(403);
  });

  it('when the format is unknown, then it is refused with 400', async () => {
    const { http, clients, as } = buildTestApp();

    const res = await http.get('/api/v1/passes/SP-0001/qr?format=gif').set(as(clients.staff));

    expect(res.status).toBe(400);
  });
});
