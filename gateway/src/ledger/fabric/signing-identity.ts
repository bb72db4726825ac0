import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { signers, type Identity, type Signer } from '@hyperledger/fabric-gateway';
import type { ClientIdentity } from '../../auth/client-identity';

/** A client's X.509 identity and the signer of its private key. */
export interface SigningIdentity {
  readonly identity: Identity;
  readonly signer: Signer;
}

/**
 * Loads a client's certificate and PKCS#8 private key from its PEM files.
 * @throws {Error} when a file is missing or the key cannot be parsed.
 */
export async function loadSigningIdentity(client: ClientIdentity): Promise<SigningIdentity> {
  const [certificate, keyPem] = await Promise.all([readFile(client.certPath), readFile(client.keyPath)]);
  return {
    identity: { mspId: client.mspId, credentials: certificate },
    signer: signers.newPrivateKeySigner(createPrivateKey(keyPem)),
  };
}
