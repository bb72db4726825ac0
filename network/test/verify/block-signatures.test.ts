import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { common } from '@hyperledger/fabric-protos';
import { checkBlockSignatures } from '../../src/verify/block-signatures';
import { ChainCheck } from '../../src/verify/chain-check';
import { configEnvelopeOf, ordererTrustOf, type OrdererTrust } from '../../src/verify/channel-config';
import { blockAt, editMetadata, headerOf, must, realBlocks } from './fixtures';
import { mintCa, resignedBy, type MintedCa, type MintedIdentity } from './minted';

function trustOfGenesis(): OrdererTrust {
  return ordererTrustOf(must(configEnvelopeOf(blockAt(0)).getConfig()));
}

/** The genesis configuration's orderer organisations, each with its roots replaced by `root`. */
function trustWithRoot(root: X509Certificate): OrdererTrust {
  return trustOfGenesis().map((definition) => ({ ...definition, roots: [root], intermediates: [] }));
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

    expect(trust.length).toBeGreaterThan(0);
    expect(trust.every((definition) => definition.roots.length > 0)).toBe(true);
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
    const checks = checkBlockSignatures(blockAt(13), trustWithRoot(stranger));

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
    const mspId = trustOfGenesis()[0]?.mspId ?? '';
    const client = identityOfOwnCa('client');
    const orderer = identityOfOwnCa('orderer');

    const byClient = checkBlockSignatures(
      resignedBy(blockAt(13), mspId, client.identity),
      trustWithRoot(client.ca.root),
    );
    const byOrderer = checkBlockSignatures(
      resignedBy(blockAt(13), mspId, orderer.identity),
      trustWithRoot(orderer.ca.root),
    );

    expect(byClient[0]?.problem).toBe("not an orderer node's certificate (its role is not orderer)");
    expect(byOrderer[0]?.problem).toBeUndefined();
  });
});

/** A CA of its own and an identity it issued with the given role, as Fabric CA issues them. */
function identityOfOwnCa(role: string): { readonly ca: MintedCa; readonly identity: MintedIdentity } {
  const ca = mintCa();
  return { ca, identity: ca.issue(role) };
}
