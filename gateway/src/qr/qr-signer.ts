import { createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { joinQr, qrSignedPart } from '@stadspas/chaincode/vocabulary';

/** Signs QR payloads with the municipality's Ed25519 key. */
export interface QrSigner {
  /** Identifies the public key on the ledger. */
  readonly keyId: string;
  /** The public key as SPKI PEM, as published with `config:AddQrKey`. */
  readonly publicKeyPem: string;
  /** The payload for a pass: `SP1.<claims>.<signature>`. */
  sign(passId: string): string;
}

/**
 * A signer over an Ed25519 private key. The key id is derived from the public key, so a rotated key gets a new
 * id without any numbering to keep.
 * @throws {Error} when the key is not an Ed25519 private key.
 */
export function qrSignerFromKey(privateKey: KeyObject): QrSigner {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error('the QR signing key must be an Ed25519 private key');
  }
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const fingerprint = createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
  const keyId = `qr-${fingerprint.slice(0, 16)}`;
  return {
    keyId,
    publicKeyPem,
    sign(passId: string): string {
      const signedPart = qrSignedPart({ passId, keyId });
      return joinQr(signedPart, sign(null, Buffer.from(signedPart, 'utf8'), privateKey));
    },
  };
}

/**
 * Loads a signer from a PEM file (PKCS#8 Ed25519 private key).
 * @throws {Error} when the file cannot be read or holds another kind of key.
 */
export async function loadQrSigner(path: string): Promise<QrSigner> {
  return qrSignerFromKey(createPrivateKey(await readFile(path)));
}
