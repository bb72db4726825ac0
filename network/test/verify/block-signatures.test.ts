import { execFileSync } from 'node:child_process';
import { createPrivateKey, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { common, msp } from '@hyperledger/fabric-protos';
import { blockHeaderBytes, headerFields } from '../../src/verify/block-hash';
import { checkBlockSignatures } from '../../src/verify/block-signatures';
import { ChainCheck } from '../../src/verify/chain-check';
import { ordererTrustOf, type OrdererTrust } from '../../src/verify/channel-config';
import { blockAt, editMetadata, headerOf, must, realBlocks } from './fixtures';

function trustOfGenesis(): OrdererTrust {
  return ordererTrustOf(blockAt(0));
}

/** A copy of a block whose first orderer signature has one bit flipped. */
function withAlteredSignature(block: common.Block): common.Block {
  const copy = common.Block.deserializeBinary(block.serializeBinary());
  editMetadata(copy, (list) => {
    const metadata = common.Metadata.deserializeBinary(must(list[common.BlockMetadataIndex.SIGNATURES]));
    const signature = must(metadata.getSignaturesList()[0]);
    const bytes = Buffer.from(signature.getSignature_asU8());
    const at = bytes.length - 3;
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0x01, at);
    signature.setSignature(bytes);
    list[common.BlockMetadataIndex.SIGNATURES] = metadata.serializeBinary();
  });
  return copy;
}

describe('checking the orderer signatures of a block', () => {
  test('when the genesis block is read, then its orderer organisations and CAs are known', () => {
    const trust = trustOfGenesis();

    expect(trust.mspIds.length).toBeGreaterThan(0);
    expect(trust.roots.length).toBeGreaterThanOrEqual(trust.mspIds.length);
  });

  test('when a real block is checked against the channel configuration, then its signature verifies', () => {
    const checks = checkBlockSignatures(blockAt(13), trustOfGenesis());

    expect(checks.length).toBeGreaterThan(0);
    expect(checks.every((c) => c.problem === undefined)).toBe(true);
  });

  test('when a signature is altered, then it does not verify', () => {
    const checks = checkBlockSignatures(withAlteredSignature(blockAt(13)), trustOfGenesis());

    expect(checks[0]?.problem).toBe('the signature does not verify');
  });

  test('when the header is altered, then the signature over it does not verify', () => {
    const block = blockAt(13);
    headerOf(block).setNumber(14);

    expect(checkBlockSignatures(block, trustOfGenesis())[0]?.problem).toBe('the signature does not verify');
  });

  test('when the signer is not issued by an orderer organisation CA, then its signature does not count', () => {
    const stranger = new X509Certificate(readFileSync(join(__dirname, '..', 'fixtures', 'stranger-ca.pem')));
    const trust: OrdererTrust = { ...trustOfGenesis(), roots: [stranger], intermediates: [] };

    const checks = checkBlockSignatures(blockAt(13), trust);

    expect(checks[0]?.problem).toMatch(/not issued by an orderer organisation's CA/);
  });

  test('when a block carries no valid signature, then the chain check names it', () => {
    const blocks = realBlocks();
    blocks[7] = withAlteredSignature(must(blocks[7]));
    const check = new ChainCheck();

    for (const block of blocks) {
      check.add(block);
    }

    expect(check.summary.problems.map((p) => [p.block, p.code])).toEqual([[7, 'BLOCK_NOT_SIGNED']]);
  });

  test('when a real block is signed by an orderer node, then its certificate carries the orderer role', () => {
    const checks = checkBlockSignatures(blockAt(13), trustOfGenesis());

    expect(checks.map((check) => check.subject)).toEqual([expect.stringContaining('OU=orderer')]);
  });

  test('when a block is re-signed with a client key that the orderer organisation’s CA issued, then the signature does not count', () => {
    const mspId = trustOfGenesis().mspIds[0] ?? '';
    const trustIn = (ca: MintedIdentity): OrdererTrust => ({
      ...trustOfGenesis(),
      roots: [ca.root],
      intermediates: [],
    });
    const client = identityOfOwnCa('client');
    const orderer = identityOfOwnCa('orderer');

    const byClient = checkBlockSignatures(resignedBy(blockAt(13), mspId, client), trustIn(client));
    const byOrderer = checkBlockSignatures(resignedBy(blockAt(13), mspId, orderer), trustIn(orderer));

    expect(byClient[0]?.problem).toBe("not an orderer node's certificate (its role is not orderer)");
    expect(byOrderer[0]?.problem).toBeUndefined();
  });
});

interface MintedIdentity {
  readonly root: X509Certificate;
  readonly cert: Buffer;
  readonly key: KeyObject;
}

/** A CA of its own and a certificate it issued with the given role (OU), as Fabric CA issues them. */
function identityOfOwnCa(role: string): MintedIdentity {
  const dir = mkdtempSync(join(tmpdir(), 'verify-ca-'));
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  };
  openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca.key');
  openssl('req', '-new', '-x509', '-key', 'ca.key', '-subj', '/CN=ca', '-days', '1', '-out', 'ca.pem');
  openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'id.key');
  openssl('req', '-new', '-key', 'id.key', '-subj', `/OU=${role}/CN=someone`, '-out', 'id.csr');
  openssl(
    'x509',
    '-req',
    '-in',
    'id.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '1',
    '-out',
    'id.pem',
  );
  return {
    root: new X509Certificate(readFileSync(join(dir, 'ca.pem'))),
    cert: readFileSync(join(dir, 'id.pem')),
    key: createPrivateKey(readFileSync(join(dir, 'id.key'))),
  };
}

/** A copy of a block whose signature is replaced by one of `signer`, over exactly what an orderer signs. */
function resignedBy(block: common.Block, mspId: string, signer: MintedIdentity): common.Block {
  const copy = common.Block.deserializeBinary(block.serializeBinary());
  editMetadata(copy, (list) => {
    const metadata = common.Metadata.deserializeBinary(must(list[common.BlockMetadataIndex.SIGNATURES]));
    const creator = new msp.SerializedIdentity();
    creator.setMspid(mspId);
    creator.setIdBytes(signer.cert);
    const header = new common.SignatureHeader();
    header.setCreator(creator.serializeBinary());
    header.setNonce(Buffer.alloc(24, 1));
    const headerBytes = header.serializeBinary();
    const signed = Buffer.concat([
      metadata.getValue_asU8(),
      headerBytes,
      blockHeaderBytes(headerFields(headerOf(copy))),
    ]);
    const signature = new common.MetadataSignature();
    signature.setSignatureHeader(headerBytes);
    signature.setSignature(sign('sha256', signed, signer.key));
    metadata.setSignaturesList([signature]);
    list[common.BlockMetadataIndex.SIGNATURES] = metadata.serializeBinary();
  });
  return copy;
}
