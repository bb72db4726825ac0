/**
 * Rules that must hold against a partner's own node: its own Fabric identity and a client it wrote itself, not
 * our gateway. Each test acts as that partner against the real peers.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CARD_TRANSIENT_KEY,
  LINK_CODE_TRANSIENT_KEY,
  linkCodeDigest,
  type RedeemResponse,
  type ScanView,
} from '../../chaincode/src/vocabulary';
import { Phone } from '../../chaincode/test/support/phones';
import {
  createOfferWithPasses,
  enrolledCredentials,
  ensureConfiguredWithVenue,
  evaluateJson,
  municipalityCards,
  openGateway,
  presentingCard,
  runningPid,
  submitJson,
  type CardMaker,
  type Credentials,
  type GatewaySession,
  type Organisation,
} from '@stadspas/network';
import { datedProposal } from './support/dated-proposal';
import { eventually, filesUnder, orgByMsp, runCli, testNetwork } from './support/network';
import { refusalOf } from './support/refusal';
import { readClients, restClient } from './support/rest-client';

const ctx = testNetwork();
const gemeente = orgByMsp(ctx, 'GemeenteMSP');
const svb = orgByMsp(ctx, 'SVBMSP');
const venues = orgByMsp(ctx, 'VenuesMSP');
const VENUE = 'zwembad-kardinge';
const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const offerId = `trust-${runId}`;
const passId = `TRUST-${runId}`;
const MINUTE = 60_000;

let municipality: GatewaySession;
let cashier: Credentials;
let pool: GatewaySession;
let cardOf: CardMaker;

beforeAll(async () => {
  municipality = openGateway(ctx, gemeente, enrolledCredentials(ctx, gemeente, 'gemeente-admin'));
  cashier = enrolledCredentials(ctx, venues, VENUE);
  pool = openGateway(ctx, venues, cashier);
  await ensureConfiguredWithVenue(municipality.contract, VENUE, 'Sportcentrum Kardinge');
  await createOfferWithPasses(municipality.contract, {
    offerId,
    venueId: VENUE,
    entries: 10,
    passIds: [passId],
  });
  cardOf = await municipalityCards(ctx, municipality.contract);
});

afterAll(() => {
  municipality.close();
  pool.close();
});

/**
 * Runs `action` while an organisation's peer is frozen (SIGSTOP): the peer and its supervisor are one process
 * group, frozen together, so nothing restarts the peer meanwhile. The peer is thawed whatever happens.
 */
async function whilePeerFrozen<T>(org: Organisation, action: () => Promise<T>): Promise<T> {
  const supervisor = runningPid(ctx.paths, `peer-${org.name}`);
  if (supervisor === undefined) {
    throw new Error(`peer-${org.name} is not running`);
  }
  process.kill(-supervisor, 'SIGSTOP');
  try {
    return await action();
  } finally {
    process.kill(-supervisor, 'SIGCONT');
  }
}

/**
 * Waits until a write through each organisation's peer is endorsed by every organisation's peer again: a thawed
 * peer may not see the others through gossip for a while ("no combination of peers", "failed to find any
 * endorsing peers"), and the tests and suites after this one need the city whole. Setting the settings in force
 * again writes nothing.
 */
async function untilEveryPeerEndorses(): Promise<void> {
  const settings = await evaluateJson<{ passYearStart: string; reversalWindowSeconds: number }>(
    municipality.contract,
    'config:GetConfig',
  );
  for (const org of [gemeente, svb, venues]) {
    const admin = openGateway(ctx, org, enrolledCredentials(ctx, gemeente, 'gemeente-admin'));
    try {
      await eventually(
        () =>
          admin.contract.submit('config:SetConfig', {
            arguments: [
              JSON.stringify({
                passYearStart: settings.passYearStart,
                reversalWindowSeconds: settings.reversalWindowSeconds,
              }),
            ],
            endorsingOrganizations: [gemeente.mspId, svb.mspId, venues.mspId],
          }),
        180_000,
        1_000,
      );
    } finally {
      admin.close();
    }
  }
}

/** A booking of one entry by the pool's own client, dated `offsetMs` from now by that client's clock. */
async function bookDated(offsetMs: number): Promise<RedeemResponse> {
  const proposal = await datedProposal(
    pool,
    cashier,
    'redemptions:Redeem',
    {
      arguments: [JSON.stringify({ requestId: `dated-${runId}-${String(offsetMs)}`, offerId, quantity: 1 })],
      transientData: presentingCard(cardOf(passId)),
    },
    new Date(Date.now() + offsetMs),
  );
  const submitted = await (await proposal.endorse()).submit();
  const status = await submitted.getStatus();
  if (!status.successful) {
    throw new Error(`transaction ${status.transactionId} committed as invalid (${String(status.code)})`);
  }
  return JSON.parse(Buffer.from(submitted.getResult()).toString('utf8')) as RedeemResponse;
}

describe('time is not the client’s to choose', () => {
  test.each([
    ['a year ahead', 365 * 24 * 60 * MINUTE],
    ['ten minutes behind', -10 * MINUTE],
  ])(
    'when a cashier’s own Fabric client dates a booking %s, then the peers refuse it with CLOCK_SKEW',
    async (_case, offsetMs) => {
      expect(await refusalOf(bookDated(offsetMs))).toMatch(/CLOCK_SKEW: the proposal is dated/);
    },
  );

  test('when the same client dates a booking a minute ahead, then it books', async () => {
    // The venues' peer may be a block behind the passes the municipality just issued: the same request id again books once.
    // Ahead rather than behind: the card's key may have been published less than a minute ago on a new ledger.
    const booked = await eventually(() => bookDated(MINUTE));

    expect(booked.redemption).toMatchObject({ passId, presented: 'card' });
  });
});

describe('personal data is endorsed by its owner only', () => {
  const holderName = `Trust Holder ${runId}`;
  const personalData = {
    name: holderName,
    bsn: '111222333',
    dateOfBirth: '1990-04-01',
    address: 'Vismarkt 1',
  };

  test('when the municipality’s own client sends a holder to SVB’s peer, then the chaincode there refuses to read it', async () => {
    const atSvb = openGateway(ctx, svb, enrolledCredentials(ctx, gemeente, 'gemeente-staff'));
    try {
      const refusal = await refusalOf(
        atSvb.contract.submit('passes:RecordHolder', {
          transientData: {
            holder: JSON.stringify({
              passId: `${passId}-svb`,
              salt: randomBytes(16).toString('hex'),
              personalData,
            }),
          },
          endorsingOrganizations: [svb.mspId],
        }),
      );

      expect(refusal).toMatch(/FORBIDDEN: personal data of GemeenteMSP is endorsed by its own peers only/);
    } finally {
      atSvb.close();
    }
  });

  test('when the municipality’s peer is frozen, then the desk’s new pass fails with 503 and no other peer ever holds the holder', async () => {
    const staff = restClient<{ error?: { code: string; message: string } }>(
      readClients(ctx.paths.clientsFile),
      'gemeente-staff',
    );
    const answer = await whilePeerFrozen(gemeente, () =>
      staff.post('/passes', {
        passId: `${passId}-frozen`,
        category: 'adult',
        validFrom: new Date(Date.now() - MINUTE).toISOString(),
        validUntil: new Date(Date.now() + 365 * 24 * 60 * MINUTE).toISOString(),
        personalData,
      }),
    );

    expect(answer.status).toBe(503);
    expect(answer.body.error).toEqual({
      code: 'UNAVAILABLE',
      message: 'passes:RecordHolder is endorsed by peers of GemeenteMSP only, and none of them answered',
    });
    for (const org of [svb, venues]) {
      const holding = filesUnder(ctx.paths.org(org).peerData).filter((file) =>
        readFileSync(file).includes(Buffer.from(holderName)),
      );
      expect(holding).toEqual([]);
    }
    await untilEveryPeerEndorses();
  });
});

describe('a gateway believes only its own organisation’s peers', () => {
  interface Health {
    readonly status: string;
    readonly ledger: {
      readonly reachable: boolean;
      readonly blockHeight?: number;
      readonly lastBlockHeight?: number;
    };
    readonly readModel: {
      readonly blocksApplied: number;
      readonly lag?: number;
      readonly lastBlockAppliedAt?: string;
    };
  }
  const healthOf = async (org: Organisation): Promise<{ status: number; body: Health }> => {
    const answer = await fetch(`https://${org.host}:${String(org.ports.gateway)}/health`);
    return { status: answer.status, body: (await answer.json()) as Health };
  };

  test('when SVB’s peer is frozen, then SVB’s read model stops where that peer stood, /health says since when, and it catches up after the thaw', async () => {
    const gatewayConfig = JSON.parse(readFileSync(ctx.paths.org(svb).gatewayConfig, 'utf8')) as {
      peers: { mspId: string }[];
    };
    expect(gatewayConfig.peers.map((p) => p.mspId)).toEqual([svb.mspId]);
    const caughtUp = await eventually(async () => {
      const { status, body } = await healthOf(svb);
      if (status !== 200 || body.readModel.lag !== 0) {
        throw new Error(`SVB's read model is not caught up: ${JSON.stringify(body)}`);
      }
      return body;
    });

    const { booked, frozen } = await whilePeerFrozen(svb, async () => {
      const request = { requestId: `frozen-svb-${runId}`, offerId, quantity: 1 };
      // The same request id again books once, should the venues' peer not see the municipality's at first.
      const result = await eventually(() =>
        pool.contract.submit('redemptions:Redeem', {
          arguments: [JSON.stringify(request)],
          transientData: presentingCard(cardOf(passId)),
          endorsingOrganizations: [venues.mspId, gemeente.mspId],
        }),
      );
      // Time for a gateway that followed another organisation's peer to apply the new block.
      await sleep(3_000);
      return {
        booked: JSON.parse(Buffer.from(result).toString('utf8')) as RedeemResponse,
        frozen: await healthOf(svb),
      };
    });

    expect(booked.redemption).toMatchObject({ passId, presented: 'card' });
    expect(frozen.status).toBe(503);
    expect(frozen.body).toMatchObject({
      status: 'unavailable',
      ledger: { reachable: false, lastBlockHeight: caughtUp.ledger.blockHeight },
      readModel: { blocksApplied: caughtUp.readModel.blocksApplied, lag: 0 },
    });
    const thawed = await eventually(async () => {
      const { status, body } = await healthOf(svb);
      if (status !== 200 || body.readModel.lag !== 0) {
        throw new Error(`SVB's read model has not caught up: ${JSON.stringify(body)}`);
      }
      return body;
    }, 120_000);
    expect(thawed.readModel.blocksApplied).toBeGreaterThan(caughtUp.readModel.blocksApplied);
    await untilEveryPeerEndorses();
  });
});

describe('the card key rotates', () => {
  test('when the municipality rotates its card key, then cards signed before are refused by every peer and new cards book', async () => {
    const before = cardOf(passId);
    const scanBefore = await evaluateJson<ScanView>(
      pool.contract,
      'redemptions:Scan',
      undefined,
      presentingCard(before),
    );

    const rotated = await runCli(ctx, ['node', 'rotate-card-key', '--org', gemeente.name]);

    // The whole output on failure says which step of the rotation stopped.
    expect([rotated.exitCode, rotated.output]).toEqual([0, rotated.output]);
    expect(rotated.output).toMatch(/verifies no card any more/);
    cardOf = await municipalityCards(ctx, municipality.contract);
    const after = cardOf(passId);
    expect(after).not.toBe(before);
    for (const org of [gemeente, svb, venues]) {
      const atPeer = openGateway(ctx, org, cashier);
      try {
        expect(
          await refusalOf(
            evaluateJson(atPeer.contract, 'redemptions:Scan', undefined, presentingCard(before)),
          ),
        ).toMatch(/INVALID_QR: QR payload is signed by key .* which is not valid at/);
      } finally {
        atPeer.close();
      }
    }
    const scanAfter = await eventually(() =>
      evaluateJson<ScanView>(pool.contract, 'redemptions:Scan', undefined, presentingCard(after)),
    );
    expect(scanAfter.passId).toBe(scanBefore.passId);
    const staff = restClient<{ qr?: string }>(readClients(ctx.paths.clientsFile), 'gemeente-staff');
    const reissued = await eventually(async () => {
      const answer = await staff.post('/passes', {
        passId: `${passId}-after`,
        category: 'adult',
        validFrom: new Date(Date.now() - MINUTE).toISOString(),
        validUntil: new Date(Date.now() + 365 * 24 * 60 * MINUTE).toISOString(),
        personalData: {
          name: 'Na Rotatie',
          bsn: '111222333',
          dateOfBirth: '1990-04-01',
          address: 'Vismarkt 2',
        },
      });
      return answer.status === 201
        ? answer.body.qr
        : Promise.reject(new Error(`issue answered ${answer.status}`));
    });
    expect(reissued?.split('.')[1]).toBe(cardOf(`${passId}-after`).split('.')[1]);
  });
});

describe('a partner’s own client meets the municipality’s and the money rules', () => {
  const inDays = (days: number): string => new Date(Date.now() + days * 24 * 60 * MINUTE).toISOString();

  test('when a desk clerk’s own client suspends a venue, then every peer refuses it', async () => {
    const clerk = openGateway(ctx, gemeente, enrolledCredentials(ctx, gemeente, 'gemeente-staff'));
    try {
      const refusal = await refusalOf(
        submitJson(clerk.contract, 'venues:SuspendVenue', { venueId: VENUE, reason: 'because I can' }),
      );

      expect(refusal).toMatch(
        /FORBIDDEN: only an admin of VenuesMSP, or a municipality admin for its own passes/,
      );
    } finally {
      clerk.close();
    }
  });

  test('when a cashier’s own client books a discount far above the offer’s ceiling, then it is refused', async () => {
    const discountId = `trust-discount-${runId}`;
    await submitJson(municipality.contract, 'offers:CreateOffer', {
      offerId: discountId,
      name: 'Half price',
      kind: 'discount',
      discountPercent: 50,
      maxAmountCentsPerBooking: 5_000,
      discountCentsPerPeriod: 10_000,
      eligibleVenueIds: [VENUE],
      eligibleCategories: ['adult'],
      reimbursement: { shareBasisPoints: 5_000 },
      funderMspId: gemeente.mspId,
      validFrom: inDays(-1),
      validUntil: inDays(30),
      grantByRule: false,
    });
    const book = (requestId: string, amountCents: number): Promise<RedeemResponse> =>
      eventually(() =>
        submitJson<RedeemResponse>(
          pool.contract,
          'redemptions:Redeem',
          { requestId, offerId: discountId, amountCents },
          presentingCard(cardOf(passId)),
        ),
      );

    const refusal = await refusalOf(
      submitJson(
        pool.contract,
        'redemptions:Redeem',
        { requestId: `million-${runId}`, offerId: discountId, amountCents: 100_000_000 },
        presentingCard(cardOf(passId)),
      ),
    );
    const within = await book(`ticket-${runId}`, 4_000);

    expect(refusal).toMatch(/AMOUNT_ABOVE_CEILING: offer .* takes at most 5000 cents per booking/);
    expect(within).toMatchObject({
      remaining: 8_000,
      redemption: { discountCents: 2_000, reimbursementCents: 2_000 },
    });
  });

  test('when the municipality’s own client sends the same grant twice under one request id, then the pass gets it once', async () => {
    const grant = { requestId: `grant-${runId}`, passId, offerId, amount: 3 };

    const first = await submitJson<{ granted: number }>(
      municipality.contract,
      'vouchers:GrantVoucher',
      grant,
    );
    const again = await submitJson<{ granted: number }>(
      municipality.contract,
      'vouchers:GrantVoucher',
      grant,
    );

    expect(first.granted).toBe(3);
    expect(again).toEqual(first);
  });
});

describe('the holder’s phone', () => {
  const LINK_CODE = `LINK${runId.toUpperCase()}`;
  const linking = (phone: Phone, code: string): Promise<unknown> =>
    submitJson(
      pool.contract,
      'devices:LinkDevice',
      { publicKey: phone.publicKey },
      { [CARD_TRANSIENT_KEY]: cardOf(passId), [LINK_CODE_TRANSIENT_KEY]: code },
    );
  const bookWith = (code: string, requestId: string): Promise<RedeemResponse> =>
    submitJson<RedeemResponse>(
      pool.contract,
      'redemptions:Redeem',
      { requestId, offerId },
      presentingCard(code),
    );

  test('when a cashier’s own client links its own phone with a card it scanned, a guessed link code is refused; a code of two minutes ago is refused by the peers', async () => {
    await submitJson(municipality.contract, 'devices:IssueLinkLetter', {
      passId,
      codeDigest: linkCodeDigest(LINK_CODE),
    });
    const cashiersPhone = new Phone();
    const holdersPhone = new Phone();

    const guessed = await refusalOf(linking(cashiersPhone, 'AAAAA-BBBBB-CCCCC-DDDDD'));
    await eventually(() => linking(holdersPhone, LINK_CODE));
    const now = new Date().toISOString();
    const old = new Date(Date.now() - 2 * MINUTE).toISOString();
    const stale = await refusalOf(bookWith(holdersPhone.code(passId, old), `stale-${runId}`));
    const unlinked = await refusalOf(bookWith(cashiersPhone.code(passId, now), `cashier-${runId}`));
    const booked = await eventually(() =>
      bookWith(holdersPhone.code(passId, new Date().toISOString()), `app-${runId}`),
    );

    expect(guessed).toMatch(/FORBIDDEN: the link code is not that of the newest letter/);
    expect(stale).toMatch(/INVALID_QR: the code expired/);
    expect(unlinked).toMatch(/INVALID_QR: the app D-[0-9a-f]+ is not linked/);
    expect(booked.redemption).toMatchObject({ passId, presented: 'app' });
  });

  test('when a cashier’s own client books as if offline, then the peers hold it to the scheme’s window and allowance', async () => {
    const offline = (requestId: string, offlineAt: string): Promise<RedeemResponse> =>
      submitJson<RedeemResponse>(
        pool.contract,
        'redemptions:Redeem',
        { requestId, offerId, quantity: 1, offlineAt },
        presentingCard(cardOf(passId)),
      );
    const madeAt = new Date(Date.now() - 30_000).toISOString();

    const tooOld = await refusalOf(
      offline(`old-${runId}`, new Date(Date.now() - 4 * 24 * 60 * MINUTE).toISOString()),
    );
    const fromTheFuture = await refusalOf(
      offline(`future-${runId}`, new Date(Date.now() + 10 * MINUTE).toISOString()),
    );
    const first = await eventually(() => offline(`offline-1-${runId}`, madeAt));
    await offline(`offline-2-${runId}`, madeAt);
    const third = await refusalOf(offline(`offline-3-${runId}`, madeAt));

    expect(tooOld).toMatch(/OFFLINE_WINDOW_CLOSED/);
    expect(fromTheFuture).toMatch(/INVALID_ARGUMENT: offlineAt/);
    expect(first.redemption).toMatchObject({ offlineAt: madeAt });
    expect(third).toMatch(/DAILY_LIMIT_REACHED: venue zwembad-kardinge booked pass .* offline 2 times/);
  });
});
