import { generateKeyPairSync } from 'node:crypto';
import {
  decodeQr,
  InvalidQrError,
  joinQr,
  qrSignedPart,
  verifyQr,
  type QrKeyRecord,
} from '../src/vocabulary';
import { cardOf, QR_KEY_ID, qrKeyRequest } from './support/fixtures';

const NOW = '2026-03-02T09:00:00.000Z';
const published: QrKeyRecord = {
  ...qrKeyRequest(),
  mspId: 'GemeenteMSP',
  addedAt: '2020-01-01T00:00:00.000Z',
};

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The same payload with the last character's unused low bits changed: the bytes it decodes to stay the same. */
function withLowBitsChanged(part: string): string {
  const last = ALPHABET.indexOf(part.slice(-1));
  return `${part.slice(0, -1)}${ALPHABET[last ^ 1] ?? ''}`;
}

function refusalOf(check: () => unknown): string | undefined {
  try {
    check();
    return undefined;
  } catch (err) {
    return err instanceof InvalidQrError ? err.message : `not an InvalidQrError: ${String(err)}`;
  }
}

describe('QR payload format (shared by chaincode and gateway)', () => {
  it('when a card is signed, then it decodes to its claims and verifies to its pass id', () => {
    const payload = cardOf('SP-0001');

    const decoded = decodeQr(payload);

    expect(payload).toMatch(/^SP1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(decoded.claims).toEqual({ passId: 'SP-0001', keyId: QR_KEY_ID });
    expect(verifyQr(decoded, published, NOW)).toBe('SP-0001');
  });

  it('when only the unused low bits of the signature’s last character change, then the payload is refused', () => {
    const [tag, claims, signature = ''] = cardOf('SP-0001').split('.');
    const variant = `${tag}.${claims}.${withLowBitsChanged(signature)}`;

    expect(Buffer.from(withLowBitsChanged(signature), 'base64url')).toEqual(
      Buffer.from(signature, 'base64url'),
    );
    expect(refusalOf(() => decodeQr(variant))).toBe(
      'INVALID_QR: QR payload signature is not canonical base64url',
    );
  });

  it('when the claims part is spelled another way that decodes to the same bytes, then the payload is refused', () => {
    const signedPart = qrSignedPart({ passId: 'SP-00011', keyId: QR_KEY_ID });
    const claims = signedPart.split('.')[1] ?? '';
    // The claims' length leaves unused bits in the last character only for some lengths: this one does.
    expect(claims.length % 4).not.toBe(0);
    const variant = joinQr(`SP1.${withLowBitsChanged(claims)}`, Buffer.alloc(64));

    expect(refusalOf(() => decodeQr(variant))).toBe(
      'INVALID_QR: QR payload claims is not canonical base64url',
    );
  });

  it.each([
    ['padding', (payload: string): string => `${payload}=`],
    ['a character of standard base64', (payload: string): string => `${payload.slice(0, -1)}+`],
  ])('when a part carries %s, then the payload is refused', (_case, spoil) => {
    const payload = spoil(cardOf('SP-0001'));

    expect(refusalOf(() => decodeQr(payload))).toMatch(/^INVALID_QR: /);
  });

  it('when the claims are the same JSON spelled with other spacing or order, then the payload is refused', () => {
    const json = JSON.stringify({ keyId: QR_KEY_ID, passId: 'SP-0001' });
    const variant = `SP1.${Buffer.from(json).toString('base64url')}.${'A'.repeat(86)}`;

    expect(refusalOf(() => decodeQr(variant))).toBe(
      'INVALID_QR: QR payload claims are not in their canonical form',
    );
  });

  it.each([
    '',
    'SP-0001',
    'SP1.abc',
    'SP2.e30.c2ln',
    'SP1.!!!.c2ln',
    `SP1.${Buffer.from('{}').toString('base64url')}.c2ln`,
    `SP1.${Buffer.from('not json').toString('base64url')}.c2ln`,
  ])('when the payload is malformed (%j), then it is refused', (payload) => {
    expect(refusalOf(() => decodeQr(payload))).toMatch(/^INVALID_QR: /);
  });

  it('when the payload is longer than any card’s, then it is refused', () => {
    expect(refusalOf(() => decodeQr(`SP1.${'A'.repeat(600)}.c2ln`))).toBe(
      'INVALID_QR: QR payload is too long',
    );
  });

  it('when the pass id in a payload is altered, then its signature does not match', () => {
    const genuine = decodeQr(cardOf('SP-0001'));
    const altered = decodeQr(
      joinQr(qrSignedPart({ passId: 'SP-0002', keyId: QR_KEY_ID }), genuine.signature),
    );

    expect(refusalOf(() => verifyQr(altered, published, NOW))).toBe(
      'INVALID_QR: QR payload signature does not match',
    );
  });

  it('when a payload is signed by another key under the published key id, then it is refused', () => {
    const forger = generateKeyPairSync('ed25519').privateKey;

    const forged = decodeQr(cardOf('SP-0001', QR_KEY_ID, forger));

    expect(refusalOf(() => verifyQr(forged, published, NOW))).toBe(
      'INVALID_QR: QR payload signature does not match',
    );
  });

  it('when no key or a key under another id is given, then the payload is refused as signed by an unknown key', () => {
    const decoded = decodeQr(cardOf('SP-0001'));

    expect(refusalOf(() => verifyQr(decoded, undefined, NOW))).toMatch(/unknown key/);
    expect(refusalOf(() => verifyQr(decoded, { ...published, keyId: 'other' }, NOW))).toMatch(/unknown key/);
  });

  it('when another key is published under the same id, then cards are judged by the key given, not one parsed before', () => {
    const next = generateKeyPairSync('ed25519');
    const nextKey: QrKeyRecord = {
      ...published,
      publicKeyPem: next.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    };
    const oldCard = decodeQr(cardOf('SP-0001'));
    const newCard = decodeQr(cardOf('SP-0001', QR_KEY_ID, next.privateKey));

    expect(verifyQr(oldCard, published, NOW)).toBe('SP-0001');
    expect(refusalOf(() => verifyQr(oldCard, nextKey, NOW))).toMatch(/does not match/);
    expect(verifyQr(newCard, nextKey, NOW)).toBe('SP-0001');
    expect(refusalOf(() => verifyQr(newCard, published, NOW))).toMatch(/does not match/);
  });

  it('when more keys are seen than a process keeps parsed, then every key still verifies its own cards only', () => {
    type Seen = { record: QrKeyRecord; card: ReturnType<typeof decodeQr> };
    const keysSeen = Array.from({ length: 40 }, (_, i): Seen => {
      const pair = generateKeyPairSync('ed25519');
      const record: QrKeyRecord = {
        ...published,
        keyId: `k${i}`,
        publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      };
      return { record, card: decodeQr(cardOf(`SP-${i}`, `k${i}`, pair.privateKey)) };
    });

    for (const { record, card } of [...keysSeen, ...keysSeen]) {
      expect(verifyQr(card, record, NOW)).toBe(card.claims.passId);
    }
    const [first, second] = keysSeen as [Seen, Seen, ...Seen[]];
    expect(refusalOf(() => verifyQr(first.card, { ...second.record, keyId: 'k0' }, NOW))).toMatch(
      /does not match/,
    );
  });

  it.each([
    ['retired before', { validUntil: '2026-01-01T00:00:00.000Z' }],
    ['retired exactly at', { validUntil: NOW }],
    ['valid only after', { validFrom: '2026-04-01T00:00:00.000Z' }],
  ])('when the key was %s the moment of verification, then the payload is refused', (_case, window) => {
    const decoded = decodeQr(cardOf('SP-0001'));

    expect(refusalOf(() => verifyQr(decoded, { ...published, ...window }, NOW))).toMatch(/not valid at/);
  });
});
