import { createHash } from 'node:crypto';
import type { common } from '@hyperledger/fabric-protos';

// Fabric hashes a block header as SHA-256 over the ASN.1 DER encoding of
// SEQUENCE { INTEGER number, OCTET STRING previousHash, OCTET STRING dataHash } (protoutil BlockHeaderBytes).

function derLength(length: number): Buffer {
  if (length < 0x80) {
    return Buffer.from([length]);
  }
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) {
    bytes.unshift(rest % 256);
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function derElement(tag: number, content: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
}

/** A non-negative integer as DER content: big-endian, minimal, with a leading zero when the top bit is set. */
function derUnsigned(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) {
    hex = `0${hex}`;
  }
  const bytes = Buffer.from(hex, 'hex');
  return (bytes[0] ?? 0) >= 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
}

/** The fields of a block header the hash covers. */
export interface HeaderFields {
  readonly number: bigint;
  readonly previousHash: Uint8Array;
  readonly dataHash: Uint8Array;
}

/** The fields of a decoded block header. Never throws. */
export function headerFields(header: common.BlockHeader): HeaderFields {
  return {
    number: BigInt(header.getNumber()),
    previousHash: header.getPreviousHash_asU8(),
    dataHash: header.getDataHash_asU8(),
  };
}

/** The bytes Fabric hashes and orderers sign for a block header (protoutil `BlockHeaderBytes`). Never throws. */
export function blockHeaderBytes(header: HeaderFields): Buffer {
  const content = Buffer.concat([
    derElement(0x02, derUnsigned(header.number)),
    derElement(0x04, header.previousHash),
    derElement(0x04, header.dataHash),
  ]);
  return derElement(0x30, content);
}

/** SHA-256 of the header bytes: what the next block names as its previous hash. Never throws. */
export function blockHeaderHash(header: HeaderFields): Buffer {
  return createHash('sha256').update(blockHeaderBytes(header)).digest();
}

/** SHA-256 of the concatenated envelope bytes of a block (protoutil `BlockDataHash`). Never throws. */
export function blockDataHash(envelopes: readonly Uint8Array[]): Buffer {
  const hash = createHash('sha256');
  for (const envelope of envelopes) {
    hash.update(envelope);
  }
  return hash.digest();
}
