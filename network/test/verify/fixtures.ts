import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { common } from '@hyperledger/fabric-protos';
import { readBlockFile } from '../../src/verify/block-file';

const FIXTURES = join(__dirname, '..', 'fixtures');

/** The block file of a peer of a real three-organisation network: blocks 0 to 18 of channel stadspas. */
export function realBlockFile(): Buffer {
  return readFileSync(join(FIXTURES, 'blockfile_000000'));
}

/** The blocks of the real block file, read fresh for each test. */
export function realBlocks(): common.Block[] {
  return readBlockFile(realBlockFile()).blocks;
}

/** Block 13 (a pass issued) as a peer delivered it over qscc GetBlockByNumber. */
export function deliveredBlock13(): common.Block {
  return common.Block.deserializeBinary(readFileSync(join(FIXTURES, 'block-13.pb')));
}

/** The byte offset of the first occurrence of a block's first envelope inside the block file. */
export function offsetOfFirstEnvelope(file: Buffer, block: common.Block): number {
  const envelope = block.getData()?.getDataList_asU8()[0];
  if (envelope === undefined) {
    throw new Error('block without envelopes');
  }
  return file.indexOf(Buffer.from(envelope));
}

/** The value, or a failed test when it is missing. */
export function must<T>(value: T | undefined | null): T {
  if (value === undefined || value === null) {
    throw new Error('expected a value');
  }
  return value;
}

/** One block of the real block file. */
export function blockAt(number: number): common.Block {
  return must(realBlocks()[number]);
}

/** A block's header. */
export function headerOf(block: common.Block): common.BlockHeader {
  return must(block.getHeader());
}

/** A block's metadata list, and a way to put it back changed. */
export function editMetadata(block: common.Block, edit: (list: Uint8Array[]) => void): void {
  const metadata = must(block.getMetadata());
  const list = metadata.getMetadataList_asU8();
  edit(list);
  metadata.setMetadataList(list);
}

/** Where each block's record (its length varint) starts in a block file. */
export function recordOffsets(file: Buffer): number[] {
  const offsets: number[] = [];
  let offset = 0;
  while (offset < file.length) {
    offsets.push(offset);
    let length = 0;
    let shift = 0;
    let byte = 0x80;
    while (byte >= 0x80) {
      byte = file.readUInt8(offset);
      length += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      offset += 1;
    }
    offset += length;
  }
  return offsets;
}
