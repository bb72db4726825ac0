import { decodeBlock } from '../src/read-model/block-transactions';
import { openReadModel, type ReadModel } from '../src/read-model/read-model';
import { compositeKey, makeBlock } from './support/blocks';
import { makeOffer, makePass, makeRedemption } from './support/records';
import { errorOf } from './support/responses';
import { buildTestApp, qrKeyRecordOf, type TestApp } from './support/test-app';

const PHONE_KEY = 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE';

/** A read model that saw passes in every state, two phones (one unlinked), a lost card and two offline bookings. */
function readModelWithPasses(): ReadModel {
  const readModel = openReadModel({ path: ':memory:' });
  const json = (value: unknown): { value: unknown } => ({ value });
  const writes = [
    { key: compositeKey('pass', 'SP-OK'), ...json(makePass({ passId: 'SP-OK' })) },
    {
      key: compositeKey('pass', 'SP-BLOCKED'),
      ...json(makePass({ passId: 'SP-BLOCKED', status: 'blocked' })),
    },
    {
      key: compositeKey('pass', 'SP-OLD'),
      ...json(makePass({ passId: 'SP-OLD', validUntil: '2020-01-01T00:00:00.000Z' })),
    },
    {
      key: compositeKey('device', 'SP-OK', 'D-0000000000000001'),
      ...json({
        passId: 'SP-OK',
        deviceId: 'D-0000000000000001',
        publicKey: PHONE_KEY,
        linkedAt: '2026-01-01T00:00:00.000Z',
      }),
    },
    {
      key: compositeKey('device', 'SP-OK', 'D-0000000000000002'),
      ...json({
        passId: 'SP-OK',
        deviceId: 'D-0000000000000002',
        publicKey: PHONE_KEY,
        linkedAt: '2026-01-01T00:00:00.000Z',
        unlinkedAt: '2026-02-01T00:00:00.000Z',
      }),
    },
    {
      key: compositeKey('card~block', 'SP-OK'),
      ...json({ passId: 'SP-OK', blockedAt: '2026-03-01T00:00:00.000Z', byDeviceId: 'D-0000000000000001' }),
    },
    {
      key: compositeKey('redemption', 'r-over'),
      ...json(
        makeRedemption({
          redemptionId: 'r-over',
          passId: 'SP-OK',
          venueId: 'zwembad-kardinge',
          offlineAt: '2026-03-01T10:00:00.000Z',
          overdrawnUnits: 1,
        }),
      ),
    },
    {
      key: compositeKey('redemption', 'r-museum'),
      ...json(
        makeRedemption({
          redemptionId: 'r-museum',
          passId: 'SP-OK',
          venueId: 'groninger-museum',
          offlineAt: '2026-03-01T10:05:00.000Z',
          at: '2026-03-02T08:00:00.000Z',
          overdrawnUnits: 2,
        }),
      ),
    },
  ];
  readModel.applyBlock(decodeBlock(makeBlock(0, [{ txId: 'tx-1', writes }]), 'stadspas'));
  return readModel;
}

describe('the offline kit and the overdrawn report', () => {
  let app: TestApp;
  beforeEach(() => {
    app = buildTestApp({ readModel: readModelWithPasses() });
    app.ledger.on('config:GetConfig', () => ({
      passYearStart: '01-01',
      reversalWindowSeconds: 3600,
      offlineBookingsPerDay: 2,
      initialised: true,
    }));
    const open = { validFrom: '2020-01-01T00:00:00.000Z', validUntil: '2099-01-01T00:00:00.000Z' };
    app.ledger.on('offers:ListOffers', () => [
      makeOffer({ offerId: 'swim-5', ...open }),
      makeOffer({ offerId: 'museum-50', eligibleVenueIds: ['groninger-museum'], ...open }),
      makeOffer({ offerId: 'swim-old', validUntil: '2021-01-01T00:00:00.000Z' }),
    ]);
  });

  it('when a venue’s counter asks for its kit, then it gets the card keys, the linked phones and the passes to refuse with why', async () => {
    const res = await app.http.get('/api/v1/offline-kit').set(app.as(app.clients.venue));

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      offlineBookingsPerDay: 2,
      qrKeys: [qrKeyRecordOf(app.signer)],
      offers: [{ offerId: 'swim-5' }],
      devices: [{ passId: 'SP-OK', deviceId: 'D-0000000000000001', publicKey: PHONE_KEY }],
      refused: [
        { passId: 'SP-BLOCKED', reason: 'blocked' },
        { passId: 'SP-OK', reason: 'card-lost' },
        { passId: 'SP-OLD', reason: 'expired' },
      ],
    });
  });

  it('when anyone but a venue asks for the kit, then it is refused', async () => {
    const res = await app.http.get('/api/v1/offline-kit').set(app.as(app.clients.staff));

    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe('FORBIDDEN');
  });

  it('when the municipality and a venue open the overdrawn report, then each sees what it may read, newest first, as JSON or CSV', async () => {
    const municipality = await app.http.get('/api/v1/reports/overdrawn').set(app.as(app.clients.staff));
    const venue = await app.http.get('/api/v1/reports/overdrawn?format=csv').set(app.as(app.clients.venue));

    expect(
      (municipality.body as { items: { redemptionId: string }[] }).items.map((r) => r.redemptionId),
    ).toEqual(['r-museum', 'r-over']);
    expect(venue.headers['content-type']).toMatch(/^text\/csv/);
    const lines = venue.text.trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'redemptionId,passId,venueId,offerId,offlineAt,at,units,overdrawnUnits,reimbursementCents',
    );
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['r-over']);
  });
});
