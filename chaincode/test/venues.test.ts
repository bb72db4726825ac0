import { identities } from './support/identities';
import { CITY, InMemoryLedger, REGION } from './support/in-memory-ledger';
import { MUSEUM, POOL, venueRequest } from './support/fixtures';

const staff = identities.municipalityStaff();

describe('venues', () => {
  it('when the municipality registers a venue, then it is active and readable by all', async () => {
    const ledger = new InMemoryLedger();

    await ledger.submit(staff, 'venues:RegisterVenue', venueRequest());

    const venue = await ledger.evaluate(identities.payer(), 'venues:GetVenue', { venueId: POOL });
    expect(venue).toMatchObject({
      venueId: POOL,
      status: 'active',
      mspId: 'VenuesMSP',
      registeredAt: ledger.now(),
    });
    expect(ledger.lastEvent()).toMatchObject({
      name: 'VenueRegistered',
      payload: { venueId: POOL, status: 'active' },
    });
  });

  it('when a venue registers itself, or the SVB does, then it is forbidden', async () => {
    const ledger = new InMemoryLedger();

    await expect(
      ledger.submit(identities.venuesAdmin(), 'venues:RegisterVenue', venueRequest()),
    ).rejects.toThrow(/^FORBIDDEN: /);
    await expect(
      ledger.submit(identities.payerAdmin(), 'venues:RegisterVenue', venueRequest()),
    ).rejects.toThrow(/^FORBIDDEN: /);
  });

  it('when the venue id exists, then registering is refused', async () => {
    const ledger = new InMemoryLedger();
    await ledger.submit(staff, 'venues:RegisterVenue', venueRequest());

    await expect(ledger.submit(staff, 'venues:RegisterVenue', venueRequest())).rejects.toThrow(
      /^ALREADY_EXISTS: /,
    );
  });

  it.each([
    ['a malformed MSP id', { mspId: '1 MSP' }],
    ['a kind with capitals', { kind: 'Pool' }],
    ['a venue id with a slash', { venueId: 'a/b' }],
  ])('when the request has %s, then it is refused', async (_case, overrides) => {
    await expect(
      new InMemoryLedger().submit(staff, 'venues:RegisterVenue', venueRequest(overrides)),
    ).rejects.toThrow(/^INVALID_ARGUMENT: /);
  });

  it('when a venue joins from a new organisation that runs venues in the scheme, then it is registered under that MSP', async () => {
    const ledger = new InMemoryLedger(undefined, [
      ...CITY,
      { mspId: 'SportChainMSP', name: 'Sport chain', roles: ['venues'] },
    ]);

    const venue = await ledger.submit(
      staff,
      'venues:RegisterVenue',
      venueRequest({ venueId: 'chain-1', mspId: 'SportChainMSP' }),
    );

    expect(venue.mspId).toBe('SportChainMSP');
  });

  it('when a venue is registered to an organisation that runs no venues in the scheme, then it is refused', async () => {
    const ledger = new InMemoryLedger();

    for (const mspId of ['SportChainMSP', 'SVBMSP']) {
      await expect(
        ledger.submit(staff, 'venues:RegisterVenue', venueRequest({ venueId: 'chain-1', mspId })),
      ).rejects.toThrow(`INVALID_ARGUMENT: ${mspId} runs no venues in the scheme`);
    }
  });

  it('when a venue is updated, then only the given fields change', async () => {
    const ledger = new InMemoryLedger();
    await ledger.submit(staff, 'venues:RegisterVenue', venueRequest());
    ledger.advanceSeconds(10);

    const updated = await ledger.submit(identities.venuesAdmin(), 'venues:UpdateVenue', {
      venueId: POOL,
      name: 'Sportcentrum Kardinge',
    });

    expect(updated).toMatchObject({
      name: 'Sportcentrum Kardinge',
      kind: 'swimming-pool',
      updatedAt: ledger.now(),
    });
  });

  it('when an update changes nothing or targets an unknown venue, then it is refused', async () => {
    const ledger = new InMemoryLedger();

    await expect(
      ledger.submit(identities.venuesAdmin(), 'venues:UpdateVenue', { venueId: POOL }),
    ).rejects.toThrow(/^INVALID_ARGUMENT: /);
    await expect(
      ledger.submit(identities.venuesAdmin(), 'venues:UpdateVenue', {
        venueId: POOL,
        kind: 'museum',
        mspId: 'XMSP',
      }),
    ).rejects.toThrow(/^NOT_FOUND: /);
  });

  it('when the venue’s own organisation suspends and reinstates it, then its status follows and double moves are refused', async () => {
    const ledger = new InMemoryLedger();
    const owner = identities.venuesAdmin();
    await ledger.submit(staff, 'venues:RegisterVenue', venueRequest());

    await expect(ledger.submit(owner, 'venues:ReinstateVenue', { venueId: POOL })).rejects.toThrow(
      /^INVALID_STATE_TRANSITION: /,
    );
    const suspended = await ledger.submit(owner, 'venues:SuspendVenue', {
      venueId: POOL,
      reason: 'fraud inquiry',
    });
    await expect(
      ledger.submit(owner, 'venues:SuspendVenue', { venueId: POOL, reason: 'again' }),
    ).rejects.toThrow(/^INVALID_STATE_TRANSITION: /);
    const reinstated = await ledger.submit(owner, 'venues:ReinstateVenue', { venueId: POOL });

    expect(suspended).toMatchObject({ status: 'suspended', suspendedReason: 'fraud inquiry' });
    expect(reinstated.status).toBe('active');
    expect(reinstated.suspendedReason).toBeUndefined();
  });

  it('when a municipality admin suspends a venue, then it binds that municipality’s passes only and it alone lifts it', async () => {
    const ledger = new InMemoryLedger(undefined, REGION);
    const gemeenteAdmin = identities.municipalityAdmin();
    await ledger.submit(staff, 'venues:RegisterVenue', venueRequest());

    const suspended = await ledger.submit(gemeenteAdmin, 'venues:SuspendVenue', {
      venueId: POOL,
      reason: 'audit',
    });
    await expect(
      ledger.submit(identities.regionAdmin(), 'venues:ReinstateVenue', { venueId: POOL }),
    ).rejects.toThrow(
      /^INVALID_STATE_TRANSITION: venue zwembad-kardinge is not suspended for WesterkwartierMSP/,
    );
    await expect(
      ledger.submit(identities.venuesAdmin(), 'venues:ReinstateVenue', { venueId: POOL }),
    ).rejects.toThrow(/^INVALID_STATE_TRANSITION: venue zwembad-kardinge is not suspended$/);
    const reinstated = await ledger.submit(gemeenteAdmin, 'venues:ReinstateVenue', { venueId: POOL });

    expect(suspended).toMatchObject({
      status: 'active',
      suspendedFor: [{ mspId: 'GemeenteMSP', reason: 'audit' }],
    });
    expect(reinstated.suspendedFor).toBeUndefined();
  });

  it.each([
    ['a desk clerk (municipality staff)', identities.municipalityStaff(), 'venues:SuspendVenue'],
    ['a municipality admin', identities.municipalityAdmin(), 'venues:UpdateVenue'],
    ['the SVB admin', identities.payerAdmin(), 'venues:SuspendVenue'],
    ['a cashier of the venue', identities.venue(POOL), 'venues:SuspendVenue'],
    [
      'an admin of another venue organisation',
      identities.custom('OtherChainMSP', { role: 'admin' }),
      'venues:SuspendVenue',
    ],
  ] as const)(
    'when %s calls %s on the venue, then it is forbidden and nothing changes',
    async (_who, who, name) => {
      const ledger = new InMemoryLedger();
      await ledger.submit(staff, 'venues:RegisterVenue', venueRequest());
      const before = ledger.world.snapshot();

      const request =
        name === 'venues:UpdateVenue'
          ? { venueId: POOL, mspId: 'VenuesMSP', name: 'Re-homed' }
          : { venueId: POOL, reason: 'because I can' };
      await expect(
        ledger.invoke(who, name, [JSON.stringify(request)], { commit: true, transient: {} }),
      ).rejects.toThrow(/^FORBIDDEN: /);
      expect(ledger.world.snapshot()).toBe(before);
    },
  );

  it('when venues are listed, then they come ordered by id', async () => {
    const ledger = new InMemoryLedger();
    await ledger.submit(staff, 'venues:RegisterVenue', venueRequest());
    await ledger.submit(staff, 'venues:RegisterVenue', venueRequest({ venueId: MUSEUM }));

    const venues = await ledger.evaluate(identities.venue(POOL), 'venues:ListVenues', undefined);

    expect(venues.map((venue) => venue.venueId)).toEqual([MUSEUM, POOL]);
  });

  describe('bank account', () => {
    const account = {
      venueId: POOL,
      iban: 'NL91ABNA0417164300',
      accountHolder: 'Sportcentrum Kardinge B.V.',
    };

    it('when an admin of the venue’s organisation sets its bank account, then everyone reads it on the venue', async () => {
      const ledger = new InMemoryLedger();
      await ledger.submit(staff, 'venues:RegisterVenue', venueRequest());

      await ledger.submit(identities.venuesAdmin(), 'venues:SetBankAccount', account);

      const venue = await ledger.evaluate(identities.payer(), 'venues:GetVenue', { venueId: POOL });
      expect(venue.bankAccount).toEqual({
        iban: 'NL91ABNA0417164300',
        accountHolder: 'Sportcentrum Kardinge B.V.',
        setAt: ledger.now(),
      });
    });

    it('when the venue’s cashier, a municipality admin or the payer sets it, then it is forbidden', async () => {
      const ledger = new InMemoryLedger();
      await ledger.submit(staff, 'venues:RegisterVenue', venueRequest());

      for (const caller of [
        identities.venue(POOL),
        identities.municipalityAdmin(),
        identities.payerAdmin(),
      ]) {
        await expect(ledger.submit(caller, 'venues:SetBankAccount', account)).rejects.toThrow(/^FORBIDDEN: /);
      }
      expect(
        (await ledger.evaluate(staff, 'venues:GetVenue', { venueId: POOL })).bankAccount,
      ).toBeUndefined();
    });

    it.each([
      ['a wrong check digit', 'NL92ABNA0417164300'],
      ['a wrong length for its country', 'NL91ABNA04171643001'],
      ['spaces', 'NL91 ABNA 0417 1643 00'],
      ['no IBAN at all', '0417164300'],
    ])('when the IBAN has %s, then it is refused', async (_what, iban) => {
      const ledger = new InMemoryLedger();
      await ledger.submit(staff, 'venues:RegisterVenue', venueRequest());

      await expect(
        ledger.submit(identities.venuesAdmin(), 'venues:SetBankAccount', { ...account, iban }),
      ).rejects.toThrow(/^INVALID_ARGUMENT: .*iban/);
    });
  });
});
