import {
  CARD_NUMBER_SECRET_TRANSIENT_KEY,
  CARD_NUMBER_TRANSIENT_KEY,
  type HolderTransient,
} from '@stadspas/chaincode/vocabulary';
import { AppError } from '../src/errors/app-error';
import { openPassRegister } from './support/pass-register';
import { openRedemptionBook } from './support/redemption-book';
import { errorOf } from './support/responses';
import { regionScheme } from './support/schemes';
import { buildTestApp, type TestApp } from './support/test-app';

const newPass = {
  category: 'adult',
  validFrom: '2026-01-01T00:00:00Z',
  validUntil: '2026-12-31T23:59:59Z',
  personalData: {
    name: 'Jantje de Vries',
    bsn: '123456782',
    dateOfBirth: '2015-04-01',
    address: 'Grote Markt 1, 9711 LV Groningen',
  },
};

/** A gateway whose ledger knows card 600100000042 as pass P-42 of Westerkwartier, which lets venues ask. */
function lookupWorld(): TestApp {
  const world = buildTestApp();
  world.ledger.on('scheme:GetScheme', () => regionScheme);
  world.ledger.on('passes:FindPassByCardNumber', (call) => {
    const [municipality] = call.evaluatingOrganizations ?? [];
    if (municipality === 'GemeenteMSP' && call.identity.mspId !== 'GemeenteMSP') {
      throw new AppError('FORBIDDEN', 'only GemeenteMSP and the venues it allowed to book by number');
    }
    if (
      municipality !== 'WesterkwartierMSP' ||
      call.transient?.[CARD_NUMBER_TRANSIENT_KEY] !== '600100000042'
    ) {
      throw new AppError('NOT_FOUND', `no pass of ${municipality ?? '?'} has that card number`);
    }
    return { passId: 'P-42' };
  });
  return world;
}

describe('card numbers', () => {
  it('when the desk issues a pass without a pass id or card number, then the gateway draws both, and only the private record holds the number', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    openPassRegister(ledger);

    const res = await http.post('/api/v1/passes').set(as(clients.staff)).send(newPass);

    expect(res.status).toBe(201);
    const { passId, cardNumber } = res.body as { passId: string; cardNumber: string };
    expect(passId).toMatch(/^P-[0-9A-F]{16}$/);
    expect(cardNumber).toMatch(/^6\d{11}$/);
    const [record] = ledger.callsOf('passes:RecordHolder');
    const holder = JSON.parse(record?.transient?.holder ?? '{}') as HolderTransient;
    expect(holder).toMatchObject({ passId, cardNumber });
    expect(record?.transient?.[CARD_NUMBER_SECRET_TRANSIENT_KEY]).toMatch(/^[0-9a-f]{64}$/);
    const publicArguments = JSON.stringify(ledger.calls.map((call) => call.request));
    expect(publicArguments).toContain(passId);
    expect(publicArguments).not.toContain(cardNumber);
  });

  it('when the desk gives the pass id as its card number, or one card number twice in a batch, then it is refused before the ledger', async () => {
    const { http, ledger, clients, as } = buildTestApp();

    const same = await http
      .post('/api/v1/passes')
      .set(as(clients.staff))
      .send({ ...newPass, passId: '600100000001', cardNumber: '600100000001' });
    const twice = await http
      .post('/api/v1/passes/batch')
      .set(as(clients.staff))
      .send({ passes: [newPass, newPass].map((pass) => ({ ...pass, cardNumber: '600100000002' })) });

    expect(same.status).toBe(400);
    expect(errorOf(same).message).toMatch(/cardNumber: must differ from passId/);
    expect(twice.status).toBe(400);
    expect(errorOf(twice).message).toMatch(/holds a cardNumber twice/);
    expect(ledger.calls).toEqual([]);
  });

  it('when a venue looks up a card number, then each municipality’s peer is asked in turn with the number in the transient map only', async () => {
    const { http, ledger, clients, as } = lookupWorld();

    const res = await http
      .post('/api/v1/passes/lookup')
      .set(as(clients.venue))
      .send({ cardNumber: '600100000042' });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ passId: 'P-42' });
    const asked = ledger.callsOf('passes:FindPassByCardNumber');
    expect(asked.map((call) => call.evaluatingOrganizations)).toEqual([
      ['GemeenteMSP'],
      ['WesterkwartierMSP'],
    ]);
    expect(asked.map((call) => call.request)).toEqual([undefined, undefined]);
  });

  it('when a municipality that might know the number does not answer, then the lookup is 503, not 404', async () => {
    const { http, ledger, clients, as } = lookupWorld();
    const answers = ledger.handlerOf('passes:FindPassByCardNumber');
    ledger.on('passes:FindPassByCardNumber', (call) => {
      if (call.evaluatingOrganizations?.includes('WesterkwartierMSP') === true) {
        throw new AppError('UNAVAILABLE', 'no peer of WesterkwartierMSP answered');
      }
      return answers(call);
    });

    const res = await http
      .post('/api/v1/passes/lookup')
      .set(as(clients.venue))
      .send({ cardNumber: '600100000042' });

    expect(res.status).toBe(503);
    expect(errorOf(res).code).toBe('UNAVAILABLE');
  });

  it('when the desk looks up a number, then only its own municipality is asked, and an unknown number is 404', async () => {
    const { http, ledger, clients, as } = lookupWorld();

    const res = await http
      .post('/api/v1/passes/lookup')
      .set(as(clients.staff))
      .send({ cardNumber: '600100000042' });

    expect(res.status).toBe(404);
    expect(errorOf(res).code).toBe('NOT_FOUND');
    expect(ledger.callsOf('passes:FindPassByCardNumber').map((c) => c.evaluatingOrganizations)).toEqual([
      ['GemeenteMSP'],
    ]);
  });

  it('when a venue books by card number, then the pass it names is booked by number', async () => {
    const { http, ledger, clients, as } = lookupWorld();
    openRedemptionBook(ledger, 5);

    const res = await http
      .post('/api/v1/redemptions')
      .set(as(clients.venue))
      .set('Idempotency-Key', 'by-card-number-1')
      .send({ cardNumber: '600100000042', offerId: 'swim-5' });

    expect(res.status).toBe(201);
    expect(ledger.callsOf('redemptions:Redeem')[0]?.request).toEqual({
      requestId: 'by-card-number-1',
      passId: 'P-42',
      offerId: 'swim-5',
    });
  });

  it('when a booking names both a card number and a pass id, then it is refused', async () => {
    const { http, clients, as } = lookupWorld();

    const res = await http
      .post('/api/v1/redemptions')
      .set(as(clients.venue))
      .set('Idempotency-Key', 'by-card-number-2')
      .send({ cardNumber: '600100000042', passId: 'P-42', offerId: 'swim-5' });

    expect(res.status).toBe(400);
    expect(errorOf(res).message).toMatch(/exactly one of qr \(the card\), cardNumber and passId/);
  });
});
