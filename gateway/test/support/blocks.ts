import { common, ledger, peer } from '@hyperledger/fabric-protos';

/** One transaction of a test block: its writes to a namespace, its event, and whether the peers took it. */
export interface TestTransaction {
  readonly txId: string;
  readonly writes?: readonly {
    readonly key: string;
    readonly value?: unknown;
    readonly isDelete?: boolean;
  }[];
  readonly event?: { readonly name: string; readonly payload: unknown };
  readonly valid?: boolean;
  readonly namespace?: string;
  /** A configuration transaction instead of an endorser one. */
  readonly config?: boolean;
}

/** The composite key the chaincode's `createCompositeKey` makes. */
export function compositeKey(type: string, ...attributes: string[]): string {
  return `\u0000${[type, ...attributes].join('\u0000')}\u0000`;
}

const json = (value: unknown): Uint8Array => Buffer.from(JSON.stringify(value));

function chaincodeAction(tx: TestTransaction, namespace: string): peer.ChaincodeAction {
  const kv = new ledger.rwset.kvrwset.KVRWSet();
  kv.setWritesList(
    (tx.writes ?? []).map((w) => {
      const write = new ledger.rwset.kvrwset.KVWrite();
      write.setKey(w.key);
      write.setIsDelete(w.isDelete === true);
      write.setValue(w.isDelete === true ? new Uint8Array() : json(w.value));
      return write;
    }),
  );
  const ns = new ledger.rwset.NsReadWriteSet();
  ns.setNamespace(namespace);
  ns.setRwset(kv.serializeBinary());
  const rwset = new ledger.rwset.TxReadWriteSet();
  rwset.setNsRwsetList([ns]);
  const action = new peer.ChaincodeAction();
  action.setResults(rwset.serializeBinary());
  if (tx.event !== undefined) {
    const event = new peer.ChaincodeEvent();
    event.setChaincodeId(namespace);
    event.setTxId(tx.txId);
    event.setEventName(tx.event.name);
    event.setPayload(json(tx.event.payload));
    action.setEvents(event.serializeBinary());
  }
  return action;
}

function envelopeOf(tx: TestTransaction, channelNamespace: string): Uint8Array {
  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(
    tx.config === true ? common.HeaderType.CONFIG : common.HeaderType.ENDORSER_TRANSACTION,
  );
  channelHeader.setTxId(tx.txId);
  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  const payload = new common.Payload();
  payload.setHeader(header);
  if (tx.config !== true) {
    const response = new peer.ProposalResponsePayload();
    response.setExtension$(chaincodeAction(tx, tx.namespace ?? channelNamespace).serializeBinary());
    const endorsed = new peer.ChaincodeEndorsedAction();
    endorsed.setProposalResponsePayload(response.serializeBinary());
    const actionPayload = new peer.ChaincodeActionPayload();
    actionPayload.setAction(endorsed);
    const action = new peer.TransactionAction();
    action.setPayload(actionPayload.serializeBinary());
    const transaction = new peer.Transaction();
    transaction.setActionsList([action]);
    payload.setData(transaction.serializeBinary());
  }
  const envelope = new common.Envelope();
  envelope.setPayload(payload.serializeBinary());
  return envelope.serializeBinary();
}

/** A block as the peer delivers it: its transactions and the validation flags of TRANSACTIONS_FILTER. */
export function makeBlock(
  number: number,
  transactions: readonly TestTransaction[],
  namespace = 'stadspas',
): common.Block {
  const header = new common.BlockHeader();
  header.setNumber(number);
  const data = new common.BlockData();
  data.setDataList(transactions.map((tx) => envelopeOf(tx, namespace)));
  const flags = Uint8Array.from(
    transactions.map((tx) =>
      tx.valid === false ? peer.TxValidationCode.MVCC_READ_CONFLICT : peer.TxValidationCode.VALID,
    ),
  );
  const metadata = new common.BlockMetadata();
  const entries: Uint8Array[] = [new Uint8Array(), new Uint8Array(), new Uint8Array()];
  entries[common.BlockMetadataIndex.TRANSACTIONS_FILTER] = flags;
  metadata.setMetadataList(entries);
  const block = new common.Block();
  block.setHeader(header);
  block.setData(data);
  block.setMetadata(metadata);
  return block;
}
