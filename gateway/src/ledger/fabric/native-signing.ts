import { sign, type KeyObject } from 'node:crypto';
import { hash, type Hash, type Signer } from '@hyperledger/fabric-gateway';
import { p256, p384 } from '@noble/curves/nist';

/** How a client signs what it sends to Fabric: its signer, and the hash the client library applies first. */
export interface Signing {
  readonly signer: Signer;
  readonly hash: Hash;
}

/** The curves Fabric CAs issue keys on, by OpenSSL's name. */
const curves = { prime256v1: p256, secp384r1: p384 } as const;

/**
 * Signs with OpenSSL (node:crypto) instead of the client library's JavaScript ECDSA, which costs about a
 * millisecond of CPU a signature, and a transaction needs three (proposal, envelope, commit status request).
 * The client library hands over the whole message (`hash.none`) and OpenSSL hashes it with SHA-256 as it
 * signs: the digest Fabric verifies with, and the client library's default. Fabric accepts only low-S ECDSA
 * signatures, so an S above half the curve's order is replaced by its complement, which verifies the same.
 * @throws {Error} for a key that is not an EC private key on P-256 or P-384.
 */
export function nativeSigning(privateKey: KeyObject): Signing {
  const namedCurve = privateKey.asymmetricKeyDetails?.namedCurve;
  const known = namedCurve !== undefined && Object.hasOwn(curves, namedCurve);
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ec' || !known) {
    throw new Error(`expected an EC private key on P-256 or P-384, not ${namedCurve ?? privateKey.type}`);
  }
  const curve = curves[namedCurve as keyof typeof curves];
  return {
    hash: hash.none,
    signer: (message) => {
      const raw = sign('sha256', message, { key: privateKey, dsaEncoding: 'ieee-p1363' });
      const signature = curve.Signature.fromBytes(raw, 'compact');
      const lowS = signature.hasHighS()
        ? new curve.Signature(signature.r, curve.Point.Fn.ORDER - signature.s)
        : signature;
      return Promise.resolve(lowS.toBytes('der'));
    },
  };
}
