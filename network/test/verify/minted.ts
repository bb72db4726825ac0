import { execFileSync } from 'node:child_process';
import { createPrivateKey, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { common, msp } from '@hyperledger/fabric-protos';
import { blockHeaderBytes, headerFields } from '../../src/verify/block-hash';
import { editMetadata, headerOf, must } from './fixtures';

/** An identity a test CA issued: its certificate (PEM) and private key. */
export interface MintedIdentity {
  readonly cert: Buffer;
  readonly key: KeyObject;
}

/** A CA of a test's own, made with openssl, that issues identities with a role OU as Fabric CA does. */
export interface MintedCa {
  readonly root: X509Certificate;
  readonly rootPem: Buffer;
  issue(role: string): MintedIdentity;
}

/** A new CA of the test's own. */
export function mintCa(): MintedCa {
  const dir = mkdtempSync(join(tmpdir(), 'verify-ca-'));
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  };
  openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca.key');
  openssl('req', '-new', '-x509', '-key', 'ca.key', '-subj', '/CN=ca', '-days', '1', '-out', 'ca.pem');
  const rootPem = readFileSync(join(dir, 'ca.pem'));
  let issued = 0;
  return {
    root: new X509Certificate(rootPem),
    rootPem,
    issue: (role) => {
      issued += 1;
      const name = `id${String(issued)}`;
      openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`);
      openssl('req', '-new', '-key', `${name}.key`, '-subj', `/OU=${role}/CN=${name}`, '-out', `${name}.csr`);
      openssl(
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        'ca.pem',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-days',
        '1',
        '-out',
        `${name}.pem`,
      );
      return {
        cert: readFileSync(join(dir, `${name}.pem`)),
        key: createPrivateKey(readFileSync(join(dir, `${name}.key`))),
      };
    },
  };
}

/** A signature header naming an identity as the creator, serialised. */
export function signatureHeaderOf(mspId: string, identity: MintedIdentity): Uint8Array {
  const creator = new msp.SerializedIdentity();
  creator.setMspid(mspId);
  creator.setIdBytes(identity.cert);
  const header = new common.SignatureHeader();
  header.setCreator(creator.serializeBinary());
  header.setNonce(Buffer.alloc(24, 1));
  return header.serializeBinary();
}

/** The identity's ECDSA signature of `data` over SHA-256. */
export function signedBy(identity: MintedIdentity, data: Uint8Array): Buffer {
  return sign('sha256', data, identity.key);
}

/** A copy of a block whose signature is replaced by one of `signer`, over exactly what an orderer signs. */
export function resignedBy(block: common.Block, mspId: string, signer: MintedIdentity): common.Block {
  const copy = common.Block.deserializeBinary(block.serializeBinary());
  editMetadata(copy, (list) => {
    const metadata = common.Metadata.deserializeBinary(must(list[common.BlockMetadataIndex.SIGNATURES]));
    const headerBytes = signatureHeaderOf(mspId, signer);
    const signed = Buffer.concat([
      metadata.getValue_asU8(),
      headerBytes,
      blockHeaderBytes(headerFields(headerOf(copy))),
    ]);
    const signature = new common.MetadataSignature();
    signature.setSignatureHeader(headerBytes);
    signature.setSignature(signedBy(signer, signed));
    metadata.setSignaturesList([signature]);
    list[common.BlockMetadataIndex.SIGNATURES] = metadata.serializeBinary();
  });
  return copy;
}
