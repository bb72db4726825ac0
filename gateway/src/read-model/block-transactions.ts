import { common, ledger, peer } from '@hyperledger/fabric-protos';

/** One public key-value write of a transaction to the chaincode's namespace. */
export interface KeyWrite {
  readonly key: string;
  readonly isDelete: boolean;
  readonly value: Uint8Array;
}

/** The chaincode event a transaction emitted. */
export interface TransactionEvent {
  readonly eventName: string;
  readonly payload: Uint8Array;
}

/** What the read model needs of one valid endorser transaction of a block. */
export interface BlockTransaction {
  readonly transactionId: string;
  readonly writes: readonly KeyWrite[];
  readonly event?: TransactionEvent;
}

/** A block reduced to its number and its valid transactions on one chaincode, in block order. */
export interface DecodedBlock {
  readonly blockNumber: bigint;
  readonly transactions: readonly BlockTransaction[];
}

function chaincodeActionsOf(transaction: peer.Transaction): peer.ChaincodeAction[] {
  return transaction.getActionsList().flatMap((action) => {
    const endorsed = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8()).getAction();
    if (endorsed === undefined) {
      return [];
    }
    const response = peer.ProposalResponsePayload.deserializeBinary(
      endorsed.getProposalResponsePayload_asU8(),
    );
    return [peer.ChaincodeAction.deserializeBinary(response.getExtension_asU8())];
  });
}

function writesOf(action: peer.ChaincodeAction, namespace: string): KeyWrite[] {
  return ledger.rwset.TxReadWriteSet.deserializeBinary(action.getResults_asU8())
    .getNsRwsetList()
    .filter((ns) => ns.getNamespace() === namespace)
    .flatMap((ns) => ledger.rwset.kvrwset.KVRWSet.deserializeBinary(ns.getRwset_asU8()).getWritesList())
    .map((write) => ({ key: write.getKey(), isDelete: write.getIsDelete(), value: write.getValue_asU8() }));
}

function eventOf(action: peer.ChaincodeAction, namespace: string): TransactionEvent | undefined {
  const bytes = action.getEvents_asU8();
  if (bytes.length === 0) {
    return undefined;
  }
  const event = peer.ChaincodeEvent.deserializeBinary(bytes);
  return event.getChaincodeId() === namespace && event.getEventName() !== ''
    ? { eventName: event.getEventName(), payload: event.getPayload_asU8() }
    : undefined;
}

/**
 * One envelope of a block as an endorser transaction: its id, its writes to and event of one chaincode namespace;
 * undefined for any other kind of envelope (configuration).
 * @throws Error (from the protobuf library) when the envelope cannot be decoded.
 */
export function decodeTransaction(
  envelopeBytes: Uint8Array,
  namespace: string,
): BlockTransaction | undefined {
  const envelope = common.Envelope.deserializeBinary(envelopeBytes);
  const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
  const header = payload.getHeader();
  if (header === undefined) {
    return undefined;
  }
  const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
  if (channelHeader.getType() !== common.HeaderType.ENDORSER_TRANSACTION) {
    return undefined;
  }
  const actions = chaincodeActionsOf(peer.Transaction.deserializeBinary(payload.getData_asU8()));
  const event = actions.map((action) => eventOf(action, namespace)).find((e) => e !== undefined);
  return {
    transactionId: channelHeader.getTxId(),
    writes: actions.flatMap((action) => writesOf(action, namespace)),
    ...(event === undefined ? {} : { event }),
  };
}

/**
 * The valid endorser transactions of a block with their writes to, and event of, one chaincode namespace:
 * Envelope → Payload → Transaction → ChaincodeActionPayload → ProposalResponsePayload → ChaincodeAction, whose
 * results hold the read-write sets and whose events hold the chaincode event. Transactions the peers marked
 * invalid (TRANSACTIONS_FILTER not 0) changed nothing and are left out; so are configuration transactions.
 * @throws Error (from the protobuf library) when a valid transaction cannot be decoded.
 */
export function decodeBlock(block: common.Block, namespace: string): DecodedBlock {
  const flags =
    block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER] ??
    new Uint8Array();
  const envelopes = block.getData()?.getDataList_asU8() ?? [];
  const transactions = envelopes.flatMap((envelope, index) => {
    if (flags[index] !== peer.TxValidationCode.VALID) {
      return [];
    }
    const transaction = decodeTransaction(envelope, namespace);
    return transaction === undefined ? [] : [transaction];
  });
  return { blockNumber: BigInt(block.getHeader()?.getNumber() ?? 0), transactions };
}
