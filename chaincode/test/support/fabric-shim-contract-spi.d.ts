// fabric-shim ships no types for its contract introspection; the metadata test needs this much.
declare module 'fabric-shim/lib/contract-spi/chaincodefromcontract' {
  interface TransactionMetadata {
    name: string;
    tag: string[];
    parameters: { name: string; schema: { type: string } }[];
    returns?: { type: string };
  }

  class ChaincodeFromContract {
    constructor(classes: unknown[], serializers: unknown, metadata: object, title: string, version: string);
    metadata: { contracts: Record<string, { transactions: TransactionMetadata[] }> };
  }

  export = ChaincodeFromContract;
}
