import { common } from '@hyperledger/fabric-protos';

// A Fabric block file (common/ledger/blkstorage) holds one record per block: a varint length, then the block in
// the block store's own framing (block_serialization.go): varint number, length-prefixed data hash and previous
// hash, a varint count of length-prefixed envelopes, a varint count of length-prefixed metadata entries. The
// envelopes and metadata entries are the protobuf bytes the peer received; only the framing is read here.

/** A block file that ends in the middle of a record, or whose framing does not add up. */
export class BlockFileError extends Error {
  readonly code = 'BLOCK_FILE_MALFORMED';
  constructor(
    message: string,
    /** The number of the block being read (the one after the last complete block). */
    readonly blockNumber: number,
  ) {
    super(message);
    this.name = 'BlockFileError';
  }
}

class Reader {
  #offset: number;
  constructor(
    readonly bytes: Uint8Array,
    offset: number,
    readonly end: number,
  ) {
    this.#offset = offset;
  }
  get offset(): number {
    return this.#offset;
  }
  get done(): boolean {
    return this.#offset >= this.end;
  }
  varint(): number {
    let value = 0;
    for (let shift = 0; shift < 64; shift += 7) {
      const byte = this.#byte();
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) {
        return value;
      }
    }
    throw new RangeError('varint longer than 64 bits');
  }
  bytesField(): Uint8Array {
    const length = this.varint();
    if (this.#offset + length > this.end) {
      throw new RangeError(`a field of ${length} bytes runs past the end of its record`);
    }
    const field = this.bytes.subarray(this.#offset, this.#offset + length);
    this.#offset += length;
    return field;
  }
  skip(length: number): void {
    this.#offset += length;
  }
  list(): Uint8Array[] {
    const count = this.varint();
    return Array.from({ length: count }, () => this.bytesField());
  }
  #byte(): number {
    const byte = this.bytes[this.#offset];
    if (byte === undefined || this.#offset >= this.end) {
      throw new RangeError('the record ends inside a varint');
    }
    this.#offset += 1;
    return byte;
  }
}

function blockOf(record: Reader, wholeRecord = true): common.Block {
  const header = new common.BlockHeader();
  header.setNumber(record.varint());
  header.setDataHash(record.bytesField());
  header.setPreviousHash(record.bytesField());
  const data = new common.BlockData();
  data.setDataList(record.list());
  const metadata = new common.BlockMetadata();
  metadata.setMetadataList(record.list());
  if (wholeRecord && !record.done) {
    throw new RangeError(`${record.end - record.offset} bytes left over after the block`);
  }
  const block = new common.Block();
  block.setHeader(header);
  block.setData(data);
  block.setMetadata(metadata);
  return block;
}

/** What a block file held: its complete blocks, and whether it ended inside a block still being written. */
export interface BlockFileContents {
  readonly blocks: common.Block[];
  readonly truncatedTail: boolean;
}

/** Whether a whole block of the expected number is framed from `start` on. */
function wholeBlockAt(bytes: Uint8Array, start: number, expected: number): boolean {
  const rest = new Reader(bytes, start, bytes.length);
  try {
    return blockOf(rest, false).getHeader()?.getNumber() === expected;
  } catch {
    return false;
  }
}

/**
 * A record that claims more bytes than the file has is the tail of a block still being written, unless a whole
 * block of the expected number follows its length prefix: then the prefix was altered (and
 * may have grown, so every place the record could start after the prefix's first byte is tried).
 * @throws BlockFileError in that case.
 */
function refuseOverlongRecord(bytes: Uint8Array, prefixAt: number, expected: number): void {
  const MAX_VARINT_BYTES = 10;
  for (let start = prefixAt + 1; start <= prefixAt + MAX_VARINT_BYTES; start += 1) {
    if (wholeBlockAt(bytes, start, expected)) {
      throw new BlockFileError(
        `block ${expected} at offset ${prefixAt} has a length prefix past the file's end`,
        expected,
      );
    }
  }
}

/**
 * Reads every complete block of a block file. A last record cut short (the peer was writing it when the file
 * was copied) is left out and reported as `truncatedTail`.
 * @throws BlockFileError when a complete record does not hold a well-formed block.
 */
export function readBlockFile(bytes: Uint8Array, firstBlockNumber = 0): BlockFileContents {
  const blocks: common.Block[] = [];
  const file = new Reader(bytes, 0, bytes.length);
  while (!file.done) {
    const expected = firstBlockNumber + blocks.length;
    const prefixAt = file.offset;
    let length: number;
    try {
      length = file.varint();
    } catch {
      return { blocks, truncatedTail: true };
    }
    const start = file.offset;
    if (start + length > bytes.length) {
      refuseOverlongRecord(bytes, prefixAt, expected);
      return { blocks, truncatedTail: true };
    }
    try {
      blocks.push(blockOf(new Reader(bytes, start, start + length)));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new BlockFileError(`block ${expected} at offset ${start} is malformed: ${reason}`, expected);
    }
    file.skip(length);
  }
  return { blocks, truncatedTail: false };
}
