import { createHash, generateKeyPairSync } from 'node:crypto';
import { identities } from './support/identities';
import { seededLedger } from './support/fixtures';
import { CITY, InMemoryLedger, REGION } from './support/in-memory-ledger';

const admin = identities.municipalityAdmin();

function ed25519Pem(): string {
  return generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

describe('config', () => {
  it('when nothing was set, then the defaults are in force and marked not initialised', async () => {
    const config = await new InMemoryLedger().evaluate(identities.venue('x'), 'config:GetConfig', undefined);

    expect(config).toEqual({ passYearStart: '01-01', reversalWindowSeconds: 86400, initialised: false });
  });

  it('when an admin sets the config, then it is in force', async () => {
    const ledger = new InMemoryLedger();

    await ledger.submit(admin, 'config:SetConfig', { passYearStart: '08-01', reversalWindowSeconds: 600 });

    expect(await ledger.evaluate(identities.payer(), 'config:GetConfig', undefined)).toEqual({
      passYearStart: '08-01',
      reversalWindowSeconds: 600,
      initialised: true,
      updatedAt: ledger.now(),
    });
    expect(ledger.lastEvent()?.name).toBe('ConfigSet');
  });

  it('when a municipality admin changes the settings once set, then it is refused; setting them again changes nothing', async () => {
    const ledger = new InMemoryLedger();
    await ledger.submit(admin, 'config:SetConfig', { passYearStart: '08-01', reversalWindowSeconds: 600 });
    const before = ledger.world.snapshot();

    await expect(
      ledger.submit(admin, 'config:SetConfig', { passYearStart: '01-01', reversalWindowSeconds: 600 }),
    ).rejects.toThrow(/^CONFLICT: /);
    await expect(
      ledger.submit(admin, 'config:SetConfig', { passYearStart: '08-01', reversalWindowSeconds: 10 ** 6 }),
    ).rejects.toThrow(
      /^FORBIDDEN: the ledger-wide settings are set: reversalWindowSeconds change only with the scheme's majority/,
    );
    const again = await ledger.submit(admin, 'config:SetConfig', {
      passYearStart: '08-01',
      reversalWindowSeconds: 600,
    });

    expect(again.reversalWindowSeconds).toBe(600);
    expect(ledger.world.snapshot()).toBe(before);
  });

  it('when settings are set again without the optional ones in force, then those are kept and nothing changes', async () => {
    const ledger = new InMemoryLedger();
    await ledger.submit(admin, 'config:SetConfig', {
      passYearStart: '01-01',
      reversalWindowSeconds: 600,
      offlineBookingsPerDay: 2,
    });
    const before = ledger.world.snapshot();

    const again = await ledger.submit(admin, 'config:SetConfig', {
      passYearStart: '01-01',
      reversalWindowSeconds: 600,
    });

    expect(again.offlineBookingsPerDay).toBe(2);
    expect(ledger.world.snapshot()).toBe(before);
    await expect(
      ledger.submit(admin, 'config:SetConfig', {
        passYearStart: '01-01',
        reversalWindowSeconds: 600,
        offlineBookingsPerDay: 5,
      }),
    ).rejects.toThrow(/^FORBIDDEN: the ledger-wide settings are set: offlineBookingsPerDay change only/);
  });

  it('when a majority of the scheme approves new settings, then they are in force; the proposer alone changes nothing', async () => {
    const ledger = new InMemoryLedger();
    await ledger.submit(admin, 'config:SetConfig', { passYearStart: '08-01', reversalWindowSeconds: 600 });
    const config = { passYearStart: '08-01', reversalWindowSeconds: 60 };

    await ledger.submit(admin, 'scheme:ProposeChange', {
      proposalId: 'window',
      organisations: [...CITY],
      config,
    });
    const pending = await ledger.evaluate(identities.payer(), 'config:GetConfig', undefined);
    await ledger.submit(identities.payerAdmin(), 'scheme:ApproveChange', { proposalId: 'window' });
    const applied = await ledger.evaluate(identities.payer(), 'config:GetConfig', undefined);

    expect(pending.reversalWindowSeconds).toBe(600);
    expect(applied).toMatchObject({ ...config, initialised: true });
    expect(ledger.lastEvent()).toMatchObject({
      name: 'SchemeChanged',
      payload: { proposalId: 'window', config },
    });
  });

  it('when a proposal would move the pass-year boundary, then it is refused at once', async () => {
    const ledger = new InMemoryLedger();
    await ledger.submit(admin, 'config:SetConfig', { passYearStart: '08-01', reversalWindowSeconds: 600 });

    await expect(
      ledger.submit(admin, 'scheme:ProposeChange', {
        proposalId: 'year',
        organisations: [...CITY],
        config: { passYearStart: '01-01', reversalWindowSeconds: 600 },
      }),
    ).rejects.toThrow(/^CONFLICT: passYearStart is 08-01/);
  });

  it.each([
    ['staff', identities.municipalityStaff()],
    ['the SVB admin', identities.payerAdmin()],
    ['a venue', identities.venue('zwembad-kardinge')],
  ])('when %s sets the config, then it is forbidden', async (_who, who) => {
    await expect(
      new InMemoryLedger().submit(who, 'config:SetConfig', {
        passYearStart: '01-01',
        reversalWindowSeconds: 60,
      }),
    ).rejects.toThrow(/^FORBIDDEN: /);
  });

  it.each([
    ['a mid-month start', { passYearStart: '08-15', reversalWindowSeconds: 60 }],
    ['month 13', { passYearStart: '13-01', reversalWindowSeconds: 60 }],
    ['a negative window', { passYearStart: '01-01', reversalWindowSeconds: -1 }],
    ['a window over 90 days', { passYearStart: '01-01', reversalWindowSeconds: 90 * 24 * 3600 + 1 }],
  ])('when the config has %s, then it is refused', async (_case, request) => {
    await expect(new InMemoryLedger().submit(admin, 'config:SetConfig', request)).rejects.toThrow(
      /^INVALID_ARGUMENT: /,
    );
  });
});

describe('QR keys', () => {
  it('when keys are rotated, then the old key stays listed with its end', async () => {
    const ledger = new InMemoryLedger();
    await ledger.submit(admin, 'config:AddQrKey', {
      keyId: 'qr-2026-1',
      publicKeyPem: ed25519Pem(),
      validFrom: '2026-01-01T00:00:00Z',
    });
    await ledger.submit(admin, 'config:AddQrKey', {
      keyId: 'qr-2026-2',
      publicKeyPem: ed25519Pem(),
      validFrom: '2026-06-01T00:00:00Z',
      validUntil: '2027-06-01T00:00:00Z',
    });

    const retired = await ledger.submit(admin, 'config:RetireQrKey', {
      keyId: 'qr-2026-1',
      validUntil: '2026-06-30T00:00:00Z',
    });
    const keys = await ledger.evaluate(identities.venue('zwembad-kardinge'), 'config:ListQrKeys', undefined);

    expect(retired.validUntil).toBe('2026-06-30T00:00:00.000Z');
    expect(keys.map((key) => [key.keyId, key.validUntil])).toEqual([
      ['qr-2026-1', '2026-06-30T00:00:00.000Z'],
      ['qr-2026-2', '2027-06-01T00:00:00.000Z'],
    ]);
    expect(keys[0]?.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });

  it.each([
    ['not PEM', 'hello'],
    [
      'an RSA key',
      generateKeyPairSync('rsa', { modulusLength: 1024 })
        .publicKey.export({ type: 'spki', format: 'pem' })
        .toString(),
    ],
    ['too long', 'x'.repeat(1001)],
    ['a number', 42],
  ])('when the key is %s, then it is refused', async (_case, publicKeyPem) => {
    await expect(
      new InMemoryLedger().submit(admin, 'config:AddQrKey', {
        keyId: 'k',
        publicKeyPem: publicKeyPem as string,
        validFrom: '2026-01-01T00:00:00Z',
      }),
    ).rejects.toThrow(/^INVALID_ARGUMENT: publicKeyPem/);
  });

  it('when the key id exists or the validity is reversed, then it is refused', async () => {
    const ledger = new InMemoryLedger();
    const key = { keyId: 'k', publicKeyPem: ed25519Pem(), validFrom: '2026-01-01T00:00:00Z' };
    await ledger.submit(admin, 'config:AddQrKey', key);

    await expect(ledger.submit(admin, 'config:AddQrKey', key)).rejects.toThrow(/^ALREADY_EXISTS: /);
    await expect(
      ledger.submit(admin, 'config:AddQrKey', { ...key, keyId: 'k2', validUntil: '2025-01-01T00:00:00Z' }),
    ).rejects.toThrow(/^INVALID_ARGUMENT: /);
    await expect(
      ledger.submit(admin, 'config:RetireQrKey', { keyId: 'k', validUntil: '2025-01-01T00:00:00Z' }),
    ).rejects.toThrow(/^INVALID_ARGUMENT: /);
  });

  it('when an unknown key is retired, or staff add a key, then it is refused', async () => {
    const ledger = new InMemoryLedger();

    await expect(
      ledger.submit(admin, 'config:RetireQrKey', { keyId: 'nope', validUntil: '2027-01-01T00:00:00Z' }),
    ).rejects.toThrow(/^NOT_FOUND: /);
    await expect(
      ledger.submit(identities.municipalityStaff(), 'config:AddQrKey', {
        keyId: 'k',
        publicKeyPem: ed25519Pem(),
        validFrom: '2026-01-01T00:00:00Z',
      }),
    ).rejects.toThrow(/^FORBIDDEN: /);
  });
});

describe('state digests', () => {
  it('when an admin pages through the passes’ digests, then each key comes once with the SHA-256 of its stored value', async () => {
    const ledger = await seededLedger();
    const stored = ledger.world
      .keysWithPrefix('\u0000pass\u0000')
      .map((key) => [key, ledger.world.get(key)] as const);

    const first = await ledger.evaluate(identities.payerAdmin(), 'config:ListStateDigests', {
      keyType: 'pass',
      pageSize: 1,
    });
    const rest = await ledger.evaluate(identities.payerAdmin(), 'config:ListStateDigests', {
      keyType: 'pass',
      pageSize: 200,
      bookmark: first.bookmark,
    });

    expect(stored.length).toBeGreaterThan(1);
    expect([...first.items, ...rest.items]).toEqual(
      stored.map(([key, value]) => ({
        key,
        sha256: createHash('sha256')
          .update(value ?? new Uint8Array())
          .digest('hex'),
      })),
    );
  });

  it('when a cashier or staff asks for the digests, then it is refused', async () => {
    const ledger = await seededLedger();

    for (const caller of [identities.venue('x'), identities.municipalityStaff()]) {
      await expect(ledger.evaluate(caller, 'config:ListStateDigests', { keyType: 'pass' })).rejects.toThrow(
        /^FORBIDDEN: the world state's digests are for an organisation's admin/,
      );
    }
  });

  it('when the key type is not one of the chaincode’s, then it is refused', async () => {
    const ledger = await seededLedger();

    await expect(
      ledger.evaluate(admin, 'config:ListStateDigests', { keyType: 'secret' } as never),
    ).rejects.toThrow(/^INVALID_ARGUMENT: /);
  });

  it('when a page of digests asks for more than 2,000 keys, then it is refused; 2,000 is taken', async () => {
    const ledger = await seededLedger();

    await expect(
      ledger.evaluate(admin, 'config:ListStateDigests', { keyType: 'pass', pageSize: 2_001 }),
    ).rejects.toThrow(/^INVALID_ARGUMENT: /);
    await expect(
      ledger.evaluate(admin, 'config:ListStateDigests', { keyType: 'pass', pageSize: 2_000 }),
    ).resolves.toMatchObject({ bookmark: '' });
  });
});

describe('discount norm', () => {
  it('when each municipality admin sets its norm, then each record names that municipality and the other is untouched', async () => {
    const ledger = new InMemoryLedger(undefined, REGION);
    const own = await ledger.submit(admin, 'config:SetDiscountNorm', { discountPercent: 50 });
    const region = await ledger.submit(identities.regionAdmin(), 'config:SetDiscountNorm', {
      discountPercent: 75,
    });
    expect(own).toEqual({ municipalityMspId: 'GemeenteMSP', discountPercent: 50, setAt: ledger.now() });
    expect(region.municipalityMspId).toBe('WesterkwartierMSP');
    const again = await ledger.submit(admin, 'config:SetDiscountNorm', { discountPercent: 40 });
    expect(again.discountPercent).toBe(40);
  });

  it.each([
    ['staff', identities.municipalityStaff()],
    ['the payer', identities.payerAdmin()],
    ['a venues admin', identities.venuesAdmin()],
    ['a cashier', identities.venue('zwembad-kardinge')],
  ])('when %s sets a norm, then it is refused', async (_who, who) => {
    await expect(
      new InMemoryLedger().submit(who, 'config:SetDiscountNorm', { discountPercent: 50 }),
    ).rejects.toThrow(/^FORBIDDEN: only municipality identities with role admin/);
  });

  it.each([0, 101, 12.5])('when the norm is %s percent, then it is refused', async (discountPercent) => {
    await expect(
      new InMemoryLedger().submit(admin, 'config:SetDiscountNorm', { discountPercent }),
    ).rejects.toThrow(/^INVALID_ARGUMENT: /);
  });
});
