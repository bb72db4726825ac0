import {
  CARD_TRANSIENT_KEY,
  type Page,
  type RedeemResponse,
  type RedemptionRecord,
} from '@stadspas/chaincode/vocabulary';
import { AppError } from '../src/errors/app-error';
import type { ScanResult } from '../src/services/scan-service';
import { openRedemptionBook } from './support/redemption-book';
import { withLowBitsChanged } from './support/qr-variants';
import { makeRedemption, makeVoucher } from './support/records';
import { errorOf } from './support/responses';
import type { Test } from 'supertest';
import { buildTestApp, newQrSigner, type TestApp } from './support/test-app';
import { readModelWithHistory } from './support/read-models';

/** Posts a redemption with its idempotency key, as a scanner would. */
function postRedemption(
  http: ReturnType<typeof buildTestApp>['http'],
  auth: Record<string, string>,
  idempotencyKey: string,
  body: object,
): Test {
  return http.post('/api/v1/redemptions').set(auth).set('Idempotency-Key', idempotencyKey).send(body);
}

/** A ledger whose chaincode answers scans of any pass with an active adult pass and one swim voucher. */
function scanWorld(): TestApp {
  const world = buildTestApp();
  world.ledger.on('redemptions:Scan', ({ transient }): ScanResult => {
    const [, claims = ''] = (transient?.[CARD_TRANSIENT_KEY] ?? '').split('.');
    const { passId } = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as { passId: string };
    return {
      passId,
      status: 'active',
      category: 'adult',
      validFrom: '2026-01-01T00:00:00.000Z',
      validUntil: '2027-01-01T00:00:00.000Z',
      vouchers: [makeVoucher({ offerId: 'swim-5' })],
    };
  });
  return world;
}

describe('POST /scan', () => {
  it('when a venue scans a genuine QR code, then the chaincode’s scan of that card is what it sees', async () => {
    const { http, ledger, clients, as, signer } = scanWorld();
    const qr = signer.sign('SP-0042');

    const res = await http.post('/api/v1/scan').set(as(clients.venue)).send({ qr });

    expect(res.status).toBe(200);
    const scan = res.body as ScanResult;
    expect(scan).toMatchObject({ passId: 'SP-0042', status: 'active', category: 'adult' });
    expect(scan.vouchers.map((v) => v.offerId)).toEqual(['swim-5']);
    // The card is transient data, never the request: a block keeps every request.
    expect(ledger.callsOf('redemptions:Scan').map((call) => [call.request, call.transient])).toEqual([
      [undefined, { [CARD_TRANSIENT_KEY]: qr }],
    ]);
    expect(ledger.callsOf('passes:GetPass')).toEqual([]);
  });

  it('when the QR code differs from a genuine one only in unused low bits, then it is refused with 400 INVALID_QR', async () => {
    const { http, ledger, clients, as, signer } = scanWorld();

    const res = await http
      .post('/api/v1/scan')
      .set(as(clients.venue))
      .send({ qr: withLowBitsChanged(signer.sign('SP-0042')) });

    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('INVALID_QR');
    expect(ledger.callsOf('redemptions:Scan')).toEqual([]);
  });

  it('when the chaincode refuses the card (e.g. a key retired since the gateway read the keys), then it is 400 INVALID_QR', async () => {
    const { http, ledger, clients, as, signer } = scanWorld();
    ledger.on('redemptions:Scan', () => {
      throw new AppError('INVALID_QR', 'QR payload is signed by key qr-1, which is not valid at now');
    });

    const res = await http
      .post('/api/v1/scan')
      .set(as(clients.venue))
      .send({ qr: signer.sign('SP-0042') });

    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('INVALID_QR');
  });

  it('when the QR code is forged, then it is refused with 400 INVALID_QR before the pass is read', async () => {
    const { http, ledger, clients, as } = scanWorld();
    const forged = newQrSigner().sign('SP-0042');

    const res = await http.post('/api/v1/scan').set(as(clients.venue)).send({ qr: forged });

    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('INVALID_QR');
    expect(ledger.calls.filter((c) => c.transaction !== 'config:ListQrKeys')).toEqual([]);
  });

  it('when the body has no qr, then it is refused with 400', async () => {
    const { http, clients, as } = scanWorld();

    const res = await http.post('/api/v1/scan').set(as(clients.venue)).send({ passId: 'SP-0001' });

    expect(res.status).toBe(400);
  });
});

describe('POST /redemptions', () => {
  const redeemBody = { passId: 'SP-0001', offerId: 'swim-5', quantity: 1 };

  it('when a venue redeems with an idempotency key, then it gets 201 with the redemption and the balance', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    openRedemptionBook(ledger, 5);

    const res = await postRedemption(http, as(clients.venue), 'scan-001', redeemBody);

    expect(res.status).toBe(201);
    const body = res.body as RedeemResponse;
    expect(body).toMatchObject({ replayed: false, remaining: 4 });
    expect(body.redemption.requestId).toBe('scan-001');
    expect(res.headers['idempotent-replayed']).toBe('false');
    expect(ledger.callsOf('redemptions:Redeem')[0]?.request).toEqual({
      requestId: 'scan-001',
      ...redeemBody,
    });
  });

  it('when the same key is retried, then the same redemption comes back and nothing more is booked', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    const book = openRedemptionBook(ledger, 5);
    const send = (): Test => postRedemption(http, as(clients.venue), 'scan-002', redeemBody);

    const first = await send();
    const retry = await send();

    expect(retry.status).toBe(201);
    expect((retry.body as RedeemResponse).redemption).toEqual((first.body as RedeemResponse).redemption);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(book).toEqual({ remaining: 4, booked: 1 });
  });

  it('when the key is reused with other content, then it is refused with 409 IDEMPOTENCY_MISMATCH', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    openRedemptionBook(ledger, 5);
    await postRedemption(http, as(clients.venue), 'k-3', redeemBody);

    const res = await postRedemption(http, as(clients.venue), 'k-3', { ...redeemBody, quantity: 2 });

    expect(res.status).toBe(409);
    expect(errorOf(res).code).toBe('IDEMPOTENCY_MISMATCH');
  });

  it('when the balance is spent, then the next redemption is refused with 409 INSUFFICIENT_BALANCE', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    openRedemptionBook(ledger, 2);
    const statuses: number[] = [];
    for (const key of ['a-1', 'a-2', 'a-3']) {
      const res = await postRedemption(http, as(clients.venue), key, redeemBody);
      statuses.push(res.status);
    }

    expect(statuses).toEqual([201, 201, 409]);
  });

  it('when the Idempotency-Key header is missing, then it is refused with 400 and nothing is booked', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    const book = openRedemptionBook(ledger, 5);

    const res = await http.post('/api/v1/redemptions').set(as(clients.venue)).send(redeemBody);

    expect(res.status).toBe(400);
    expect(errorOf(res).message).toMatch(/Idempotency-Key/);
    expect(book.booked).toBe(0);
  });

  it('when the Idempotency-Key header has characters outside the id pattern, then it is refused with 400', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    openRedemptionBook(ledger, 5);

    const res = await postRedemption(http, as(clients.venue), 'has spaces/and slashes', redeemBody);

    expect(res.status).toBe(400);
  });

  it('when the pass comes as a genuine QR payload, then the pass id in it is booked', async () => {
    const { http, ledger, clients, as, signer } = buildTestApp();
    openRedemptionBook(ledger, 5);

    const res = await postRedemption(http, as(clients.venue), 'qr-1', {
      qr: signer.sign('SP-0777'),
      offerId: 'swim-5',
    });

    expect(res.status).toBe(201);
    expect((res.body as RedeemResponse).redemption).toMatchObject({ passId: 'SP-0777', presented: 'card' });
    const [call] = ledger.callsOf('redemptions:Redeem');
    expect(call?.request).toEqual({ requestId: 'qr-1', offerId: 'swim-5' });
    expect(call?.transient).toEqual({ [CARD_TRANSIENT_KEY]: signer.sign('SP-0777') });
  });

  it('when the QR payload differs from a genuine one only in unused low bits, then it is refused with 400 INVALID_QR', async () => {
    const { http, ledger, clients, as, signer } = buildTestApp();
    const book = openRedemptionBook(ledger, 5);

    const res = await postRedemption(http, as(clients.venue), 'qr-3', {
      qr: withLowBitsChanged(signer.sign('SP-0777')),
      offerId: 'swim-5',
    });

    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('INVALID_QR');
    expect(book.booked).toBe(0);
  });

  it('when a venue without the permission books by pass number, then the chaincode’s FORBIDDEN comes back as 403', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    ledger.on('redemptions:Redeem', () => {
      throw new AppError(
        'FORBIDDEN',
        "venue zwembad-kardinge books with the card's QR code, not by pass number",
      );
    });

    const res = await postRedemption(http, as(clients.venue), 'by-number', redeemBody);

    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe('FORBIDDEN');
  });

  it('when the QR payload is forged, then it is refused with 400 INVALID_QR and nothing is booked', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    const book = openRedemptionBook(ledger, 5);

    const res = await postRedemption(http, as(clients.venue), 'qr-2', {
      qr: newQrSigner().sign('SP-0777'),
      offerId: 'swim-5',
    });

    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('INVALID_QR');
    expect(book.booked).toBe(0);
  });

  it.each([
    ['neither qr nor passId', { offerId: 'swim-5' }],
    ['both qr and passId', { qr: 'SP1.a.b', passId: 'SP-0001', offerId: 'swim-5' }],
    ['both quantity and amount', { passId: 'SP-0001', offerId: 'swim-5', quantity: 1, amountCents: 100 }],
    ['a zero quantity', { passId: 'SP-0001', offerId: 'swim-5', quantity: 0 }],
    ['fractional cents', { passId: 'SP-0001', offerId: 'swim-5', amountCents: 12.5 }],
  ])('when the body has %s (%j), then it is refused with 400', async (_case, body) => {
    const { http, ledger, clients, as } = buildTestApp();
    const book = openRedemptionBook(ledger, 5);

    const res = await postRedemption(http, as(clients.venue), 'k', body);

    expect(res.status).toBe(400);
    expect(book.booked).toBe(0);
  });

  it('when the venue is not eligible for the offer, then the chaincode’s refusal comes back as 403', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    ledger.on('redemptions:Redeem', () => {
      throw new AppError('VENUE_NOT_ELIGIBLE', 'groninger-museum may not redeem swim-5');
    });

    const res = await postRedemption(http, as(clients.otherVenue), 'k-9', redeemBody);

    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe('VENUE_NOT_ELIGIBLE');
  });
});

describe('reversals and listings', () => {
  it('when a venue reverses a redemption, then the reversal is booked under its idempotency key', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    ledger.on('redemptions:Reverse', ({ request }) => ({
      redemption: makeRedemption({
        type: 'reversal',
        reversesId: (request as { redemptionId: string }).redemptionId,
      }),
      replayed: false,
      remaining: 5,
    }));

    const res = await http
      .post('/api/v1/redemptions/redemption-1/reverse')
      .set(as(clients.venue))
      .set('Idempotency-Key', 'undo-1');

    expect(res.status).toBe(201);
    expect(ledger.callsOf('redemptions:Reverse')[0]?.request).toEqual({
      requestId: 'undo-1',
      redemptionId: 'redemption-1',
    });
  });

  it('when another venue’s redemption is reversed, then the chaincode’s FORBIDDEN comes back as 403', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    ledger.on('redemptions:Reverse', () => {
      throw new AppError('FORBIDDEN', 'a venue may reverse only its own redemptions');
    });

    const res = await http
      .post('/api/v1/redemptions/redemption-1/reverse')
      .set(as(clients.otherVenue))
      .set('Idempotency-Key', 'undo-2');

    expect(res.status).toBe(403);
  });

  it('when a venue lists redemptions without filters, then it gets its own venue’s page from the read model', async () => {
    const { http, clients, as } = buildTestApp({ readModel: readModelWithHistory() });

    const res = await http.get('/api/v1/redemptions?pageSize=3&order=newest').set(as(clients.venue));

    expect(res.status).toBe(200);
    const page = res.body as Page<RedemptionRecord>;
    expect(page.items.map((r) => r.redemptionId)).toEqual(['pool-7', 'pool-6', 'pool-5']);
    expect(page.bookmark).not.toBe('');
  });

  it('when the gateway keeps no read model, then a venue’s listing is unavailable', async () => {
    const { http, clients, as } = buildTestApp();

    const res = await http.get('/api/v1/redemptions').set(as(clients.venue));

    expect(res.status).toBe(503);
  });

  it('when redemptions of a pass are listed with a bookmark, then the pass query gets it', async () => {
    const { http, ledger, clients, as } = buildTestApp();
    ledger.on('redemptions:ListRedemptionsByPass', () => ({ items: [], bookmark: '', fetchedCount: 0 }));

    await http.get('/api/v1/redemptions?passId=SP-0001&bookmark=abc').set(as(clients.staff)).expect(200);

    expect(ledger.callsOf('redemptions:ListRedemptionsByPass')[0]?.request).toEqual({
      passId: 'SP-0001',
      bookmark: 'abc',
    });
  });

  it('when a non-venue lists redemptions without a pass or venue, then it is refused with 400', async () => {
    const { http, clients, as } = buildTestApp();

    const res = await http.get('/api/v1/redemptions').set(as(clients.staff));

    expect(res.status).toBe(400);
  });

  it('when the page size is above the limit, then it is refused with 400', async () => {
    const { http, clients, as } = buildTestApp();

    const res = await http.get('/api/v1/redemptions?passId=SP-0001&pageSize=10000').set(as(clients.staff));

    expect(res.status).toBe(400);
  });
});
