import { common } from '@hyperledger/fabric-protos';

/** A block's envelopes, decoded to their payload and channel header. */
export interface DecodedEnvelope {
  readonly payload: common.Payload;
  readonly channelHeader: common.ChannelHeader;
}

/**
 * Decodes one envelope of a block.
 * @throws Error (from the protobuf library) when the bytes are not an envelope with a payload header.
 */
export function decodeEnvelope(bytes: Uint8Array): DecodedEnvelope {
  const envelope = common.Envelope.deserializeBinary(bytes);
  const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
  const header = payload.getHeader();
  if (header === undefined) {
    throw new Error('envelope payload without header');
  }
  return { payload, channelHeader: common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8()) };
}

/** The envelopes of a block. Never throws. */
export function envelopesOf(block: common.Block): Uint8Array[] {
  return block.getData()?.getDataList_asU8() ?? [];
}

/** Whether a block carries a channel configuration (its only envelope is of type CONFIG). Never throws. */
export function isConfigBlock(block: common.Block): boolean {
  const [first] = envelopesOf(block);
  if (first === undefined) {
    return false;
  }
  try {
    return decodeEnvelope(first).channelHeader.getType() === common.HeaderType.CONFIG;
  } catch {
    return false;
  }
}

/**
 * The metadata entry at an index of a block (SIGNATURES, TRANSACTIONS_FILTER ...), as raw bytes.
 * Never throws: an absent entry reads as empty.
 */
export function metadataBytes(block: common.Block, index: number): Uint8Array {
  return block.getMetadata()?.getMetadataList_asU8()[index] ?? new Uint8Array();
}
