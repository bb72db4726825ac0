import { blockDataHash, blockHeaderBytes, blockHeaderHash, headerFields } from '../../src/verify/block-hash';
import { envelopesOf } from '../../src/verify/envelopes';
import { blockAt, deliveredBlock13, headerOf, must, realBlocks } from './fixtures';

describe('hashing blocks as Fabric does', () => {
  test('when a header is encoded, then it is the DER sequence of number, previous hash and data hash', () => {
    const bytes = blockHeaderBytes({
      number: 0n,
      previousHash: new Uint8Array(),
      dataHash: Buffer.from([0xab]),
    });

    expect(bytes.toString('hex')).toBe('300802010004000401ab');
  });

  test('when a block number has its top bit set, then the DER integer gets a leading zero', () => {
    const bytes = blockHeaderBytes({
      number: 128n,
      previousHash: new Uint8Array(),
      dataHash: new Uint8Array(),
    });

    expect(bytes.toString('hex')).toBe('3008020200800400' + '0400');
  });

  test('when hashes are longer than 127 bytes, then DER uses the long length form', () => {
    const bytes = blockHeaderBytes({
      number: 1n,
      previousHash: Buffer.alloc(200),
      dataHash: new Uint8Array(),
    });

    expect(bytes.subarray(0, 3).toString('hex')).toBe('3081d0');
    expect(bytes.subarray(6, 9).toString('hex')).toBe('0481c8');
  });

  test('when real blocks are hashed, then each names the hash of the one before it', () => {
    const blocks = realBlocks();

    for (let n = 1; n < blocks.length; n += 1) {
      const previous = headerFields(headerOf(must(blocks[n - 1])));
      const header = headerFields(headerOf(must(blocks[n])));
      expect(Buffer.from(header.previousHash).equals(blockHeaderHash(previous))).toBe(true);
    }
  });

  test('when the envelopes of a real block are hashed, then the result is its data hash', () => {
    for (const block of realBlocks()) {
      const dataHash = Buffer.from(headerOf(block).getDataHash_asU8());
      expect(blockDataHash(envelopesOf(block)).equals(dataHash)).toBe(true);
    }
  });

  test('when one envelope byte differs, then the data hash differs', () => {
    const block = blockAt(13);
    const envelopes = envelopesOf(block).map((e) => Buffer.from(e));
    const first = must(envelopes[0]);
    first.writeUInt8(first.readUInt8(100) ^ 1, 100);

    expect(blockDataHash(envelopes).equals(Buffer.from(headerOf(block).getDataHash_asU8()))).toBe(false);
  });

  test('when a block is read from the file and delivered by a peer, then both hash the same', () => {
    const fromFile = blockAt(13);
    const delivered = deliveredBlock13();

    expect(blockHeaderHash(headerFields(headerOf(fromFile)))).toEqual(
      blockHeaderHash(headerFields(headerOf(delivered))),
    );
    expect(envelopesOf(fromFile)).toEqual(envelopesOf(delivered));
  });
});
