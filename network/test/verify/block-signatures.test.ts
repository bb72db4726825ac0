import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { common } from '@hyperledger/fabric-protos';
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
});
