import type { QrKeyRecord } from '@stadspas/chaincode/vocabulary';
import { AppError } from '../src/errors/app-error';
import { joinQr, parseQr, signedPartOf } from '../src/qr/qr-payload';
import { createQrVerifier } from '../src/qr/qr-verifier';
import { renderQr } from '../src/qr/qr-image';
import { newQrSigner, qrKeyRecordOf } from './support/test-app';

function keysOf(...records: ReturnType<typeof qrKeyRecordOf>[]) {
  return () => Promise.resolve(records);
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (err) {
    return err instanceof AppError ? err.code : 'not an AppError';
  }
}

describe('QR payloads', () => {
  it('when a payload is signed by the municipality’s key, then it verifies to its pass id', async () => {
    const signer = newQrSigner();
    const payload = signer.sign('SP-0001');

    const passId = await createQrVerifier().verify(payload, keysOf(qrKeyRecordOf(signer)));

    expect(payload).toMatch(/^SP1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(passId).toBe('SP-0001');
  });

  it('when the pass id in a payload is altered, then it is refused with INVALID_QR', async () => {
    const signer = newQrSigner();
    const genuine = parseQr(signer.sign('SP-0001'));
    const altered = joinQr(signedPartOf({ passId: 'SP-9999', keyId: signer.keyId }), genuine.signature);

    expect(await codeOf(createQrVerifier().verify(altered, keysOf(qrKeyRecordOf(signer))))).toBe(
      'INVALID_QR',
    );
  });

  it('when a payload is signed by another key under the published key id, then it is refused', async () => {
    const municipality = newQrSigner();
    const forger = newQrSigner();
    const forged = joinQr(
      signedPartOf({ passId: 'SP-0001', keyId: municipality.keyId }),
      parseQr(forger.sign('SP-0001')).signature,
    );

    const code = await codeOf(createQrVerifier().verify(forged, keysOf(qrKeyRecordOf(municipality))));

    expect(code).toBe('INVALID_QR');
  });

  it('when a payload names a key the ledger does not list, then it is refused', async () => {
    const unknown = newQrSigner();

    const code = await codeOf(createQrVerifier().verify(unknown.sign('SP-0001'), keysOf()));

    expect(code).toBe('INVALID_QR');
  });

  it('when the signing key was retired before now, then its payloads are refused', async () => {
    const signer = newQrSigner();
    const retired = qrKeyRecordOf(signer, '2020-01-01T00:00:00.000Z', '2021-01-01T00:00:00.000Z');

    const code = await codeOf(createQrVerifier().verify(signer.sign('SP-0001'), keysOf(retired)));

    expect(code).toBe('INVALID_QR');
  });

  it.each([
    '',
    'SP-0001',
    'SP1.abc',
    'SP2.e30.c2ln',
    'SP1.!!!.c2ln',
    `SP1.${Buffer.from('{}').toString('base64url')}.c2ln`,
  ])('when the payload is malformed (%j), then it is refused with INVALID_QR', (payload) => {
    expect(() => parseQr(payload)).toThrow(expect.objectContaining({ code: 'INVALID_QR' }) as Error);
  });

  it('when keys were read recently, then a second verification does not read the ledger again', async () => {
    const signer = newQrSigner();
    let reads = 0;
    const source = (): Promise<QrKeyRecord[]> => {
      reads++;
      return Promise.resolve([qrKeyRecordOf(signer)]);
    };
    const verifier = createQrVerifier();

    await verifier.verify(signer.sign('SP-0001'), source);
    await verifier.verify(signer.sign('SP-0002'), source);

    expect(reads).toBe(1);
  });

  it('when a QR image is rendered, then PNG and SVG come out with their media types', async () => {
    const payload = newQrSigner().sign('SP-0001');

    const png = await renderQr(payload, 'png');
    const svg = await renderQr(payload, 'svg');

    expect(png.contentType).toBe('image/png');
    expect(png.body.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(svg.contentType).toBe('image/svg+xml');
    expect(svg.body.toString('utf8')).toContain('<svg');
  });
});
