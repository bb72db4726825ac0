import type { HolderTransient, IssuePassRequest } from '@stadspas/chaincode/vocabulary';
import { AppError } from '../src/errors/app-error';
import { createQrVerifier } from '../src/qr/qr-verifier';
import { holderHashOf } from '../src/services/holder-hash';
import { makePass } from './support/records';
import { errorOf } from './support/responses';
import { buildTestApp, qrKeyRecordOf } from './support/test-app';

const personalData = {
  name: 'Jantje de Vries',
  bsn: '123456782',
  dateOfBirth: '2015-04-01',
  address: 'Grote Markt 1, 9711 LV Groningen',
};

function newPass(passId = 'SP-0001') {
  return {
    passId,
    category: 'child',
    validFrom: '2026-01-01T00:00:00Z',
    validUntil: '2026-12-31T23:59:59Z',
    personalData,
  };
}

function issuingWorld() {
  const world = buildTestApp();
  world.ledger
    .on('passes:IssuePass', ({ request, identity }) => {
      if (identity.mspId !== 'GemeenteMSP') {
        throw new AppError('FORBIDDEN', 'only the municipality issues passes');
      }
      const issue = request as IssuePassRequest;
      return { ...makePass(), ...issue, vouchers: undefined };
    })
    .on('passes:IssuePasses', ({ request }) => {
      const ids = (request as { passes: IssuePassRequest[] }).passes.map((p) => p.passId);
      return { issued: ids.length, passIds: ids };
    })
    .on('passes:RecordHolder', ({ transient }) => {
      const holder = JSON.parse(transient?.holder ?? '{}') as HolderTransient;
      return { passId: holder.passId, holderRef: 'holder-x' };
    });
  return world;
}

describe('POST /passes', () => {
  it('when a pass is issued, then personal data goes only into the transient map, never a transaction argument', async () => {
    const { http, ledger, clients, as } = issuingWorld();

    const res = await http.post('/api/v1/passes').set(as(clients.staff)).send(newPass());

    expect(res.status).toBe(201);
    const argumentsText = JSON.stringify(ledger.calls.map((call) => call.request));
    for (const value of Object.values(personalData)) {
      expect(argumentsText).not.toContain(value);
    }
    const recordHolder = ledger.callsOf('passes:RecordHolder')[0];
    expect(recordHolder?.request).toBeUndefined();
    expect(JSON.parse(recordHolder?.transient?.holder ?? '{}')).toMatchObject({
      passId: 'SP-0001',
      personalData,
    });
  });

  it('when a pass is issued, then the public hash is sha256 of the salt and the canonical personal data', async () => {
    const { http, ledger, clients, as } = issuingWorld();

    await http.post('/api/v1/passes').set(as(clients.staff)).send(newPass()).expect(201);

    const issued = ledger.callsOf('passes:IssuePass')[0]?.request as IssuePassRequest;
    const holder = JSON.parse(
      ledger.callsOf('passes:RecordHolder')[0]?.transient?.holder ?? '{}',
    ) as HolderTransient;
    expect(issued.holderHash).toBe(holderHashOf(holder.salt, personalData));
    expect(issued.holderHash).toMatch(/^[0-9a-f]{64}$/);
    expect(holder.salt).toMatch(/^[0-9a-f]{32}$/);
  });

  it('when two passes are issued for the same person, then their salts and hashes differ', async () => {
    const { http, ledger, clients, as } = issuingWorld();

    await http.post('/api/v1/passes').set(as(clients.staff)).send(newPass('SP-0001')).expect(201);
    await http.post('/api/v1/passes').set(as(clients.staff)).send(newPass('SP-0002')).expect(201);

    const [first, second] = ledger
      .callsOf('passes:IssuePass')
      .map((c) => (c.request as IssuePassRequest).holderHash);
    expect(first).not.toBe(second);
  });

  it('when a pass is issued, then the answer carries a QR payload that verifies to the pass', async () => {
    const { http, clients, as, signer } = issuingWorld();

    const res = await http.post('/api/v1/passes').set(as(clients.staff)).send(newPass('SP-0100'));

    const { qr, passId } = res.body as { qr: string; passId: string };
    expect(passId).toBe('SP-0100');
    await expect(createQrVerifier().verify(qr, () => Promise.resolve([qrKeyRecordOf(signer)]))).resolves.toBe(
      'SP-0100',
    );
  });

  it('when a venue key issues a pass, then the chaincode’s refusal comes back as 403 and no holder is recorded', async () => {
    const { http, ledger, clients, as } = issuingWorld();

    const res = await http.post('/api/v1/passes').set(as(clients.venue)).send(newPass());

    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe('FORBIDDEN');
    expect(ledger.callsOf('passes:RecordHolder')).toHaveLength(0);
  });

  it.each([
    ['a BSN that is not 9 digits', { ...personalData, bsn: '12345' }],
    ['a BSN that fails the eleven test', { ...personalData, bsn: '123456789' }],
    ['an unknown personal data field', { ...personalData, iban: 'NL00BANK0123456789' }],
    ['a missing name', { bsn: '123456782', dateOfBirth: '2015-04-01', address: 'x' }],
  ])('when personal data has %s, then it is refused with 400 and nothing is sent', async (_case, data) => {
    const { http, ledger, clients, as } = issuingWorld();

    const res = await http
      .post('/api/v1/passes')
      .set(as(clients.staff))
      .send({ ...newPass(), personalData: data });

    expect(res.status).toBe(400);
    expect(ledger.calls).toHaveLength(0);
  });

  it('when an error message is returned, then it never echoes personal data', async () => {
    const { http, clients, as } = issuingWorld();

    const res = await http
      .post('/api/v1/passes')
      .set(as(clients.staff))
      .send({ ...newPass(), personalData: { ...personalData, bsn: 'abc123456' } });

    expect(JSON.stringify(res.body)).not.toContain('abc123456');
  });
});

describe('recording the holder after the pass', () => {
  it('when recording the holder meets network trouble once, then it is tried again and the pass is issued', async () => {
    const { http, ledger, clients, as } = issuingWorld();
    let failures = 1;
    ledger.on('passes:RecordHolder', () => {
      if (failures-- > 0) {
        throw new AppError('UNAVAILABLE', 'no peer could run the request');
      }
      return { passId: 'SP-0001', holderRef: 'holder-x' };
    });

    const res = await http.post('/api/v1/passes').set(as(clients.staff)).send(newPass());

    expect(res.status).toBe(201);
    expect(ledger.callsOf('passes:RecordHolder')).toHaveLength(2);
  });

  it('when recording the holder keeps failing, then the error says the pass was issued without its holder', async () => {
    const { http, ledger, clients, as } = issuingWorld();
    ledger.on('passes:RecordHolder', () => {
      throw new AppError('UNAVAILABLE', 'no peer could run the request');
    });

    const res = await http.post('/api/v1/passes').set(as(clients.staff)).send(newPass());

    expect(res.status).toBe(503);
    expect(errorOf(res).message).toBe(
      'pass SP-0001 was issued, but its holder was not recorded: no peer could run the request',
    );
    expect(ledger.callsOf('passes:RecordHolder')).toHaveLength(3);
  });

  it('when the chaincode refuses the holder, then it is not tried again', async () => {
    const { http, ledger, clients, as } = issuingWorld();
    ledger.on('passes:RecordHolder', () => {
      throw new AppError('INVALID_ARGUMENT', 'personal data does not match the holderHash');
    });

    const res = await http.post('/api/v1/passes').set(as(clients.staff)).send(newPass());

    expect(res.status).toBe(400);
    expect(ledger.callsOf('passes:RecordHolder')).toHaveLength(1);
  });
});

describe('POST /passes/batch', () => {
  it('when a batch is issued, then one transaction issues all and each holder is recorded privately', async () => {
    const { http, ledger, clients, as } = issuingWorld();
    const passes = ['SP-1', 'SP-2', 'SP-3'].map(newPass);

    const res = await http.post('/api/v1/passes/batch').set(as(clients.staff)).send({ passes });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ issued: 3, passIds: ['SP-1', 'SP-2', 'SP-3'] });
    expect(Object.keys((res.body as { qr: object }).qr)).toEqual(['SP-1', 'SP-2', 'SP-3']);
    expect(ledger.callsOf('passes:IssuePasses')).toHaveLength(1);
    expect(ledger.callsOf('passes:RecordHolder')).toHaveLength(3);
  });

  it('when a batch is empty, then it is refused with 400', async () => {
    const { http, clients, as } = issuingWorld();

    const res = await http.post('/api/v1/passes/batch').set(as(clients.staff)).send({ passes: [] });

    expect(res.status).toBe(400);
  });
});

describe('pass life cycle', () => {
  it('when a pass is read, then its status, validity and vouchers with balances come back', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    const pass = makePass();
    ledger.on('passes:GetPass', () => pass);

    const res = await http.get('/api/v1/passes/SP-0001').set(as(clients.staff));

    expect(res.status).toBe(200);
    expect(res.body).toEqual(pass);
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
      { passId: 'SP-0001', validUntil: '2027-12-31T23:59:59Z' },
    ],
    [
      'vouchers',
      { offerId: 'child-sports', amount: 15000 },
      'vouchers:GrantVoucher',
      { passId: 'SP-0001', offerId: 'child-sports', amount: 15000 },
    ],
  ])(
    'when POST /passes/SP-0001/%s is called, then the ledger gets its transaction with the request',
    async (action, body, transaction, expected) => {
      const { http, ledger, clients, as } = buildTestApp();
      ledger.on(transaction, () => ({ ok: true }));

      const res = await http.post(`/api/v1/passes/SP-0001/${action}`).set(as(clients.staff)).send(body);

      expect([200, 201]).toContain(res.status);
      expect(res.headers['x-transaction-id']).toMatch(/^tx-/);
      expect(ledger.callsOf(transaction)[0]?.request).toEqual(expected);
    },
  );

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
