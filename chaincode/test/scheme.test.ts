import { generateKeyPairSync } from 'node:crypto';
import type { SchemeOrganisation } from '../src/vocabulary';
import {
  budgetOffer,
  cardOf,
  entriesOffer,
  holderTransient,
  issueWithHolder,
  passRequest,
  POOL,
  qrKeyRequest,
  seededLedger,
  SWIMS,
} from './support/fixtures';
import { identities } from './support/identities';
import { CITY, InMemoryLedger, REGION } from './support/in-memory-ledger';

const gemeente = identities.municipalityAdmin();
const svb = identities.payerAdmin();
const venues = identities.venuesAdmin();
const westAdmin = identities.regionAdmin();
const westStaff = identities.regionStaff();
const pool = identities.venue(POOL);

const WEST = REGION.find((org) => org.mspId === 'WesterkwartierMSP') as SchemeOrganisation;

describe('the scheme on the ledger', () => {
  it('when a new ledger is set up by an admin of an organisation it names, then the scheme is in force at version 1', async () => {
    const ledger = new InMemoryLedger(undefined, null);

    const scheme = await ledger.submit(gemeente, 'scheme:SetUp', { organisations: [...CITY] });

    expect(scheme).toMatchObject({ version: 1, organisations: CITY });
    await expect(ledger.evaluate(svb, 'scheme:GetScheme', undefined)).resolves.toEqual(scheme);
    expect(ledger.lastEvent()?.name).toBe('SchemeSetUp');
  });

  it('when the scheme is not set up, then role-bound transactions are refused as not initialised', async () => {
    const ledger = new InMemoryLedger(undefined, null);

    await expect(ledger.submit(gemeente, 'config:AddQrKey', qrKeyRequest())).rejects.toThrow(
      /^NOT_INITIALISED: /,
    );
    await expect(ledger.evaluate(gemeente, 'scheme:GetScheme', undefined)).rejects.toThrow(
      /^NOT_INITIALISED: /,
    );
  });

  it.each([
    ['a staff identity', identities.municipalityStaff()],
    [
      'an admin of an organisation the scheme does not name',
      identities.custom('OtherMSP', { role: 'admin' }),
    ],
  ])('when %s sets up the scheme, then it is refused', async (_case, who) => {
    const ledger = new InMemoryLedger(undefined, null);

    await expect(ledger.submit(who, 'scheme:SetUp', { organisations: [...CITY] })).rejects.toThrow(
      /^FORBIDDEN: /,
    );
  });

  it('when the scheme is set up a second time, then it is refused', async () => {
    const ledger = new InMemoryLedger();

    await expect(ledger.submit(gemeente, 'scheme:SetUp', { organisations: [...CITY] })).rejects.toThrow(
      /^ALREADY_EXISTS: /,
    );
  });

  it.each([
    ['a municipality without a collection', [{ mspId: 'AMSP', name: 'A', roles: ['municipality'] }]],
    [
      'a collection of an organisation that is no municipality',
      [{ mspId: 'AMSP', name: 'A', roles: ['payer'], personalDataCollection: 'aPersonalData' }],
    ],
    ['an organisation twice', [CITY[1], CITY[1]]],
    [
      'two municipalities sharing a collection',
      [CITY[0], { ...WEST, personalDataCollection: 'gemeentePersonalData' }],
    ],
    ['an unknown role', [{ mspId: 'AMSP', name: 'A', roles: ['mayor'] }]],
    ['no organisation', []],
  ])('when a scheme names %s, then it is refused', async (_case, organisations) => {
    const ledger = new InMemoryLedger(undefined, null);

    await expect(
      ledger.submit(gemeente, 'scheme:SetUp', { organisations: organisations as SchemeOrganisation[] }),
    ).rejects.toThrow(/^INVALID_ARGUMENT: /);
  });
});

describe('changing the scheme takes a majority of its organisations', () => {
  it('when one of three organisations proposes a change, then nothing changes until a second approves it', async () => {
    const ledger = new InMemoryLedger();

    const proposed = await ledger.submit(gemeente, 'scheme:ProposeChange', {
      proposalId: 'add-west',
      organisations: [...REGION],
    });

    expect(proposed).toMatchObject({ status: 'open', approvals: ['GemeenteMSP'], baseVersion: 1 });
    expect((await ledger.evaluate(svb, 'scheme:GetScheme', undefined)).version).toBe(1);

    const approved = await ledger.submit(svb, 'scheme:ApproveChange', { proposalId: 'add-west' });

    expect(approved).toMatchObject({ status: 'applied', approvals: ['GemeenteMSP', 'SVBMSP'] });
    expect(await ledger.evaluate(venues, 'scheme:GetScheme', undefined)).toMatchObject({
      version: 2,
      organisations: REGION,
    });
    expect(ledger.lastEvent()?.name).toBe('SchemeChanged');
  });

  it('when the same organisation approves twice, a non-admin or an outsider approves, then it is refused', async () => {
    const ledger = new InMemoryLedger();
    await ledger.submit(gemeente, 'scheme:ProposeChange', { proposalId: 'p', organisations: [...REGION] });

    await expect(ledger.submit(gemeente, 'scheme:ApproveChange', { proposalId: 'p' })).rejects.toThrow(
      'CONFLICT: GemeenteMSP approved scheme proposal p already',
    );
    await expect(
      ledger.submit(identities.payer(), 'scheme:ApproveChange', { proposalId: 'p' }),
    ).rejects.toThrow(/^FORBIDDEN: /);
    // The new municipality is not a member until the change is applied: it cannot vote itself in.
    await expect(ledger.submit(westAdmin, 'scheme:ApproveChange', { proposalId: 'p' })).rejects.toThrow(
      /^FORBIDDEN: /,
    );
    await expect(ledger.submit(svb, 'scheme:ApproveChange', { proposalId: 'nope' })).rejects.toThrow(
      /^NOT_FOUND: /,
    );
  });

  it('when another change was applied first, then approving the older proposal is refused as stale', async () => {
    const ledger = new InMemoryLedger();
    await ledger.submit(gemeente, 'scheme:ProposeChange', {
      proposalId: 'first',
      organisations: [...REGION],
    });
    await ledger.submit(gemeente, 'scheme:ProposeChange', { proposalId: 'second', organisations: [...CITY] });
    await ledger.submit(svb, 'scheme:ApproveChange', { proposalId: 'first' });

    await expect(ledger.submit(svb, 'scheme:ApproveChange', { proposalId: 'second' })).rejects.toThrow(
      /^CONFLICT: scheme proposal second changes version 1, but version 2 is in force/,
    );
    await expect(ledger.submit(venues, 'scheme:ApproveChange', { proposalId: 'first' })).rejects.toThrow(
      /^INVALID_STATE_TRANSITION: /,
    );
  });
});

/** The region's ledger: Westerkwartier has published its QR key; Groningen's SP-0001 and SP-0002 are issued. */
async function regionLedger(): Promise<{ ledger: InMemoryLedger; westCard: (passId: string) => string }> {
  const ledger = await seededLedger(REGION);
  const keys = generateKeyPairSync('ed25519');
  await ledger.submit(
    westAdmin,
    'config:AddQrKey',
    qrKeyRequest({
      keyId: 'qr-west',
      publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    }),
  );
  await issueWithHolder(ledger, westStaff, passRequest({ passId: 'WK-0001' }), {
    ...holderTransient('WK-0001'),
    personalData: { name: 'W. Kwartier', bsn: '123456782', dateOfBirth: '1990-02-03', address: 'Zuidhorn' },
  });
  return { ledger, westCard: (passId) => cardOf(passId, 'qr-west', keys.privateKey) };
}

describe('a second municipality', () => {
  it('when it issues a pass, then the pass is its own and its holder sits in its own collection only', async () => {
    const { ledger } = await regionLedger();

    const pass = await ledger.evaluate(westStaff, 'passes:GetPass', { passId: 'WK-0001' });

    expect(pass).toMatchObject({ passId: 'WK-0001', municipalityMspId: 'WesterkwartierMSP' });
    expect(
      ledger.world.getPrivate('westerkwartierPersonalData', '\u0000holder\u0000WK-0001\u0000'),
    ).toBeDefined();
    expect(
      ledger.world.getPrivate('gemeentePersonalData', '\u0000holder\u0000WK-0001\u0000'),
    ).toBeUndefined();
    await expect(
      ledger.evaluate(westStaff, 'passes:GetHolder', { passId: 'WK-0001' }),
    ).resolves.toMatchObject({
      personalData: { name: 'W. Kwartier' },
    });
  });

  it("when the first municipality reads, changes or scans the other's pass, then it is refused", async () => {
    const { ledger, westCard } = await regionLedger();
    const staff = identities.municipalityStaff();

    await expect(ledger.evaluate(staff, 'passes:GetHolder', { passId: 'WK-0001' })).rejects.toThrow(
      'FORBIDDEN: pass WK-0001 was issued by WesterkwartierMSP: only it may do this',
    );
    await expect(ledger.evaluate(staff, 'passes:GetPassHistory', { passId: 'WK-0001' })).rejects.toThrow(
      /^FORBIDDEN: /,
    );
    await expect(
      ledger.submit(staff, 'passes:BlockPass', { passId: 'WK-0001', reason: 'lost' }),
    ).rejects.toThrow(/^FORBIDDEN: /);
    await expect(ledger.scan(staff, westCard('WK-0001'))).rejects.toThrow(/^FORBIDDEN: /);
    // Groningen funds offers, so it reads as a funder: none of its offers takes the pass.
    await expect(ledger.evaluate(staff, 'passes:GetPass', { passId: 'WK-0001' })).rejects.toThrow(
      'FORBIDDEN: pass WK-0001 carries no voucher of an offer GemeenteMSP funds',
    );
  });

  it("when a card of one municipality's pass is signed with the other's key, then it does not verify", async () => {
    const { ledger, westCard } = await regionLedger();

    await expect(ledger.scan(pool, cardOf('WK-0001'))).rejects.toThrow(
      'INVALID_QR: QR payload is signed by a key of GemeenteMSP, but pass WK-0001 was issued by WesterkwartierMSP',
    );
    await expect(ledger.scan(pool, westCard('SP-0001'))).rejects.toThrow(/^INVALID_QR: /);
    await expect(
      ledger.submit(westAdmin, 'config:RetireQrKey', {
        keyId: 'qr-test-1',
        validUntil: '2026-06-01T00:00:00Z',
      }),
    ).rejects.toThrow(/^FORBIDDEN: /);
  });

  it("when an offer takes only the first municipality's passes, then the venue books Groningen's pass and refuses the other", async () => {
    const { ledger, westCard } = await regionLedger();

    const scanned = await ledger.scan(pool, westCard('WK-0001'));
    expect(scanned.vouchers.map((voucher) => voucher.offerId)).not.toContain(SWIMS);

    await expect(
      ledger.redeem(pool, { requestId: 'r1', qr: westCard('WK-0001'), offerId: SWIMS }),
    ).rejects.toThrow(`ISSUER_NOT_ELIGIBLE: offer ${SWIMS} does not take passes of WesterkwartierMSP`);
    await expect(
      ledger.redeem(pool, { requestId: 'r2', qr: cardOf('SP-0001'), offerId: SWIMS }),
    ).resolves.toMatchObject({ remaining: 4 });
  });

  it('when it funds its own offer, a venue books its pass, claims, and it approves while the payer pays', async () => {
    const { ledger, westCard } = await regionLedger();
    await ledger.submit(
      westStaff,
      'offers:CreateOffer',
      entriesOffer({ offerId: 'west-swims', funderMspId: 'WesterkwartierMSP' }),
    );

    const booked = await ledger.redeem(pool, {
      requestId: 'w1',
      qr: westCard('WK-0001'),
      offerId: 'west-swims',
    });
    expect(booked).toMatchObject({ remaining: 4 });
    await expect(
      ledger.redeem(pool, {
        requestId: 'w2',
        qr: cardOf('SP-0001'),
        offerId: 'west-swims',
      }),
    ).rejects.toThrow(/^ISSUER_NOT_ELIGIBLE: /);

    ledger.advanceSeconds(60);
    const claim = await ledger.submit(pool, 'claims:SubmitClaim', {
      claimId: 'west-claim',
      funderMspId: 'WesterkwartierMSP',
      periodFrom: '2026-01-01T00:00:00Z',
      periodTo: ledger.now(),
    });
    expect(claim.totalCents).toBe(450);
    await expect(ledger.submit(gemeente, 'claims:ApproveClaim', { claimId: 'west-claim' })).rejects.toThrow(
      /^FORBIDDEN: /,
    );
    await ledger.submit(westStaff, 'claims:ApproveClaim', { claimId: 'west-claim' });
    await expect(
      ledger.submit(svb, 'claims:RecordPayment', {
        claimId: 'west-claim',
        paymentReference: 'SVB-W-1',
        paidOn: '2026-03-03',
      }),
    ).resolves.toMatchObject({ status: 'paid' });
  });

  it("when an offer names both municipalities, or the payer funds it, then it takes both municipalities' passes", async () => {
    const { ledger, westCard } = await regionLedger();
    await ledger.submit(
      identities.municipalityStaff(),
      'offers:CreateOffer',
      entriesOffer({ offerId: 'regional-swims', passIssuers: ['GemeenteMSP', 'WesterkwartierMSP'] }),
    );

    for (const [requestId, qr] of [
      ['b1', westCard('WK-0001')],
      ['b2', cardOf('SP-0001')],
    ] as const) {
      await expect(ledger.redeem(pool, { requestId, qr, offerId: 'regional-swims' })).resolves.toMatchObject({
        remaining: 4,
      });
    }
    expect(
      (await ledger.evaluate(svb, 'offers:GetOffer', { offerId: budgetOffer().offerId })).passIssuers,
    ).toEqual(['GemeenteMSP', 'WesterkwartierMSP']);
  });
});
