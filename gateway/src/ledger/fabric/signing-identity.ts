import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Identity } from '@hyperledger/fabric-gateway';
import type { ClientIdentity } from '../../auth/client-identity';
import { nativeSigning, type Signing } from './native-signing';

/** A client's X.509 identity and how its private key signs. */
export interface SigningIdentity extends Signing {
  readonly identity: Identity;
}

/**
 * Loads a client's certificate and PKCS#8 private key from its PEM files.
 * @throws {Error} when a file is missing or the key cannot be parsed.
 */
export async function loadSigningIdentity(client: ClientIdentity): Promise<SigningIdentity> {
  const [certificate, keyPem] = await Promise.all([readFile(client.certPath), readFile(client.keyPath)]);
  return {
    identity: { mspId: client.mspId, credentials: certificate },
    ...nativeSigning(createPrivateKey(keyPem)),
  };
}
