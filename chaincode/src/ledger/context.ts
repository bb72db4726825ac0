import type { ChaincodeStub, ClientIdentity } from 'fabric-shim';

/** The part of Fabric's stub the chaincode uses: the seam the in-memory test ledger implements. */
export type LedgerStub = Pick<
  ChaincodeStub,
  | 'getTxID'
  | 'getDateTimestamp'
  | 'getState'
  | 'putState'
  | 'deleteState'
  | 'createCompositeKey'
  | 'splitCompositeKey'
  | 'getStateByPartialCompositeKey'
  | 'getStateByPartialCompositeKeyWithPagination'
  | 'getHistoryForKey'
  | 'setEvent'
  | 'getTransient'
  | 'getMspID'
  | 'getPrivateData'
  | 'getPrivateDataHash'
  | 'putPrivateData'
  | 'purgePrivateData'
>;

/** The part of Fabric's client identity the access rules read. */
export type CallerIdentity = Pick<ClientIdentity, 'getMSPID' | 'getAttributeValue' | 'getID'>;

/** What every domain function receives; Fabric's `Context` satisfies it. */
export interface TxContext {
  readonly stub: LedgerStub;
  readonly clientIdentity: CallerIdentity;
}
