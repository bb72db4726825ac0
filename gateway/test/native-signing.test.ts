import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { hash, signers } from '@hyperledger/fabric-gateway';
import { p256 } from '@noble/curves/nist';
import { nativeSigning } from '../src/ledger/fabric/native-signing';

describe('nativeSigning', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });

  it('when it signs a message, then the DER signature verifies over its SHA-256 digest and its S is low', async () => {
    const { signer, hash: hashOf } = nativeSigning(privateKey);
    for (let i = 0; i < 64; i += 1) {
      const message = createHash('sha256')
        .update(`message ${String(i)}`)
        .digest();
      const der = await signer(hashOf(message));
      expect(verify('sha256', message, publicKey, der)).toBe(true);
      expect(p256.Signature.fromBytes(der, 'der').hasHighS()).toBe(false);
    }
  });

  it('when it signs, then the client library is told to pass the whole message', () => {
    const message = new Uint8Array([1, 2, 3]);
    expect(nativeSigning(privateKey).hash(message)).toEqual(hash.none(message));
  });

  it("when its signature is checked like the client library's own, then both verify the same message", async () => {
    const message = Buffer.from('proposal bytes');
    const native = await nativeSigning(privateKey).signer(message);
    const library = await signers.newPrivateKeySigner(privateKey)(hash.sha256(message));
    expect(verify('sha256', message, publicKey, native)).toBe(true);
    expect(verify('sha256', message, publicKey, library)).toBe(true);
  });

  it('when the key is not an EC private key on a Fabric curve, then it is refused', () => {
    const ed = generateKeyPairSync('ed25519');
    const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
    expect(() => nativeSigning(ed.privateKey)).toThrow(/EC private key on P-256 or P-384/);
    expect(() => nativeSigning(k1.privateKey)).toThrow(/secp256k1/);
    expect(() => nativeSigning(publicKey)).toThrow(/EC private key/);
  });
});
