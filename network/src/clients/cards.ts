import type { Contract } from '@hyperledger/fabric-gateway';
import { createPrivateKey, createPublicKey, randomBytes, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { joinQr, qrSignedPart, type QrKeyRecord } from '@stadspas/chaincode/vocabulary';
import { isMunicipality } from '../description/config';
import type { NetworkContext } from '../description/context';
import { evaluateJson, submitJson } from './contract-json';

/** Makes the QR payload of a pass's card. */
export type CardMaker = (passId: string) => string;

/**
 * Cards signed with the municipality's own QR key (the one its gateway signs with), so the gateways and the
 * chaincode verify them as any issued card. The key is published under the id the ledger lists it with; when
 * the municipality's gateway has not published it yet, it is published here (as a municipality admin).
 * @throws Error when no organisation signs pass QR codes or the key file cannot be read; whatever the gateway
 * client throws when listing or publishing the key fails.
 */
export async function municipalityCards(
  ctx: NetworkContext,
  municipalityAdmin: Contract,
): Promise<CardMaker> {
  const signer = ctx.network.organisations.find(isMunicipality);
  if (signer === undefined) {
    throw new Error('no organisation is a municipality: none signs pass QR codes');
  }
  const privateKey = createPrivateKey(
    readFileSync(join(ctx.paths.org(signer).gatewayState, 'qr-signing-key.pem')),
  );
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  const published = await evaluateJson<QrKeyRecord[]>(municipalityAdmin, 'config:ListQrKeys');
  let keyId = published.find((key) => key.publicKeyPem === publicKeyPem)?.keyId;
  if (keyId === undefined) {
    keyId = `qr-e2e-${randomBytes(4).toString('hex')}`;
    await submitJson(municipalityAdmin, 'config:AddQrKey', {
      keyId,
      publicKeyPem,
      validFrom: new Date(Date.now() - 60_000).toISOString(),
    });
  }
  const signingKeyId = keyId;
  return (passId) => {
    const signedPart = qrSignedPart({ passId, keyId: signingKeyId });
    return joinQr(signedPart, sign(null, Buffer.from(signedPart, 'utf8'), privateKey));
  };
}
