/**
 * Reads the `height` field (field 1, uint64) of a serialised `common.BlockchainInfo` returned by
 * `qscc:GetChainInfo`. Decoding one varint here spares a dependency on the whole protobuf package.
 * A missing field means height 0, as proto3 leaves zero values out.
 * @throws {Error} when the varint is truncated.
 */
export function heightOfChainInfo(bytes: Uint8Array): bigint {
  const heightTag = 0x08; // field 1, wire type 0 (varint)
  if (bytes[0] !== heightTag) {
    return 0n;
  }
  let value = 0n;
  for (let i = 1, shift = 0n; i < bytes.length && i <= 10; i++, shift += 7n) {
    const byte = bytes[i] ?? 0;
    value |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) {
      return value;
    }
  }
  throw new Error('truncated BlockchainInfo height');
}
