import { identities } from './support/identities';
import { InMemoryLedger } from './support/in-memory-ledger';
import {
  holderTransient,
  issueWithHolder,
  MUSEUM_DISCOUNT,
  passRequest,
  POOL,
  recordingHolder,
  recordingHolders,
  redeemRequest,
  seededLedger,
  SWIMS,
  venueRequest,
} from './support/fixtures';

const staff = identities.municipalityStaff();
const pool = identities.venue(POOL);

describe('passes:IssuePass and IssuePasses', () => {
  it('when the municipality issues a pass, then it is active and announced without personal data', async () => {
    const ledger = new InMemoryLedger();
    await ledger.submit(staff, 'passes:RecordHolder', undefined, recordingHolder(holderTransient('SP-0001')));

    const pass = await ledger.submit(staff, 'passes:IssuePass', passRequest());

    expect(pass).toMatchObject({ passId: 'SP-0001', status: 'active', issuedAt: ledger.now() });
    expect(ledger.lastEvent()).toEqual({
      txId: expect.any(String) as string,
      name: 'PassIssued',
      payload: {
        passId: 'SP-0001',
        municipalityMspId: 'GemeenteMSP',
        category: 'adult',
        status: 'active',
        validUntil: pass.validUntil,
        at: ledger.now(),
      },
    });
  });

  it('when a pass id is issued twice, then the second is refused', async () => {
    const ledger = new InMemoryLedger();
    await issueWithHolder(ledger, staff, passRequest());

    await expect(ledger.submit(staff, 'passes:IssuePass', passRequest())).rejects.toThrow(
      /^ALREADY_EXISTS: /,
    );
  });

  it.each([
    ['the SVB', identities.payerAdmin()],
    ['a venue', identities.venue(POOL)],
    ['a municipality identity without role', identities.custom('GemeenteMSP', {})],
    ['an unknown role', identities.custom('GemeenteMSP', { role: 'root' })],
  ])('when %s issues a pass, then it is forbidden', async (_who, who) => {
    await expect(new InMemoryLedger().submit(who, 'passes:IssuePass', passRequest())).rejects.toThrow(
      /^FORBIDDEN: /,
    );
  });

  it.each([
    ['an upper-case category', { category: 'Adult' }],
    ['validity ending before it starts', { validUntil: '2025-01-01T00:00:00.000Z' }],
    ['a non-UTC timestamp', { validFrom: '2026-01-01T00:00:00+01:00' }],
    ['an impossible date', { validFrom: '2026-02-31T00:00:00Z' }],
  ])('when a pass has %s, then it is refused', async (_case, overrides) => {
    await expect(
      new InMemoryLedger().submit(staff, 'passes:IssuePass', passRequest(overrides)),
    ).rejects.toThrow(/^INVALID_ARGUMENT: /);
  });

  it('when a pass carries a holderHash of its own, then it is refused', async () => {
    const ledger = new InMemoryLedger();
    await ledger.submit(staff, 'passes:RecordHolder', undefined, recordingHolder(holderTransient('SP-0001')));

    await expect(
      ledger.invoke(
        staff,
        'passes:IssuePass',
        [JSON.stringify({ ...passRequest(), holderHash: 'a'.repeat(64) })],
        {
          commit: true,
          transient: {},
        },
      ),
    ).rejects.toThrow(/^INVALID_ARGUMENT: unknown field\(s\) in request: holderHash/);
  });

  it('when no holder was recorded for the pass, then issuing it is not found and nothing is written', async () => {
    const ledger = new InMemoryLedger();
    await ledger.submit(staff, 'passes:RecordHolder', undefined, recordingHolder(holderTransient('SP-0002')));
    const before = ledger.world.snapshot();

    await expect(ledger.submit(staff, 'passes:IssuePass', passRequest())).rejects.toThrow(
      /^NOT_FOUND: no holder recorded for pass SP-0001: record the holder/,
    );
    expect(ledger.world.snapshot()).toBe(before);
  });

  it('when a batch of hundreds is issued, then every pass exists after one transaction', async () => {
    const ledger = new InMemoryLedger();
    const passes = Array.from({ length: 300 }, (_, i) =>
      passRequest({ passId: `B-${String(i).padStart(4, '0')}` }),
    );
    const holders = passes.map((pass) => holderTransient(pass.passId));
    await ledger.submit(staff, 'passes:RecordHolders', undefined, recordingHolders(holders));

    const result = await ledger.submit(staff, 'passes:IssuePasses', { passes });

    expect(result.issued).toBe(300);
    expect(ledger.events.map((event) => event.name)).toEqual(['HoldersRecorded', 'PassesIssued']);
    expect((await ledger.evaluate(staff, 'passes:GetPass', { passId: 'B-0299' })).status).toBe('active');
  });

  it('when a batch repeats a pass id, then the whole batch is refused', async () => {
    const ledger = new InMemoryLedger();

    await expect(
      ledger.submit(staff, 'passes:IssuePasses', { passes: [passRequest(), passRequest()] }),
    ).rejects.toThrow(/^INVALID_ARGUMENT: passes: holds a passId twice/);
  });

  it('when a batch holds a known pass id, then nothing of it is issued', async () => {
    const ledger = new InMemoryLedger();
    await ledger.submit(
      staff,
      'passes:RecordHolders',
      undefined,
      recordingHolders([holderTransient('SP-0001'), holderTransient('NEW-1')]),
    );
    await ledger.submit(staff, 'passes:IssuePass', passRequest());
    const before = ledger.world.snapshot();

    await expect(
      ledger.submit(staff, 'passes:IssuePasses', {
        passes: [passRequest({ passId: 'NEW-1' }), passRequest()],
      }),
    ).rejects.toThrow(/^ALREADY_EXISTS: /);
    expect(ledger.world.snapshot()).toBe(before);
  });

  it('when one pass of a batch has no recorded holder, then nothing of it is issued', async () => {
    const ledger = new InMemoryLedger();
    await ledger.submit(staff, 'passes:RecordHolder', undefined, recordingHolder(holderTransient('NEW-1')));
    const before = ledger.world.snapshot();

    await expect(
      ledger.submit(staff, 'passes:IssuePasses', {
        passes: [passRequest({ passId: 'NEW-1' }), passRequest({ passId: 'NEW-2' })],
      }),
    ).rejects.toThrow(/^NOT_FOUND: no holder recorded for pass NEW-2/);
    expect(ledger.world.snapshot()).toBe(before);
  });

  it.each([
    ['empty', { passes: [] }],
    ['not a list', { passes: 'x' }],
    ['holding a non-object', { passes: [1] }],
    ['holding an unknown field', { passes: [{ ...passRequest(), name: 'J. de Vries' }] }],
    ['too long', { passes: Array.from({ length: 501 }, (_, i) => passRequest({ passId: `X${i}` })) }],
  ])('when the batch is %s, then it is refused', async (_case, request) => {
    await expect(new InMemoryLedger().submit(staff, 'passes:IssuePasses', request as never)).rejects.toThrow(
      /^INVALID_ARGUMENT: /,
    );
  });
});

describe('passes: block, unblock, renew', () => {
  it('when a pass is blocked and unblocked, then it can be used again', async () => {
    const ledger = await seededLedger();

    const blocked = await ledger.submit(staff, 'passes:BlockPass', { passId: 'SP-0001', reason: 'lost' });
    const unblocked = await ledger.submit(staff, 'passes:UnblockPass', { passId: 'SP-0001' });

    expect(blocked).toMatchObject({ status: 'blocked', blockedReason: 'lost' });
    expect(unblocked.status).toBe('active');
    expect(unblocked.blockedReason).toBeUndefined();
    expect((await ledger.redeem(pool, redeemRequest())).replayed).toBe(false);
  });

  it('when a blocked pass is blocked again or an active one unblocked, then it is refused', async () => {
    const ledger = await seededLedger();

    await expect(ledger.submit(staff, 'passes:UnblockPass', { passId: 'SP-0001' })).rejects.toThrow(
      /^INVALID_STATE_TRANSITION: /,
    );
    await ledger.submit(staff, 'passes:BlockPass', { passId: 'SP-0001', reason: 'lost' });
    await expect(
      ledger.submit(staff, 'passes:BlockPass', { passId: 'SP-0001', reason: 'again' }),
    ).rejects.toThrow(/^INVALID_STATE_TRANSITION: /);
  });

  it('when a block has no reason, then it is refused', async () => {
    const ledger = await seededLedger();

    await expect(
      ledger.submit(staff, 'passes:BlockPass', { passId: 'SP-0001', reason: '  ' }),
    ).rejects.toThrow(/^INVALID_ARGUMENT: /);
  });

  it('when an unknown pass is blocked, then it is not found', async () => {
    const ledger = await seededLedger();

    await expect(ledger.submit(staff, 'passes:BlockPass', { passId: 'nope', reason: 'x' })).rejects.toThrow(
      /^NOT_FOUND: /,
    );
  });

  it('when a pass is renewed, then it is valid until the new end', async () => {
    const ledger = await seededLedger();

    const renewed = await ledger.submit(staff, 'passes:RenewPass', {
      passId: 'SP-0001',
      validUntil: '2028-01-01T00:00:00Z',
    });

    expect(renewed.validUntil).toBe('2028-01-01T00:00:00.000Z');
    expect(ledger.lastEvent()?.name).toBe('PassRenewed');
  });

  it('when the new end is not later, then the renewal is refused', async () => {
    const ledger = await seededLedger();

    await expect(
      ledger.submit(staff, 'passes:RenewPass', { passId: 'SP-0001', validUntil: '2026-06-01T00:00:00Z' }),
    ).rejects.toThrow(/^INVALID_ARGUMENT: /);
  });

  it('when a pass is past its end, then reads show it expired', async () => {
    const ledger = await seededLedger();
    ledger.setTime('2027-02-01T00:00:00.000Z');

    expect((await ledger.evaluate(staff, 'passes:GetPass', { passId: 'SP-0001' })).status).toBe('expired');
  });
});

describe('passes:ReplacePass', () => {
  it('when a lost card is replaced, then the old is replaced for good and usage moves to the new card', async () => {
    const ledger = await seededLedger();
    await ledger.redeem(pool, redeemRequest({ quantity: 3 }));

    const result = await ledger.submit(staff, 'passes:ReplacePass', {
      passId: 'SP-0001',
      newPassId: 'SP-0100',
    });

    expect(result.movedVouchers).toBe(1);
    expect(result.oldPass).toMatchObject({ status: 'replaced', replacedBy: 'SP-0100' });
    expect(result.newPass).toMatchObject({ status: 'active', replaces: 'SP-0001', category: 'adult' });
    const newPass = await ledger.evaluate(staff, 'passes:GetPass', { passId: 'SP-0100' });
    expect(newPass.vouchers.find((voucher) => voucher.offerId === SWIMS)).toMatchObject({
      used: 3,
      remaining: 2,
    });
    const oldPass = await ledger.evaluate(staff, 'passes:GetPass', { passId: 'SP-0001' });
    expect(oldPass.vouchers).toEqual([]);
  });

  it('when a blocked card is replaced, then the new card is active', async () => {
    const ledger = await seededLedger();
    await ledger.submit(staff, 'passes:BlockPass', { passId: 'SP-0001', reason: 'lost' });

    const result = await ledger.submit(staff, 'passes:ReplacePass', {
      passId: 'SP-0001',
      newPassId: 'SP-0100',
    });

    expect(result.oldPass.status).toBe('replaced');
    expect(result.newPass.status).toBe('active');
  });

  it('when a replaced pass is unblocked, renewed or replaced again, then it is refused', async () => {
    const ledger = await seededLedger();
    await ledger.submit(staff, 'passes:ReplacePass', { passId: 'SP-0001', newPassId: 'SP-0100' });

    await expect(ledger.submit(staff, 'passes:UnblockPass', { passId: 'SP-0001' })).rejects.toThrow(
      /^INVALID_STATE_TRANSITION: /,
    );
    await expect(
      ledger.submit(staff, 'passes:RenewPass', { passId: 'SP-0001', validUntil: '2030-01-01T00:00:00Z' }),
    ).rejects.toThrow(/^INVALID_STATE_TRANSITION: /);
    await expect(
      ledger.submit(staff, 'passes:ReplacePass', { passId: 'SP-0001', newPassId: 'SP-0101' }),
    ).rejects.toThrow(/^INVALID_STATE_TRANSITION: /);
  });

  it('when the new number is taken or equal to the old, then it is refused', async () => {
    const ledger = await seededLedger();

    await expect(
      ledger.submit(staff, 'passes:ReplacePass', { passId: 'SP-0001', newPassId: 'SP-0002' }),
    ).rejects.toThrow(/^ALREADY_EXISTS: /);
    await expect(
      ledger.submit(staff, 'passes:ReplacePass', { passId: 'SP-0001', newPassId: 'SP-0001' }),
    ).rejects.toThrow(/^INVALID_ARGUMENT: /);
  });

  it('when a card is replaced many times over, then reversals still find the current card', async () => {
    const ledger = await seededLedger();
    const use = await ledger.redeem(pool, redeemRequest());
    for (let i = 1; i <= 3; i++) {
      const from = i === 1 ? 'SP-0001' : `R-${i - 1}`;
      await ledger.submit(staff, 'passes:ReplacePass', { passId: from, newPassId: `R-${i}` });
    }

    const reversal = await ledger.submit(pool, 'redemptions:Reverse', {
      requestId: 'rev',
      redemptionId: use.redemption.redemptionId,
    });

    expect(reversal.remaining).toBe(5);
  });
});

describe('passes reads', () => {
  it('when the municipality reads a pass, then it sees status and vouchers', async () => {
    const ledger = await seededLedger();

    const pass = await ledger.evaluate(staff, 'passes:GetPass', { passId: 'SP-0002' });

    expect(pass.vouchers).toEqual([
      expect.objectContaining({ offerId: MUSEUM_DISCOUNT, byRule: 4000, remaining: 4000, unit: 'cents' }),
      expect.objectContaining({
        offerId: SWIMS,
        byRule: 5,
        remaining: 5,
        unit: 'entries',
        periodKey: '2026',
      }),
    ]);
  });

  it.each([
    ['passes:GetPass', 'a venue sees a pass only by scanning its card'],
    ['passes:GetPassHistory', 'a venue sees a pass only by scanning its card'],
  ] as const)('when a venue reads a pass by number with %s, then it is forbidden', async (name, why) => {
    const ledger = await seededLedger();

    await expect(ledger.evaluate(pool, name, { passId: 'SP-0001' })).rejects.toThrow(`FORBIDDEN: ${why}`);
  });

  it('when the SVB reads a pass that carries nothing it funds, then it is forbidden', async () => {
    const ledger = await seededLedger();

    await expect(
      ledger.evaluate(identities.payer(), 'passes:GetPass', { passId: 'SP-0001' }),
    ).rejects.toThrow(/^FORBIDDEN: /);
  });

  it('when the history of a pass is read, then every committed version comes newest first', async () => {
    const ledger = await seededLedger();
    ledger.advanceSeconds(60);
    await ledger.submit(staff, 'passes:BlockPass', { passId: 'SP-0001', reason: 'lost' });
    ledger.advanceSeconds(60);
    await ledger.submit(staff, 'passes:UnblockPass', { passId: 'SP-0001' });

    const history = await ledger.evaluate(staff, 'passes:GetPassHistory', { passId: 'SP-0001' });

    expect(history.map((entry) => entry.value?.status)).toEqual(['active', 'blocked', 'active']);
    expect(history[0]?.at).toBe(ledger.now());
    expect(history.every((entry) => !entry.isDelete)).toBe(true);
  });

  it('when the history of an unknown pass is read, then it is not found', async () => {
    const ledger = new InMemoryLedger();
    await ledger.submit(staff, 'venues:RegisterVenue', venueRequest());

    await expect(ledger.evaluate(staff, 'passes:GetPassHistory', { passId: 'nope' })).rejects.toThrow(
      /^NOT_FOUND: /,
    );
  });
});
