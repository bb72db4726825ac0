import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { canonicalJson } from '../../chaincode/src/ledger/json';
import type {
  ClaimRecord,
  OfferRecord,
  PassView,
  RedeemResponse,
  ScanView,
} from '../../chaincode/src/vocabulary';
import {
  cardNumberOf,
  enrolledCredentials,
  ensureConfiguredWithVenue,
  evaluateJson,
  municipalityCards,
  openGateway,
  presentingCard,
  submitJson,
  type CardMaker,
  type GatewaySession,
} from '@stadspas/network';
import { eventually, filesUnder, orgByMsp, testNetwork } from './support/network';
import { refusalOf } from './support/refusal';

const ctx = testNetwork();
const gemeente = orgByMsp(ctx, 'GemeenteMSP');
const svb = orgByMsp(ctx, 'SVBMSP');
const venues = orgByMsp(ctx, 'VenuesMSP');
const unique = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const VENUE = 'zwembad-kardinge';

let municipality: GatewaySession;
let pool: GatewaySession;
let payer: GatewaySession;
let cardOf: CardMaker;

/** Every block of the channel, raw, read through the query system chaincode. */
async function channelBlocks(session: GatewaySession): Promise<Buffer[]> {
  const qscc = session.gateway.getNetwork(ctx.network.channel).getContract('qscc');
  const blocks: Buffer[] = [];
  for (let n = 0; ; n += 1) {
    try {
      blocks.push(
        Buffer.from(await qscc.evaluateTransaction('GetBlockByNumber', ctx.network.channel, String(n))),
      );
    } catch {
      return blocks;
    }
  }
}

function isoIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString();
}

beforeAll(async () => {
  municipality = openGateway(ctx, gemeente, enrolledCredentials(ctx, gemeente, 'gemeente-admin'));
  pool = openGateway(ctx, venues, enrolledCredentials(ctx, venues, VENUE));
  payer = openGateway(ctx, svb, enrolledCredentials(ctx, svb, 'svb-payer'));
  await ensureConfiguredWithVenue(municipality.contract, VENUE, 'Sportcentrum Kardinge');
  cardOf = await municipalityCards(ctx, municipality.contract);
});

afterAll(() => {
  for (const session of [municipality, pool, payer]) {
    session.close();
  }
});

describe('the city pass story through the real peers', () => {
  const offerId = `swim-${unique}`;
  const passId = `9001${Date.now().toString().slice(-8)}`;
  const personalData = {
    name: 'Anna de Vries',
    bsn: '111222333',
    dateOfBirth: '1990-04-01',
    address: 'Grote Markt 1, Groningen',
  };

  test('when the municipality creates an offer and issues a pass, then the pass holds the offer by rule and the hash of its private holder', async () => {
    const offer = await submitJson<OfferRecord>(municipality.contract, 'offers:CreateOffer', {
      offerId,
      name: '5 free swims a year',
      kind: 'entries',
      entriesPerPeriod: 2,
      eligibleVenueIds: [VENUE],
      eligibleCategories: ['adult'],
      reimbursement: { perUseCents: 450 },
      funderMspId: 'GemeenteMSP',
      validFrom: isoIn(-1),
      validUntil: isoIn(365),
      grantByRule: true,
    });
    const salt = randomBytes(16).toString('hex');

    await municipality.contract.submit('passes:RecordHolder', {
      transientData: {
        holder: JSON.stringify({ passId, salt, cardNumber: cardNumberOf(passId), personalData }),
        cardNumberSecret: randomBytes(32).toString('hex'),
      },
    });
    await submitJson(municipality.contract, 'passes:IssuePass', {
      passId,
      category: 'adult',
      validFrom: isoIn(-1),
      validUntil: isoIn(365),
      holderRef: `holder-${unique}`,
    });

    const pass = await evaluateJson<PassView>(municipality.contract, 'passes:GetPass', { passId });
    // A submit returns once the submitter's own peer committed; another organisation's peer may be a block behind.
    const scanned = await eventually(() =>
      evaluateJson<ScanView>(pool.contract, 'redemptions:Scan', undefined, presentingCard(cardOf(passId))),
    );
    expect(offer.version).toBe(1);
    expect(pass.status).toBe('active');
    expect(scanned.status).toBe('active');
    expect(scanned.vouchers.find((v) => v.offerId === offerId)?.remaining).toBe(2);
    expect(JSON.stringify(pass)).not.toContain(personalData.bsn);
    const holder = await evaluateJson(municipality.contract, 'passes:GetHolder', { passId });
    expect(pass.holderHash).toBe(createHash('sha256').update(canonicalJson(holder)).digest('hex'));
  });

  test('when a venue’s own client asks which pass a card number names, then only the municipality’s peer answers, and only with its permission', async () => {
    const asking = {
      transientData: { cardNumber: cardNumberOf(passId) },
      endorsingOrganizations: [gemeente.mspId],
    };
    const grant = { venueId: VENUE, reason: `direct client test ${unique}` };

    const before = await refusalOf(pool.contract.evaluate('passes:FindPassByCardNumber', asking));
    await submitJson(municipality.contract, 'venues:GrantBookByNumber', grant);
    try {
      const found = await eventually(() =>
        pool.contract.evaluate('passes:FindPassByCardNumber', asking).then((bytes) => {
          return JSON.parse(Buffer.from(bytes).toString('utf8')) as { passId: string };
        }),
      );
      const ownPeer = await refusalOf(
        pool.contract.evaluate('passes:FindPassByCardNumber', {
          ...asking,
          endorsingOrganizations: [venues.mspId],
        }),
      );

      expect(before).toMatch(/FORBIDDEN: only GemeenteMSP and the venues it allowed/);
      expect(found.passId).toBe(passId);
      expect(ownPeer).toMatch(/FORBIDDEN: card numbers are looked up on a peer of the municipality/);
    } finally {
      await submitJson(municipality.contract, 'venues:RevokeBookByNumber', grant);
    }
  });

  test('when a venue’s own identity skips the gateway, then the chaincode still wants the genuine card', async () => {
    const genuine = cardOf(passId);
    const forged = `${genuine.split('.').slice(0, 2).join('.')}.${Buffer.alloc(64).toString('base64url')}`;
    const refusals = await Promise.all([
      refusalOf(evaluateJson(pool.contract, 'passes:GetPass', { passId })),
      refusalOf(evaluateJson(pool.contract, 'vouchers:ListVouchers', { passId })),
      refusalOf(
        submitJson(pool.contract, 'redemptions:Redeem', { requestId: `req-${unique}-n`, passId, offerId }),
      ),
      refusalOf(
        submitJson(
          pool.contract,
          'redemptions:Redeem',
          { requestId: `req-${unique}-f`, offerId },
          presentingCard(forged),
        ),
      ),
    ]);

    expect(refusals.map((refusal) => /FORBIDDEN|INVALID_QR/.exec(refusal)?.[0])).toEqual([
      'FORBIDDEN',
      'FORBIDDEN',
      'FORBIDDEN',
      'INVALID_QR',
    ]);
  });

  test('when a venue redeems with the card, then the balance drops, and a retry with the same request id books nothing', async () => {
    const request = { requestId: `req-${unique}-1`, offerId, quantity: 1 };
    const card = presentingCard(cardOf(passId));

    const first = await submitJson<RedeemResponse>(pool.contract, 'redemptions:Redeem', request, card);
    const retry = await submitJson<RedeemResponse>(pool.contract, 'redemptions:Redeem', request, card);

    expect(first.remaining).toBe(1);
    expect(first.redemption.presented).toBe('card');
    expect(retry.replayed).toBe(true);
    expect(retry.redemption.redemptionId).toBe(first.redemption.redemptionId);
    const scanned = await evaluateJson<ScanView>(pool.contract, 'redemptions:Scan', undefined, card);
    expect(scanned.vouchers.find((v) => v.offerId === offerId)?.remaining).toBe(1);
  });

  test('when a venue redeems more than the pass holds, then it is refused with INSUFFICIENT_BALANCE', async () => {
    await submitJson(
      pool.contract,
      'redemptions:Redeem',
      { requestId: `req-${unique}-2`, offerId, quantity: 1 },
      presentingCard(cardOf(passId)),
    );

    expect(
      await refusalOf(
        submitJson(
          pool.contract,
          'redemptions:Redeem',
          { requestId: `req-${unique}-3`, offerId, quantity: 1 },
          presentingCard(cardOf(passId)),
        ),
      ),
    ).toMatch(/INSUFFICIENT_BALANCE/);
  });

  test('when a venue claims, the funder approves and the SVB pays, then a second claim is refused', async () => {
    // The period ends now: a claim covers one that has ended.
    const period = { funderMspId: 'GemeenteMSP', periodFrom: isoIn(-1), periodTo: new Date().toISOString() };

    const claim = await submitJson<ClaimRecord>(pool.contract, 'claims:SubmitClaim', {
      claimId: `claim-${unique}`,
      ...period,
    });
    expect(
      await refusalOf(submitJson(payer.contract, 'claims:ApproveClaim', { claimId: claim.claimId })),
    ).toMatch(/FORBIDDEN/);
    // Each step is endorsed by peers that may not have committed the step before yet: retried until they have.
    const approved = await eventually(() =>
      submitJson<ClaimRecord>(municipality.contract, 'claims:ApproveClaim', { claimId: claim.claimId }),
    );
    const paid = await eventually(() =>
      submitJson<ClaimRecord>(payer.contract, 'claims:RecordPayment', {
        claimId: claim.claimId,
        paymentReference: `SVB-${unique}`,
        paidOn: isoIn(0).slice(0, 10),
      }),
    );

    expect(claim.redemptionIds.length).toBeGreaterThanOrEqual(2);
    expect(approved.status).toBe('approved');
    expect(paid.status).toBe('paid');
    expect(
      await refusalOf(
        submitJson(pool.contract, 'claims:SubmitClaim', { claimId: `claim-${unique}-again`, ...period }),
      ),
    ).toMatch(/ALREADY_CLAIMED/);
  });
  test('when the municipality purges the holder, then the personal data is gone and no block ever carried it', async () => {
    const before = await evaluateJson<{ personalData: { bsn: string } }>(
      municipality.contract,
      'passes:GetHolder',
      { passId },
    );

    await submitJson(municipality.contract, 'passes:PurgeHolder', { passId });

    expect(before.personalData.bsn).toBe(personalData.bsn);
    expect(await refusalOf(evaluateJson(municipality.contract, 'passes:GetHolder', { passId }))).toMatch(
      /NOT_FOUND/,
    );
    expect(await refusalOf(evaluateJson(pool.contract, 'passes:GetHolder', { passId }))).toMatch(/FORBIDDEN/);
    const blocks = await channelBlocks(municipality);
    for (const secret of [personalData.bsn, personalData.name, personalData.address]) {
      expect(blocks.some((block) => block.includes(Buffer.from(secret)))).toBe(false);
    }
  });

  test('when venues booked and scanned with the card, then no file of any peer holds the card’s code or its signature', () => {
    const card = cardOf(passId);
    const signature = Buffer.from(card.split('.').at(-1) ?? '');
    const claims = Buffer.from(card.split('.')[1] ?? '');
    const files = ctx.network.organisations.flatMap((org) => filesUnder(ctx.paths.org(org).peerData));

    const holding = files.filter((file) => {
      const bytes = readFileSync(file);
      return bytes.includes(signature) || bytes.includes(claims);
    });

    expect(files.some((file) => file.includes('blockfile'))).toBe(true);
    expect(holding).toEqual([]);
  });

  test('when the pass was issued with its card number, then no block holds the number and no other organisation’s peer has it', async () => {
    const printed = Buffer.from(cardNumberOf(passId));
    const blocks = await channelBlocks(municipality);
    const othersFiles = [svb, venues].flatMap((org) => filesUnder(ctx.paths.org(org).peerData));

    expect(blocks.some((block) => block.includes(Buffer.from(passId)))).toBe(true);
    expect(blocks.some((block) => block.includes(printed))).toBe(false);
    expect(othersFiles.filter((file) => readFileSync(file).includes(printed))).toEqual([]);
  });
});
