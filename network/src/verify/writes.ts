import { common, ledger, peer } from '@hyperledger/fabric-protos';
import { decodeEnvelope } from './envelopes';

/** One public key-value write of a transaction. */
export interface KeyWrite {
  readonly key: string;
  readonly isDelete: boolean;
  readonly value: Uint8Array;
}

function writesOfAction(action: peer.TransactionAction, namespace: string): KeyWrite[] {
  const endorsed = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8()).getAction();
  if (endorsed === undefined) {
    return [];
  }
  const response = peer.ProposalResponsePayload.deserializeBinary(endorsed.getProposalResponsePayload_asU8());
  const chaincodeAction = peer.ChaincodeAction.deserializeBinary(response.getExtension_asU8());
  const rwset = ledger.rwset.TxReadWriteSet.deserializeBinary(chaincodeAction.getResults_asU8());
  return rwset
    .getNsRwsetList()
    .filter((ns) => ns.getNamespace() === namespace)
    .flatMap((ns) => ledger.rwset.kvrwset.KVRWSet.deserializeBinary(ns.getRwset_asU8()).getWritesList())
    .map((write) => ({ key: write.getKey(), isDelete: write.getIsDelete(), value: write.getValue_asU8() }));
}

/**
 * The public writes an endorser transaction makes to one chaincode namespace, in order: Envelope → Payload →
 * Transaction → ChaincodeActionPayload → ProposalResponsePayload → ChaincodeAction → TxReadWriteSet → KVRWSet.
 * Other transaction types (config) write nothing to it.
 * @throws Error (from the protobuf library) when the envelope cannot be decoded.
 */
export function writesOf(envelope: Uint8Array, namespace: string): KeyWrite[] {
  const { payload, channelHeader } = decodeEnvelope(envelope);
  if (channelHeader.getType() !== common.HeaderType.ENDORSER_TRANSACTION) {
    return [];
  }
  const transaction = peer.Transaction.deserializeBinary(payload.getData_asU8());
  return transaction.getActionsList().flatMap((action) => writesOfAction(action, namespace));
}
