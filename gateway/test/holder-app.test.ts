import { generateKeyPairSync } from 'node:crypto';
import {
  CARD_TRANSIENT_KEY,
  deviceSignedPart,
  HOLDER_REQUEST_TRANSIENT_KEY,
  joinQr,
  LINK_CODE_TRANSIENT_KEY,
  linkCodeDigest,
  type HolderPassView,
} from '@stadspas/chaincode/vocabulary';
import { AppError } from '../src/errors/app-error';
import { decodeBlock } from '../src/read-model/block-transactions';
import { openReadModel } from '../src/read-model/read-model';
import { compositeKey, makeBlock } from './support/blocks';
import { makeOffer, makePass, makeRedemption } from './support/records';
import { errorOf } from './support/responses';
import { buildTestApp } from './support/test-app';

/** The app's view of a pass, as far as these tests read it. */
interface AppView {
  readonly history: readonly { readonly offerName: string }[];
  readonly older?: string;
}

/** What the chaincode answers for a pass its holder opens. */
function holderPassOf(
  proof: HolderPassView['proof'],
  overrides: Partial<HolderPassView> = {},
): HolderPassView {
  const { passId, status, category, validFrom, validUntil, vouchers } = makePass({ passId: 'SP-0001' });
  return { passId, status, category, validFrom, validUntil, vouchers, proof, ...overrides };
}

const phoneKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  .publicKey.export({ type: 'spki', format: 'der' })
  .toString('base64url');

/** A holder's request as the app sends it; the fake ledger does not judge it, the chaincode does. */
function holderRequest(action: 'view' | 'block-card'): string {
  const claims = { passId: 'SP-0001', deviceId: 'D-0123456789abcdef', step: 59_000_000, action };
  return joinQr(deviceSignedPart('SH1', claims), Buffer.from('signature'));
}
const VIEW_REQUEST = holderRequest('view');

describe('the holder page, from a card’s code', () => {
  it('when the card’s code is genuine, then the page shows the balances from the gateway’s own peer, and no uses', async () => {
    const app = buildTestApp();
    app.ledger.on('devices:HolderPass', () => holderPassOf('card'));
    const qr = app.signer.sign('SP-0001');

    const res = await app.http.post('/pass').type('form').send({ qr });

    expect(res.status).toBe(200);
    expect(res.text).toContain('Pas SP-0001');
    expect(res.text).toContain('alleen in de app Mijn Stadspas');
    const [call] = app.ledger.callsOf('devices:HolderPass');
    expect(call?.transient).toEqual({ [CARD_TRANSIENT_KEY]: qr });
    expect(call?.identity.name).toBe(app.deps.serviceIdentity.name);
    expect(app.ledger.callsOf('redemptions:ListRedemptionsByPass')).toHaveLength(0);
  });

  it('when the code names another pass than it was signed for, then it is refused before any read of a pass', async () => {
    const app = buildTestApp();
    const [tag, , signature] = app.signer.sign('SP-0001').split('.');
    const claims = Buffer.from(JSON.stringify({ passId: 'SP-0002', keyId: app.signer.keyId })).toString(
      'base64url',
    );

    const res = await app.http
      .post('/pass')
      .type('form')
      .send({ qr: `${tag ?? ''}.${claims}.${signature ?? ''}` });

    expect(res.status).toBe(400);
    expect(res.text).toContain('Geen echte pas');
    expect(app.ledger.calls.filter((call) => call.transaction !== 'config:ListQrKeys')).toHaveLength(0);
  });

  it('when the organisation is the payer, then its gateway has the holder page and the app, and no desk or scanner', async () => {
    const app = buildTestApp({ roles: ['payer'], qrSigner: undefined });
    app.ledger.on('devices:HolderPass', () => holderPassOf('card'));

    const holder = await app.http
      .post('/pass')
      .type('form')
      .send({ qr: app.signer.sign('SP-0001') });
    const home = await app.http.get('/');

    expect(holder.status).toBe(200);
    expect((await app.http.get('/mijn/')).status).toBe(200);
    expect((await app.http.get('/admin')).status).toBe(404);
    expect((await app.http.get('/scanner')).status).toBe(404);
    expect(home.text).toContain('href="/mijn/"');
    expect(home.text).not.toContain('href="/admin"');
  });
});

describe('the holder’s app on the gateway', () => {
  it('when the app opens the pass with its signed request, then the uses come newest first with venue and offer names, paged to the oldest', async () => {
    const readModel = openReadModel({ path: ':memory:' });
    const uses = Array.from({ length: 25 }, (_, i) => ({
      key: compositeKey('redemption', `use-${String(i).padStart(2, '0')}`),
      value: makeRedemption({
        redemptionId: `use-${String(i).padStart(2, '0')}`,
        passId: 'SP-0001',
        offerId: i === 24 ? 'zwemmen-2026' : `offer-${String(i).padStart(2, '0')}`,
        at: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
      }),
    }));
    readModel.applyBlock(decodeBlock(makeBlock(0, [{ txId: 'tx-uses', writes: uses }]), 'stadspas'));
    const app = buildTestApp({ readModel });
    app.ledger.on('devices:HolderPass', () => holderPassOf('app', { devices: [] }));
    app.ledger.on('offers:ListOffers', () => [makeOffer({ offerId: 'zwemmen-2026', name: 'Zwemmen' })]);
    app.ledger.on('venues:ListVenues', () => []);

    const first = await app.http.post('/mijn/api/pass').send({ holderRequest: VIEW_REQUEST });
    const second = await app.http
      .post('/mijn/api/pass')
      .send({ holderRequest: VIEW_REQUEST, before: (first.body as AppView).older });

    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store');
    const firstOffers = (first.body as AppView).history.map((use) => use.offerName);
    expect(firstOffers.slice(0, 2)).toEqual(['Zwemmen', 'offer-23']);
    expect(firstOffers).not.toContain('offer-04');
    const secondOffers = (second.body as AppView).history.map((use) => use.offerName);
    expect(secondOffers).toEqual(['offer-04', 'offer-03', 'offer-02', 'offer-01', 'offer-00']);
    expect((second.body as AppView).older).toBeUndefined();
    expect(app.ledger.callsOf('devices:HolderPass')[0]?.transient).toEqual({
      [HOLDER_REQUEST_TRANSIENT_KEY]: VIEW_REQUEST,
    });
  });

  it('when the chaincode finds a card’s code alone, then the app’s call shows no uses', async () => {
    const app = buildTestApp({ readModel: openReadModel({ path: ':memory:' }) });
    app.ledger.on('devices:HolderPass', () => holderPassOf('card'));

    const res = await app.http.post('/mijn/api/pass').send({ holderRequest: VIEW_REQUEST });

    expect(res.body).toMatchObject({ proof: 'card', history: [] });
  });

  it('when a phone links, then the card and the link code go only in the transient map', async () => {
    const app = buildTestApp();
    app.ledger.on('devices:LinkDevice', () => ({
      passId: 'SP-0001',
      deviceId: 'D-0123456789abcdef',
      publicKey: phoneKey,
      municipalityMspId: 'GemeenteMSP',
      linkedAt: '2026-03-01T09:30:00.000Z',
    }));
    const card = app.signer.sign('SP-0001');

    const res = await app.http
      .post('/mijn/api/link')
      .send({ card, linkCode: 'KQ7MX-3H9TP-WZ2RA-N8VCE', publicKey: phoneKey });

    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      passId: 'SP-0001',
      deviceId: 'D-0123456789abcdef',
      linkedAt: '2026-03-01T09:30:00.000Z',
    });
    const [call] = app.ledger.callsOf('devices:LinkDevice');
    expect(call?.request).toEqual({ publicKey: phoneKey });
    expect(call?.transient).toEqual({
      [CARD_TRANSIENT_KEY]: card,
      [LINK_CODE_TRANSIENT_KEY]: 'KQ7MX-3H9TP-WZ2RA-N8VCE',
    });
  });

  it('when a phone links with a key that is not P-256, or an unknown field, then it is refused before the ledger', async () => {
    const app = buildTestApp();
    const ed25519 = generateKeyPairSync('ed25519')
      .publicKey.export({ type: 'spki', format: 'der' })
      .toString('base64url');
    const card = app.signer.sign('SP-0001');

    const wrongKey = await app.http.post('/mijn/api/link').send({ card, linkCode: 'X', publicKey: ed25519 });
    const extra = await app.http
      .post('/mijn/api/link')
      .send({ card, linkCode: 'X', publicKey: phoneKey, passId: 'SP-0002' });

    expect(wrongKey.status).toBe(400);
    expect(errorOf(wrongKey)).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(extra.status).toBe(400);
    expect(app.ledger.callsOf('devices:LinkDevice')).toHaveLength(0);
  });

  it('when the chaincode finds the app’s code expired, then the app gets INVALID_QR and the pages read “verlopen code”', async () => {
    const app = buildTestApp();
    const expired = (): never => {
      throw new AppError('INVALID_QR', 'the code expired: it was made for 2026-03-01T09:30:00.000Z');
    };
    app.ledger.on('devices:BlockCard', expired).on('devices:HolderPass', expired);

    const res = await app.http
      .post('/mijn/api/block-card')
      .send({ holderRequest: holderRequest('block-card') });
    // An app's code of two minutes ago is refused by the gateway itself, in the same words.
    const oldStep = Math.floor(Date.now() / 30_000) - 4;
    const oldCode = joinQr(
      deviceSignedPart('SP2', { passId: 'SP-0001', deviceId: 'D-0123456789abcdef', step: oldStep }),
      Buffer.from('signature'),
    );
    const page = await app.http.post('/pass').type('form').send({ qr: oldCode });

    expect(res.status).toBe(400);
    expect(errorOf(res)).toMatchObject({ code: 'INVALID_QR' });
    expect(app.ledger.callsOf('devices:BlockCard')[0]?.request).toEqual({ passId: 'SP-0001' });
    expect(page.status).toBe(400);
    expect(page.text).toContain('Verlopen code');
  });

  it('when the app page is served, then it links its manifest and the manifest keeps the app in its scope', async () => {
    const app = buildTestApp();

    const page = await app.http.get('/mijn/');
    const manifest = await app.http.get('/mijn/manifest.webmanifest');
    const worker = await app.http.get('/sw.js');

    expect(page.text).toContain('<link rel="manifest" href="/mijn/manifest.webmanifest"');
    expect(JSON.parse(manifest.text)).toMatchObject({
      start_url: '/mijn/',
      scope: '/mijn/',
      display: 'standalone',
    });
    expect(worker.status).toBe(200);
    expect(worker.headers['content-type']).toMatch(/javascript/);
    expect((await app.http.get('/assets/vendor/qrcode.js')).status).toBe(200);
  });
});

describe('the desk’s pass letters', () => {
  it('when the desk prints a letter, then it gets a fresh 20-character code and the ledger only its digest', async () => {
    const app = buildTestApp();
    app.ledger.on('devices:IssueLinkLetter', (call) => ({
      ...(call.request as object),
      issuedAt: '2026-03-01T09:30:00.000Z',
    }));

    const res = await app.http
      .post('/api/v1/passes/SP-0001/link-letter')
      .set(app.as(app.clients.staff))
      .send({});

    expect(res.status).toBe(201);
    const { linkCode } = res.body as { linkCode: string };
    expect(linkCode).toMatch(/^([A-HJ-NP-Z2-9]{5}-){3}[A-HJ-NP-Z2-9]{5}$/);
    const [call] = app.ledger.callsOf('devices:IssueLinkLetter');
    expect(call?.request).toEqual({ passId: 'SP-0001', codeDigest: linkCodeDigest(linkCode) });
    expect(JSON.stringify(call)).not.toContain(linkCode);
  });

  it('when the desk lists a pass’s phones and unlinks one, then the ledger is asked as the desk, with no holder’s request', async () => {
    const app = buildTestApp();
    const phone = { deviceId: 'D-0123456789abcdef', linkedAt: '2026-03-01T09:30:00.000Z' };
    app.ledger.on('devices:ListDevices', () => [phone]);
    app.ledger.on('devices:UnlinkDevice', (call) => ({
      ...(call.request as object),
      publicKey: phoneKey,
      municipalityMspId: 'GemeenteMSP',
      linkedAt: phone.linkedAt,
      unlinkedAt: '2026-03-02T09:30:00.000Z',
      unlinkedBy: 'municipality',
    }));

    const listed = await app.http.get('/api/v1/passes/SP-0001/devices').set(app.as(app.clients.staff));
    const unlinked = await app.http
      .delete(`/api/v1/passes/SP-0001/devices/${phone.deviceId}`)
      .set(app.as(app.clients.staff));

    expect(listed.body).toEqual([phone]);
    expect(unlinked.status).toBe(200);
    const [call] = app.ledger.callsOf('devices:UnlinkDevice');
    expect(call?.request).toEqual({ passId: 'SP-0001', deviceId: phone.deviceId });
    expect(call?.transient).toBeUndefined();
    expect(call?.identity.name).toBe(app.clients.staff.record.name);
  });
});
