import { decodeQr, joinQr, qrSignedPart, type QrKeyRecord } from '@stadspas/chaincode/vocabulary';
import { AppError } from '../src/errors/app-error';
import { createQrVerifier, type QrKeySource } from '../src/qr/qr-verifier';
import { renderQr } from '../src/qr/qr-image';
import { newQrSigner, qrKeyRecordOf } from './support/test-app';
import { withLowBitsChanged } from './support/qr-variants';

function keysOf(...records: QrKeyRecord[]): QrKeySource {
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

  it('when only the unused low bits of the signature’s last character change, then it is refused with INVALID_QR', async () => {
    const signer = newQrSigner();
    const variant = withLowBitsChanged(signer.sign('SP-0001'));

    expect(await codeOf(createQrVerifier().verify(variant, keysOf(qrKeyRecordOf(signer))))).toBe(
      'INVALID_QR',
    );
  });

  it('when the pass id in a payload is altered, then it is refused with INVALID_QR', async () => {
    const signer = newQrSigner();
    const genuine = decodeQr(signer.sign('SP-0001'));
    const altered = joinQr(qrSignedPart({ passId: 'SP-9999', keyId: signer.keyId }), genuine.signature);

    expect(await codeOf(createQrVerifier().verify(altered, keysOf(qrKeyRecordOf(signer))))).toBe(
      'INVALID_QR',
    );
  });

  it('when a payload is signed by another key under the published key id, then it is refused', async () => {
    const municipality = newQrSigner();
    const forger = newQrSigner();
    const forged = joinQr(
      qrSignedPart({ passId: 'SP-0001', keyId: municipality.keyId }),
      decodeQr(forger.sign('SP-0001')).signature,
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

  it('when the payload is malformed, then it is refused with INVALID_QR without reading the keys', async () => {
    let reads = 0;
    const source: QrKeySource = () => {
      reads++;
      return Promise.resolve([]);
    };

    expect(await codeOf(createQrVerifier().verify('SP1.abc', source))).toBe('INVALID_QR');
    expect(reads).toBe(0);
  });

  it('when keys were read recently, then a second verification does not read the ledger again', async () => {
    const signer = newQrSigner();
    let reads = 0;
    const source: QrKeySource = () => {
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
