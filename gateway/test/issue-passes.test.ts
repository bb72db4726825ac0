import {
  HOLDERS_TRANSIENT_KEY,
  LIMITS,
  type HolderTransient,
  type PersonalData,
} from '@stadspas/chaincode/vocabulary';
import { AppError } from '../src/errors/app-error';
import { createQrVerifier } from '../src/qr/qr-verifier';
import type { LedgerCall } from './support/fake-ledger';
import { openPassRegister, type PassRegister } from './support/pass-register';
import { errorOf } from './support/responses';
import { buildTestApp, qrKeyRecordOf, type TestApp } from './support/test-app';

const personalData: PersonalData = {
  name: 'Jantje de Vries',
  bsn: '123456782',
  dateOfBirth: '2015-04-01',
  address: 'Grote Markt 1, 9711 LV Groningen',
};

function newPass(passId = 'SP-0001'): {
  passId: string;
  category: string;
  validFrom: string;
  validUntil: string;
  personalData: PersonalData;
} {
  return {
    passId,
    category: 'child',
    validFrom: '2026-01-01T00:00:00Z',
    validUntil: '2026-12-31T23:59:59Z',
    personalData,
  };
}

/** A gateway over a ledger that keeps the chaincode's issuing rules. */
function issuingWorld(): TestApp & { register: PassRegister } {
  const world = buildTestApp();
  return { ...world, register: openPassRegister(world.ledger) };
}

/** The holder a `passes:RecordHolder` call carried in its transient map. */
function holderOf(call: LedgerCall | undefined): HolderTransient {
  return JSON.parse(call?.transient?.holder ?? '{}') as HolderTransient;
}

/** The holders a `passes:RecordHolders` call carried in its transient map. */
function holdersOf(call: LedgerCall | undefined): HolderTransient[] {
  return JSON.parse(call?.transient?.[HOLDERS_TRANSIENT_KEY] ?? '[]') as HolderTransient[];
}

/** The transactions the gateway submitted, in order. */
function submitted(calls: readonly LedgerCall[]): string[] {
  return calls.filter((call) => call.kind === 'submit').map((call) => call.transaction);
}

describe('POST /passes', () => {
  it('when a pass is issued, then its holder is recorded first and the pass after it', async () => {
    const { http, ledger, register, clients, as } = issuingWorld();

    const res = await http.post('/api/v1/passes').set(as(clients.staff)).send(newPass());

    expect(res.status).toBe(201);
    expect(submitted(ledger.calls)).toEqual(['passes:RecordHolder', 'passes:IssuePass']);
    expect(register.passes.get('SP-0001')?.holderRef).toMatch(/^holder-/);
    expect(res.body).toMatchObject({ passId: 'SP-0001', pass: { passId: 'SP-0001', status: 'active' } });
    expect(res.headers['x-transaction-id']).toBe('tx-2');
  });

  it('when a pass is issued, then personal data goes only into the transient map, never a transaction argument', async () => {
    const { http, ledger, clients, as } = issuingWorld();

    await http.post('/api/v1/passes').set(as(clients.staff)).send(newPass()).expect(201);

    const argumentsText = JSON.stringify(ledger.calls.map((call) => call.request));
    for (const value of Object.values(personalData)) {
      expect(argumentsText).not.toContain(value);
    }
    const recordHolder = ledger.callsOf('passes:RecordHolder')[0];
    expect(recordHolder?.request).toBeUndefined();
    expect(holderOf(recordHolder)).toMatchObject({ passId: 'SP-0001', personalData });
  });

  it('when passes are issued, then every call carrying personal data names the municipality as its only endorser', async () => {
    const { http, ledger, clients, as } = issuingWorld();

    await http.post('/api/v1/passes').set(as(clients.staff)).send(newPass()).expect(201);
    await http
      .post('/api/v1/passes/batch')
      .set(as(clients.staff))
      .send({ passes: [newPass('SP-0002')] })
      .expect(201);

    const carrying = ledger.calls.filter((call) => call.transient !== undefined);
    expect(carrying.map((call) => call.transaction)).toEqual(['passes:RecordHolder', 'passes:RecordHolders']);
    for (const call of carrying) {
      expect(call.endorsingOrganizations).toEqual(['GemeenteMSP']);
    }
  });

  it('when a pass is issued, then the public request names no hash: the ledger derives it from the private record', async () => {
    const { http, ledger, clients, as } = issuingWorld();

    await http.post('/api/v1/passes').set(as(clients.staff)).send(newPass()).expect(201);

    const request = ledger.callsOf('passes:IssuePass')[0]?.request as object;
    expect(Object.keys(request).sort()).toEqual([
      'category',
      'holderRef',
      'passId',
      'validFrom',
      'validUntil',
    ]);
  });

  it('when two passes are issued for the same person, then each holder record gets its own random salt', async () => {
    const { http, ledger, register, clients, as } = issuingWorld();

    await http.post('/api/v1/passes').set(as(clients.staff)).send(newPass('SP-0001')).expect(201);
    await http.post('/api/v1/passes').set(as(clients.staff)).send(newPass('SP-0002')).expect(201);

    const [first, second] = ledger.callsOf('passes:RecordHolder').map((call) => holderOf(call).salt);
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(second).toMatch(/^[0-9a-f]{32}$/);
    expect(first).not.toBe(second);
    expect(register.passes.get('SP-0001')?.holderHash).not.toBe(register.passes.get('SP-0002')?.holderHash);
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

  it('when a venue key issues a pass, then it is refused with 403 before any personal data leaves the gateway', async () => {
    const { http, ledger, clients, as } = issuingWorld();

    const res = await http.post('/api/v1/passes').set(as(clients.venue)).send(newPass());

    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe('FORBIDDEN');
    expect(ledger.calls).toHaveLength(0);
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

describe('POST /passes, validated whole before anything is recorded', () => {
  it.each([
    ['validFrom after validUntil', { validFrom: '2026-12-31T00:00:00Z', validUntil: '2026-01-01T00:00:00Z' }],
    [
      'validFrom equal to validUntil',
      { validFrom: '2026-06-01T00:00:00Z', validUntil: '2026-06-01T00:00:00.000Z' },
    ],
    ['a day that does not exist', { validUntil: '2026-02-30T00:00:00Z' }],
    ['an hour that does not exist', { validFrom: '2026-01-01T24:30:00Z' }],
  ])('when the pass has %s, then it is refused with 400 and nothing is sent', async (_case, dates) => {
    const { http, ledger, clients, as } = issuingWorld();

    const res = await http
      .post('/api/v1/passes')
      .set(as(clients.staff))
      .send({ ...newPass(), ...dates });

    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('INVALID_ARGUMENT');
    expect(ledger.calls).toHaveLength(0);
  });

  it('when a batch names a pass twice, then it is refused with 400 and nothing is sent', async () => {
    const { http, ledger, clients, as } = issuingWorld();
    const passes = ['SP-1', 'SP-2', 'SP-1'].map(newPass);

    const res = await http.post('/api/v1/passes/batch').set(as(clients.staff)).send({ passes });

    expect(res.status).toBe(400);
    expect(errorOf(res).message).toBe('body.passes: holds a passId twice');
    expect(ledger.calls).toHaveLength(0);
  });

  it('when one pass of a batch ends before it starts, then the batch is refused with 400 and nothing is sent', async () => {
    const { http, ledger, clients, as } = issuingWorld();
    const passes = [newPass('SP-1'), { ...newPass('SP-2'), validUntil: '2025-01-01T00:00:00Z' }];

    const res = await http.post('/api/v1/passes/batch').set(as(clients.staff)).send({ passes });

    expect(res.status).toBe(400);
    expect(errorOf(res).message).toBe('body.passes.1.validUntil: must be after validFrom');
    expect(ledger.calls).toHaveLength(0);
  });
});

describe('POST /passes when a step fails', () => {
  it('when recording the holder fails, then no pass is issued and the ledger’s error comes back', async () => {
    const { http, ledger, register, clients, as } = issuingWorld();
    ledger.on('passes:RecordHolder', () => {
      throw new AppError('UNAVAILABLE', 'no peer could run the request');
    });

    const res = await http.post('/api/v1/passes').set(as(clients.staff)).send(newPass());

    expect(res.status).toBe(503);
    expect(errorOf(res)).toMatchObject({ code: 'UNAVAILABLE', message: 'no peer could run the request' });
    expect(ledger.callsOf('passes:IssuePass')).toHaveLength(0);
    expect(register.passes.size).toBe(0);
  });

  it('when issuing fails after the holder was recorded, then repeating the request records it again and issues', async () => {
    const { http, ledger, register, clients, as } = issuingWorld();
    const issueByRule = ledger.handlerOf('passes:IssuePass');
    let failures = 1;
    ledger.on('passes:IssuePass', (call) => {
      if (failures-- > 0) {
        throw new AppError('UNAVAILABLE', 'no peer could run the request');
      }
      return issueByRule(call);
    });

    const first = await http.post('/api/v1/passes').set(as(clients.staff)).send(newPass());
    const second = await http.post('/api/v1/passes').set(as(clients.staff)).send(newPass());

    expect(first.status).toBe(503);
    expect(second.status).toBe(201);
    expect(submitted(ledger.calls)).toEqual([
      'passes:RecordHolder',
      'passes:IssuePass',
      'passes:PurgeHolder',
      'passes:RecordHolder',
      'passes:IssuePass',
    ]);
    expect(register.passes.has('SP-0001')).toBe(true);
  });

  it('when an endorsing peer has not committed the holder yet, then the issue is sent again until it has', async () => {
    const { http, ledger, register, clients, as } = issuingWorld();
    const issueByRule = ledger.handlerOf('passes:IssuePass');
    let behind = 2;
    ledger.on('passes:IssuePass', (call) => {
      if (behind-- > 0) {
        throw new AppError(
          'NOT_FOUND',
          'no holder recorded for pass SP-0001: record the holder (passes:RecordHolder) first',
        );
      }
      return issueByRule(call);
    });

    const res = await http.post('/api/v1/passes').set(as(clients.staff)).send(newPass());

    expect(res.status).toBe(201);
    expect(submitted(ledger.calls)).toEqual([
      'passes:RecordHolder',
      'passes:IssuePass',
      'passes:IssuePass',
      'passes:IssuePass',
    ]);
    expect(register.passes.has('SP-0001')).toBe(true);
  });

  it('when the chaincode refuses the issue after the holder was recorded, then the holder record is erased again', async () => {
    const { http, ledger, register, clients, as } = issuingWorld();
    ledger.on('passes:IssuePass', () => {
      throw new AppError('INVALID_ARGUMENT', 'refused by the chaincode');
    });

    const res = await http.post('/api/v1/passes').set(as(clients.staff)).send(newPass());

    expect(res.status).toBe(400);
    expect(errorOf(res)).toEqual({ code: 'INVALID_ARGUMENT', message: 'refused by the chaincode' });
    expect(submitted(ledger.calls)).toEqual([
      'passes:RecordHolder',
      'passes:IssuePass',
      'passes:PurgeHolder',
    ]);
    expect(ledger.callsOf('passes:PurgeHolder')[0]?.request).toEqual({ passId: 'SP-0001' });
    expect(register.holders.size).toBe(0);
  });

  it.each(['COMMIT_UNKNOWN', 'INTERNAL'])(
    'when the issue’s outcome is unknown (%s), then the holder record is kept: the pass may exist',
    async (code) => {
      const { http, ledger, register, clients, as } = issuingWorld();
      ledger.on('passes:IssuePass', () => {
        throw new AppError(code, 'outcome not known');
      });

      await http.post('/api/v1/passes').set(as(clients.staff)).send(newPass());

      expect(ledger.callsOf('passes:PurgeHolder')).toHaveLength(0);
      expect(register.holders.has('SP-0001')).toBe(true);
    },
  );

  it('when a concurrent request issued the pass meanwhile, then its holder record is kept', async () => {
    const { http, ledger, register, clients, as } = issuingWorld();
    const issueByRule = ledger.handlerOf('passes:IssuePass');
    ledger.on('passes:IssuePass', (call) => {
      issueByRule(call);
      throw new AppError('ALREADY_EXISTS', 'pass SP-0001 exists');
    });

    const res = await http.post('/api/v1/passes').set(as(clients.admin)).send(newPass());

    expect(res.status).toBe(409);
    expect(ledger.callsOf('passes:PurgeHolder')).toHaveLength(0);
    expect(register.holders.has('SP-0001')).toBe(true);
  });

  it('when erasing the holder fails too, then the issue’s error is what comes back', async () => {
    const { http, ledger, clients, as } = issuingWorld();
    ledger.on('passes:IssuePass', () => {
      throw new AppError('FORBIDDEN', 'refused by the chaincode');
    });
    ledger.on('passes:PurgeHolder', () => {
      throw new AppError('UNAVAILABLE', 'no peer could run the request');
    });

    const res = await http.post('/api/v1/passes').set(as(clients.staff)).send(newPass());

    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe('FORBIDDEN');
  });

  it('when the pass exists already, then its holder is not recorded again and the answer is 409', async () => {
    const { http, ledger, clients, as } = issuingWorld();
    await http.post('/api/v1/passes').set(as(clients.staff)).send(newPass()).expect(201);

    const res = await http.post('/api/v1/passes').set(as(clients.staff)).send(newPass());

    expect(res.status).toBe(409);
    expect(errorOf(res).code).toBe('ALREADY_EXISTS');
    expect(ledger.callsOf('passes:IssuePass')).toHaveLength(1);
  });
});

describe('POST /passes/batch', () => {
  it('when a batch is issued, then one transaction records every holder and one after it issues every pass', async () => {
    const { http, ledger, register, clients, as } = issuingWorld();
    const passes = ['SP-1', 'SP-2', 'SP-3'].map(newPass);

    const res = await http.post('/api/v1/passes/batch').set(as(clients.staff)).send({ passes });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ issued: 3, passIds: ['SP-1', 'SP-2', 'SP-3'] });
    expect(Object.keys((res.body as { qr: object }).qr)).toEqual(['SP-1', 'SP-2', 'SP-3']);
    expect(submitted(ledger.calls)).toEqual(['passes:RecordHolders', 'passes:IssuePasses']);
    expect([...register.passes.keys()]).toEqual(['SP-1', 'SP-2', 'SP-3']);
  });

  it('when a batch is issued, then its personal data goes only into the transient map, each with its own salt', async () => {
    const { http, ledger, clients, as } = issuingWorld();
    const passes = ['SP-1', 'SP-2'].map(newPass);

    await http.post('/api/v1/passes/batch').set(as(clients.staff)).send({ passes }).expect(201);

    const recordHolders = ledger.callsOf('passes:RecordHolders')[0];
    expect(recordHolders?.request).toBeUndefined();
    const holders = holdersOf(recordHolders);
    expect(holders.map((h) => h.passId)).toEqual(['SP-1', 'SP-2']);
    expect(holders[0]?.personalData).toEqual(personalData);
    expect(holders[0]?.salt).not.toBe(holders[1]?.salt);
    expect(JSON.stringify(ledger.callsOf('passes:IssuePasses')[0]?.request)).not.toContain(personalData.bsn);
  });

  it('when a venue key issues a batch, then it is refused with 403 before any personal data leaves the gateway', async () => {
    const { http, ledger, clients, as } = issuingWorld();
    const passes = ['SP-1', 'SP-2'].map(newPass);

    const res = await http.post('/api/v1/passes/batch').set(as(clients.venue)).send({ passes });

    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe('FORBIDDEN');
    expect(ledger.calls).toHaveLength(0);
  });

  it('when recording the batch’s holders is refused, then no pass of the batch is issued', async () => {
    const { http, ledger, register, clients, as } = issuingWorld();
    await http.post('/api/v1/passes').set(as(clients.staff)).send(newPass('SP-2')).expect(201);
    const passes = ['SP-1', 'SP-2', 'SP-3'].map(newPass);

    const res = await http.post('/api/v1/passes/batch').set(as(clients.staff)).send({ passes });

    expect(res.status).toBe(409);
    expect(ledger.callsOf('passes:IssuePasses')).toHaveLength(0);
    expect([...register.passes.keys()]).toEqual(['SP-2']);
  });

  it('when issuing the batch fails after its holders were recorded, then every holder record is erased again', async () => {
    const { http, ledger, register, clients, as } = issuingWorld();
    ledger.on('passes:IssuePasses', () => {
      throw new AppError('ALREADY_EXISTS', 'pass SP-2 exists');
    });
    const passIds = Array.from({ length: 20 }, (_, i) => `SP-${String(i)}`);

    const res = await http
      .post('/api/v1/passes/batch')
      .set(as(clients.staff))
      .send({ passes: passIds.map(newPass) });

    expect(res.status).toBe(409);
    expect(ledger.callsOf('passes:PurgeHolder').map((call) => call.request)).toEqual(
      passIds.map((passId) => ({ passId })),
    );
    expect(register.holders.size).toBe(0);
  });

  it.each([
    ['empty', 0],
    ['larger than the limit', LIMITS.maxBatchPasses + 1],
  ])('when a batch is %s, then it is refused with 400 and nothing is sent', async (_case, size) => {
    const { http, ledger, clients, as } = issuingWorld();
    const passes = Array.from({ length: size }, (_, i) => newPass(`SP-${String(i)}`));

    const res = await http.post('/api/v1/passes/batch').set(as(clients.staff)).send({ passes });

    expect(res.status).toBe(400);
    expect(ledger.calls).toHaveLength(0);
  });
});

describe('POST /passes/import', () => {
  const carried = (passId: string, withHolder: boolean): object => ({
    passId,
    category: 'child',
    validFrom: '2026-01-01T00:00:00Z',
    validUntil: '2027-01-01T00:00:00Z',
    holderRef: `holder-${passId}`,
    ...(withHolder
      ? { holder: { salt: 'c2FsdHNhbHRzYWx0c2FsdA', cardNumber: `6001${passId.slice(-4)}99`, personalData } }
      : { holderErased: true }),
    openingBalances: [{ offerId: 'child-sports', periodKey: '2026', granted: 0, used: 2500 }],
  });

  it('when passes come over, then their holders go into the transient map of one transaction and the passes into the next, without personal data', async () => {
    const { http, ledger, clients, as } = issuingWorld();
    ledger.on('passes:ImportPasses', () => ({
      imported: 2,
      passIds: ['P-0001', 'P-0002'],
      openingBalances: 2,
    }));

    const res = await http
      .post('/api/v1/passes/import')
      .set(as(clients.admin))
      .send({ passes: [carried('P-0001', true), carried('P-0002', false)] });

    expect(res.status).toBe(201);
    expect(res.body).toEqual({ imported: 2, passIds: ['P-0001', 'P-0002'], openingBalances: 2 });
    expect(submitted(ledger.calls)).toEqual(['passes:RecordHolders', 'passes:ImportPasses']);
    expect(holdersOf(ledger.callsOf('passes:RecordHolders')[0]).map((h) => h.passId)).toEqual(['P-0001']);
    const request = JSON.stringify(ledger.callsOf('passes:ImportPasses')[0]?.request);
    expect(request).not.toContain('holder"');
    expect(request).not.toContain(personalData.bsn);
    expect(request).toContain('"holderErased":true');
  });

  it('when the import is refused, then the holders it recorded are erased again', async () => {
    const { http, ledger, clients, as } = issuingWorld();
    ledger.on('passes:ImportPasses', () => {
      throw new AppError('ALREADY_BOOKED', 'pass P-0001 has bookings here');
    });

    const res = await http
      .post('/api/v1/passes/import')
      .set(as(clients.admin))
      .send({ passes: [carried('P-0001', true)] });

    expect(errorOf(res)).toMatchObject({ code: 'ALREADY_BOOKED' });
    expect(res.status).toBe(409);
    expect(ledger.callsOf('passes:PurgeHolder').map((call) => call.request)).toEqual([{ passId: 'P-0001' }]);
  });

  it.each([
    ['staff', 'staff' as const, 403, 'FORBIDDEN'],
    ['the payer', 'payer' as const, 403, 'FORBIDDEN'],
  ])('when %s imports, then it is refused before anything is sent', async (_who, client, status, code) => {
    const { http, ledger, clients, as } = buildTestApp();

    const res = await http
      .post('/api/v1/passes/import')
      .set(as(clients[client]))
      .send({ passes: [carried('P-0001', true)] });

    expect(res.status).toBe(status);
    expect(errorOf(res).code).toBe(code);
    expect(submitted(ledger.calls)).toEqual([]);
  });

  it('when a pass comes both with a holder and as erased, or a card number twice, then the request is refused', async () => {
    const { http, clients, as } = buildTestApp();
    const both = { ...carried('P-0001', true), holderErased: true };
    const twice = [
      carried('P-0001', true),
      { ...carried('P-0002', true), holder: (carried('P-0001', true) as { holder: object }).holder },
    ];

    for (const passes of [[both], twice]) {
      const res = await http.post('/api/v1/passes/import').set(as(clients.admin)).send({ passes });
      expect(errorOf(res).code).toBe('INVALID_ARGUMENT');
    }
  });
});
