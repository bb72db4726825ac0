import { identities } from './support/identities';
import type { InMemoryLedger } from './support/in-memory-ledger';
import { REGION } from './support/in-memory-ledger';
import { holderTransient, issueWithHolder, passRequest, POOL, seededLedger, SWIMS } from './support/fixtures';

const admin = identities.municipalityAdmin();

describe('venues:GrantBookByNumber and venues:RevokeBookByNumber', () => {
  let ledger: InMemoryLedger;
  beforeEach(async () => {
    ledger = await seededLedger();
  });

  it('when a municipality admin grants a venue booking by number, then it is recorded with its reason and an event', async () => {
    const granted = await ledger.submit(admin, 'venues:GrantBookByNumber', {
      venueId: POOL,
      reason: 'books the desk’s phone reservations',
    });

    expect(granted).toEqual({
      venueId: POOL,
      municipalityMspId: 'GemeenteMSP',
      granted: true,
      reason: 'books the desk’s phone reservations',
      updatedAt: ledger.now(),
    });
    expect(ledger.lastEvent()).toMatchObject({
      name: 'BookByNumberGranted',
      payload: {
        venueId: POOL,
        municipalityMspId: 'GemeenteMSP',
        reason: 'books the desk’s phone reservations',
      },
    });
  });

  it('when the permission is revoked, then the venue books by card only again and an event says why', async () => {
    await ledger.submit(admin, 'venues:GrantBookByNumber', { venueId: POOL, reason: 'scanner broken' });

    const revoked = await ledger.submit(admin, 'venues:RevokeBookByNumber', {
      venueId: POOL,
      reason: 'scanner repaired',
    });

    expect(revoked).toMatchObject({ granted: false, reason: 'scanner repaired' });
    expect(ledger.lastEvent()).toMatchObject({ name: 'BookByNumberRevoked', payload: { venueId: POOL } });
    await expect(
      ledger.redeem(identities.venue(POOL), {
        requestId: 'after-revoke',
        passId: 'SP-0001',
        offerId: 'zwemmen-2026',
      }),
    ).rejects.toThrow(/^FORBIDDEN: /);
  });

  it.each([
    ['municipality staff', identities.municipalityStaff()],
    ['the venue itself', identities.venue(POOL)],
    ['the venues admin', identities.venuesAdmin()],
    ['the payer admin', identities.payerAdmin()],
  ])('when %s grants the permission, then it is forbidden', async (_who, who) => {
    await expect(
      ledger.submit(who, 'venues:GrantBookByNumber', { venueId: POOL, reason: 'because' }),
    ).rejects.toThrow(/^FORBIDDEN: /);
  });

  it('when a venue revokes its own permission, then it is forbidden', async () => {
    await ledger.submit(admin, 'venues:GrantBookByNumber', { venueId: POOL, reason: 'scanner broken' });

    await expect(
      ledger.submit(identities.venue(POOL), 'venues:RevokeBookByNumber', { venueId: POOL, reason: 'x' }),
    ).rejects.toThrow(/^FORBIDDEN: /);
  });

  it('when the venue is unknown, then granting is refused as not found', async () => {
    await expect(
      ledger.submit(admin, 'venues:GrantBookByNumber', { venueId: 'nope', reason: 'because' }),
    ).rejects.toThrow(/^NOT_FOUND: /);
  });

  it('when the venue holds the permission already, then granting again is refused', async () => {
    await ledger.submit(admin, 'venues:GrantBookByNumber', { venueId: POOL, reason: 'scanner broken' });

    await expect(
      ledger.submit(admin, 'venues:GrantBookByNumber', { venueId: POOL, reason: 'again' }),
    ).rejects.toThrow(/^INVALID_STATE_TRANSITION: /);
  });

  it('when the venue does not hold the permission, then revoking is refused', async () => {
    await expect(
      ledger.submit(admin, 'venues:RevokeBookByNumber', { venueId: POOL, reason: 'never had it' }),
    ).rejects.toThrow(/^INVALID_STATE_TRANSITION: /);
  });

  it.each([
    ['no reason', JSON.stringify({ venueId: POOL })],
    ['an empty reason', JSON.stringify({ venueId: POOL, reason: '  ' })],
    ['an unknown field', JSON.stringify({ venueId: POOL, reason: 'r', passId: 'SP-0001' })],
  ])('when the request has %s, then it is refused as invalid', async (_case, raw) => {
    await expect(
      ledger.invoke(admin, 'venues:GrantBookByNumber', [raw], { commit: true, transient: {} }),
    ).rejects.toThrow(/^INVALID_ARGUMENT: /);
  });
});

describe('booking by number in a region of two municipalities', () => {
  const westAdmin = identities.regionAdmin();
  const pool = identities.venue(POOL);

  async function regionWithWestPass(): Promise<InMemoryLedger> {
    const ledger = await seededLedger(REGION);
    await issueWithHolder(ledger, identities.regionStaff(), passRequest({ passId: 'WK-0001' }), {
      ...holderTransient('WK-0001'),
      personalData: { name: 'W. Kwartier', bsn: '123456782', dateOfBirth: '1990-02-03', address: 'Zuidhorn' },
    });
    return ledger;
  }

  it('when one municipality grants a venue booking by number, then the venue books that municipality’s passes by number only', async () => {
    const ledger = await regionWithWestPass();
    await ledger.submit(admin, 'venues:GrantBookByNumber', { venueId: POOL, reason: 'phone bookings' });

    const own = await ledger.redeem(pool, { requestId: 'n-1', passId: 'SP-0001', offerId: SWIMS });
    await expect(
      ledger.redeem(pool, { requestId: 'n-2', passId: 'WK-0001', offerId: SWIMS }),
    ).rejects.toThrow(/^FORBIDDEN: venue zwembad-kardinge books with the card's QR code/);
    expect(own.redemption.presented).toBe('number');
  });

  it('when the other municipality revokes, then only a permission it granted itself can be revoked', async () => {
    const ledger = await regionWithWestPass();
    await ledger.submit(admin, 'venues:GrantBookByNumber', { venueId: POOL, reason: 'phone bookings' });

    await expect(
      ledger.submit(westAdmin, 'venues:RevokeBookByNumber', { venueId: POOL, reason: 'not ours' }),
    ).rejects.toThrow(
      /^INVALID_STATE_TRANSITION: venue zwembad-kardinge may not book passes of WesterkwartierMSP/,
    );
    expect(
      (await ledger.redeem(pool, { requestId: 'n-3', passId: 'SP-0001', offerId: SWIMS })).replayed,
    ).toBe(false);
  });

  it('when a venue without any permission books an unknown number, then it learns nothing about whether the pass exists', async () => {
    const ledger = await regionWithWestPass();

    await expect(
      ledger.redeem(pool, { requestId: 'n-4', passId: 'NO-SUCH', offerId: SWIMS }),
    ).rejects.toThrow(/^FORBIDDEN: /);
  });
});
