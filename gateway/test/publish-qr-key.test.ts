import type { AddQrKeyRequest } from '@stadspas/chaincode/vocabulary';
import { identityOf } from '../src/auth/client-identity';
import { TypedLedger } from '../src/ledger/typed-ledger';
import { publishQrKey } from '../src/qr/publish-qr-key';
import { standardClients } from './support/clients';
import { FakeLedger } from './support/fake-ledger';
import { newQrSigner, qrKeyRecordOf } from './support/test-app';

describe('publishing the QR verification key at start-up', () => {
  it('when the ledger lacks the key, then it is added with its public key', async () => {
    const ledger = new FakeLedger().on('config:ListQrKeys', () => []).on('config:AddQrKey', () => ({}));
    const signer = newQrSigner();

    const added = await publishQrKey(
      new TypedLedger(ledger),
      identityOf(standardClients().admin.record),
      signer,
    );

    expect(added).toBe(true);
    const request = ledger.callsOf('config:AddQrKey')[0]?.request as AddQrKeyRequest;
    expect(request).toMatchObject({ keyId: signer.keyId, publicKeyPem: signer.publicKeyPem });
  });

  it('when the ledger has the key already, then nothing is submitted', async () => {
    const signer = newQrSigner();
    const ledger = new FakeLedger().on('config:ListQrKeys', () => [qrKeyRecordOf(signer)]);

    const added = await publishQrKey(
      new TypedLedger(ledger),
      identityOf(standardClients().admin.record),
      signer,
    );

    expect(added).toBe(false);
    expect(ledger.callsOf('config:AddQrKey')).toHaveLength(0);
  });
});
