import type { BookByNumberRecord } from '@stadspas/chaincode/vocabulary';
import { AppError } from '../src/errors/app-error';
import { errorOf } from './support/responses';
import { buildTestApp } from './support/test-app';

function permission(granted: boolean, reason: string): BookByNumberRecord {
  return {
    venueId: 'zwembad-kardinge',
    municipalityMspId: 'GemeenteMSP',
    granted,
    reason,
    updatedAt: '2026-03-02T09:00:00.000Z',
  };
}

describe('booking by number', () => {
  it.each([
    ['/book-by-number', 'venues:GrantBookByNumber', true],
    ['/book-by-number/revoke', 'venues:RevokeBookByNumber', false],
  ] as const)(
    'when an admin posts %s with a reason, then %s gets the venue and the reason',
    async (path, transaction, granted) => {
      const { http, ledger, clients, as } = buildTestApp();
      ledger.on(transaction, () => permission(granted, 'phone bookings'));

      const res = await http
        .post(`/api/v1/venues/zwembad-kardinge${path}`)
        .set(as(clients.admin))
        .send({ reason: 'phone bookings' });

      expect(res.status).toBe(200);
      expect(res.body).toEqual(permission(granted, 'phone bookings'));
      expect(ledger.callsOf(transaction)[0]?.request).toEqual({
        venueId: 'zwembad-kardinge',
        reason: 'phone bookings',
      });
    },
  );

  it('when the reason is missing, then it is refused with 400 before the ledger is asked', async () => {
    const { http, ledger, clients, as } = buildTestApp();

    const res = await http
      .post('/api/v1/venues/zwembad-kardinge/book-by-number')
      .set(as(clients.admin))
      .send({});

    expect(res.status).toBe(400);
    expect(ledger.calls).toHaveLength(0);
  });

  it('when a venue grants itself the permission, then the chaincode’s refusal comes back as 403', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    ledger.on('venues:GrantBookByNumber', () => {
      throw new AppError('FORBIDDEN', 'only GemeenteMSP identities with role admin may do this');
    });

    const res = await http
      .post('/api/v1/venues/zwembad-kardinge/book-by-number')
      .set(as(clients.venue))
      .send({ reason: 'convenience' });

    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe('FORBIDDEN');
  });
});
