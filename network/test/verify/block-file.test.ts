import { BlockFileError, readBlockFile } from '../../src/verify/block-file';
import { ChainCheck } from '../../src/verify/chain-check';
import { blockAt, must, offsetOfFirstEnvelope, realBlockFile, recordOffsets } from './fixtures';

function checked(file: Buffer): ChainCheck {
  const check = new ChainCheck();
  for (const block of readBlockFile(file).blocks) {
    check.add(block);
  }
  return check;
}

describe('reading a peer block file', () => {
  test('when the file of a real peer is read, then every block comes back in order', () => {
    const { blocks, truncatedTail } = readBlockFile(realBlockFile());

    expect(blocks.map((b) => b.getHeader()?.getNumber())).toEqual([...Array(19).keys()]);
    expect(truncatedTail).toBe(false);
  });

  test('when the copy ends inside the last block, then the complete blocks are read and the tail is reported', () => {
    const file = realBlockFile();

    const { blocks, truncatedTail } = readBlockFile(file.subarray(0, file.length - 10));

    expect(blocks).toHaveLength(18);
    expect(truncatedTail).toBe(true);
  });

  test('when the chain of the real file is checked, then no block has a problem', () => {
    const summary = checked(realBlockFile()).summary;

    expect(summary.problems).toEqual([]);
    expect(summary.blocks).toBe(19);
    expect(summary.configBlocks).toEqual([0]);
  });

  test('when one byte inside block 13 is altered, then the check names block 13', () => {
    const file = Buffer.from(realBlockFile());
    const at = offsetOfFirstEnvelope(file, blockAt(13)) + 200;
    file.writeUInt8(file.readUInt8(at) ^ 0x01, at);

    const problems = checked(file).summary.problems;

    expect(problems.map((p) => [p.block, p.code])).toEqual([[13, 'DATA_HASH_MISMATCH']]);
  });

  test('when a block record holds bytes that do not frame a block, then reading it names that block', () => {
    const file = Buffer.from(realBlockFile());
    const envelopeAt = offsetOfFirstEnvelope(file, blockAt(5));
    // The length prefix of the block's first envelope now claims more bytes than its record has.
    file[envelopeAt - 2] = 0xff;

    expect(() => readBlockFile(file)).toThrow(BlockFileError);
    expect(() => readBlockFile(file)).toThrow(/block 5 /);
  });

  test('when a block’s length prefix is altered to run past the file, then reading it names that block', () => {
    const file = Buffer.from(realBlockFile());
    const prefixAt = must(recordOffsets(file)[17]);
    // Its two-byte length varint now claims about 16 kB, more than the rest of the file.
    file.writeUInt8(0x7f, prefixAt + 1);

    expect(() => readBlockFile(file)).toThrow(/block 17 .*length prefix past the file's end/);
  });

  test('when a length prefix is altered to grow by a byte, then reading it still names that block', () => {
    const file = Buffer.from(realBlockFile());
    const prefixAt = must(recordOffsets(file)[17]);
    file.writeUInt8(0xff, prefixAt);
    file.writeUInt8(0xff, prefixAt + 1);

    expect(() => readBlockFile(file)).toThrow(/block 17 /);
  });

  test('when the last block’s length prefix is altered, then reading it names that block', () => {
    const file = Buffer.from(realBlockFile());
    const prefixAt = must(recordOffsets(file)[18]);
    file.writeUInt8(0x7f, prefixAt + 1);

    expect(() => readBlockFile(file)).toThrow(/block 18 /);
  });
});
