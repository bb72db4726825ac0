import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCheckpointStore } from '../src/events/checkpoint-store';
import { FakeLedger } from './support/fake-ledger';
import { openSse, type SseConnection } from './support/sse-client';
import { buildTestApp } from './support/test-app';

const redeemed = (venueId: string, n: number): Record<string, string> => ({
  redemptionId: `r-${String(n)}`,
  venueId,
  venueMspId: 'VenuesMSP',
  passId: 'SP-0001',
  municipalityMspId: 'GemeenteMSP',
  funderMspId: 'GemeenteMSP',
});

describe('GET /events', () => {
  let connection: SseConnection | undefined;
  afterEach(() => {
    connection?.close();
  });

  it('when events are committed after connecting, then they arrive with <block>.<index> ids', async () => {
    const { gateway, ledger, clients, as } = buildTestApp();
    connection = openSse(gateway.express, '/api/v1/events', as(clients.staff));
    expect(await connection.status).toBe(200);

    ledger.emit(5n, 'PassIssued', { passId: 'SP-0001', municipalityMspId: 'GemeenteMSP' });
    ledger.emit(5n, 'PassIssued', { passId: 'SP-0002', municipalityMspId: 'GemeenteMSP' });
    ledger.emit(6n, 'Redeemed', redeemed('zwembad-kardinge', 1));

    const events = await connection.waitFor(3);
    expect(events.map((e) => [e.id, e.event])).toEqual([
      ['5.0', 'PassIssued'],
      ['5.1', 'PassIssued'],
      ['6.0', 'Redeemed'],
    ]);
    expect(events[2]?.data).toMatchObject({ blockNumber: '6', payload: { redemptionId: 'r-1' } });
  });

  it('when a client reconnects with Last-Event-ID, then it gets exactly the events after that one', async () => {
    const { gateway, ledger, clients, as } = buildTestApp();
    ledger.emit(3n, 'OfferCreated', { offerId: 'a' });
    ledger.emit(3n, 'OfferCreated', { offerId: 'b' });
    ledger.emit(4n, 'OfferCreated', { offerId: 'c' });

    connection = openSse(gateway.express, '/api/v1/events', { ...as(clients.staff), 'Last-Event-ID': '3.0' });

    const events = await connection.waitFor(2);
    expect(events.map((e) => e.id)).toEqual(['3.1', '4.0']);
  });

  it('when the gateway restarts, then a client without Last-Event-ID resumes after the last event it was sent', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'events-')), 'event-checkpoints.json');
    const ledger = new FakeLedger();
    const before = buildTestApp({ ledger, checkpoints: await openCheckpointStore(path) });
    connection = openSse(before.gateway.express, '/api/v1/events', before.as(before.clients.staff));
    await connection.status;
    ledger.emit(8n, 'PassBlocked', { passId: 'SP-0001', municipalityMspId: 'GemeenteMSP' });
    await connection.waitFor(1);
    connection.close();
    before.gateway.closeStreams();
    await before.deps.checkpoints.flush();
    ledger.emit(9n, 'PassUnblocked', { passId: 'SP-0001', municipalityMspId: 'GemeenteMSP' });

    const after = buildTestApp({ ledger, checkpoints: await openCheckpointStore(path) });
    connection = openSse(after.gateway.express, '/api/v1/events', after.as(after.clients.staff));

    const events = await connection.waitFor(1);
    expect(events.map((e) => [e.id, e.event])).toEqual([['9.0', 'PassUnblocked']]);
  });

  it('when a venue listens, then it does not see another venue’s redemptions', async () => {
    const { gateway, ledger, clients, as } = buildTestApp();
    connection = openSse(gateway.express, '/api/v1/events', as(clients.venue));
    await connection.status;

    ledger.emit(10n, 'Redeemed', redeemed('groninger-museum', 1));
    ledger.emit(10n, 'Redeemed', redeemed('zwembad-kardinge', 2));

    const events = await connection.waitFor(1);
    expect(events.map((e) => e.id)).toEqual(['10.1']);
    expect(connection.events).toHaveLength(1);
  });

  it('when a venue listens, then it sees no event that names a pass, only its own bookings and the offers', async () => {
    const { gateway, ledger, clients, as } = buildTestApp();
    connection = openSse(gateway.express, '/api/v1/events', as(clients.venue));
    await connection.status;

    ledger.emit(11n, 'PassIssued', { passId: 'SP-0001', municipalityMspId: 'GemeenteMSP' });
    ledger.emit(11n, 'PassesIssued', { passIds: ['SP-0002', 'SP-0003'], municipalityMspId: 'GemeenteMSP' });
    ledger.emit(11n, 'VoucherGranted', {
      passId: 'SP-0001',
      municipalityMspId: 'GemeenteMSP',
      offerId: 'swim-5',
      funderMspId: 'GemeenteMSP',
    });
    ledger.emit(12n, 'OfferCreated', { offerId: 'swim-5' });
    ledger.emit(12n, 'Redeemed', redeemed('zwembad-kardinge', 3));

    const events = await connection.waitFor(2);
    expect(events.map((e) => e.event)).toEqual(['OfferCreated', 'Redeemed']);
    expect(connection.events).toHaveLength(2);
  });

  it('when the SVB listens, then it sees only what it funds: no Groningen pass, no booking the municipality funds', async () => {
    const { gateway, ledger, clients, as } = buildTestApp();
    connection = openSse(gateway.express, '/api/v1/events', as(clients.payer));
    await connection.status;

    ledger.emit(13n, 'PassIssued', { passId: 'SP-0001', municipalityMspId: 'GemeenteMSP' });
    ledger.emit(13n, 'Redeemed', redeemed('zwembad-kardinge', 4));
    ledger.emit(14n, 'Redeemed', { ...redeemed('zwembad-kardinge', 5), funderMspId: 'SVBMSP' });
    ledger.emit(14n, 'OfferCreated', { offerId: 'svb-budget', funderMspId: 'SVBMSP' });

    const events = await connection.waitFor(2);
    const payloads = events.map((e) => [e.event, (e.data as { payload: { redemptionId?: string } }).payload]);
    expect(payloads).toEqual([
      ['Redeemed', expect.objectContaining({ redemptionId: 'r-5' }) as unknown],
      ['OfferCreated', { offerId: 'svb-budget', funderMspId: 'SVBMSP' }],
    ]);
    expect(connection.events).toHaveLength(2);
  });

  it('when Last-Event-ID is not an id of this stream, then it is refused with 400', async () => {
    const { gateway, clients, as } = buildTestApp();

    connection = openSse(gateway.express, '/api/v1/events', {
      ...as(clients.staff),
      'Last-Event-ID': 'yesterday',
    });

    expect(await connection.status).toBe(400);
  });

  it.each(['99999999999999999999.0', '18446744073709551616.0'])(
    'when the cursor %s names a block beyond 64 bits, then it is refused with 400',
    async (from) => {
      const { gateway, clients, as } = buildTestApp();

      connection = openSse(gateway.express, `/api/v1/events?from=${from}`, as(clients.staff));

      expect(await connection.status).toBe(400);
    },
  );

  it('when no key is given, then the stream is refused with 401', async () => {
    const { gateway } = buildTestApp();

    connection = openSse(gateway.express, '/api/v1/events', {});

    expect(await connection.status).toBe(401);
  });
});
