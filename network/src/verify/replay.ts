import { common } from '@hyperledger/fabric-protos';
import { validationCounts } from './chain-check';
import { envelopesOf, metadataBytes } from './envelopes';
import { decodeTransaction, type KeyWrite } from '@stadspas/gateway/blocks';

/** A transaction whose writes could not be read. */
export interface ReplayProblem {
  readonly block: number;
  readonly transaction: number;
  readonly message: string;
}

/**
 * Rebuilds a chaincode's public world state by applying, in block order, the writes of every transaction the
 * peers marked valid (TRANSACTIONS_FILTER code 0); invalid transactions changed nothing.
 */
export class Replay {
  readonly state = new Map<string, Uint8Array>();
  readonly problems: ReplayProblem[] = [];
  #transactions = 0;

  constructor(readonly namespace: string) {}

  /** Applies a block's valid transactions. Never throws: an unreadable transaction is recorded as a problem. */
  add(block: common.Block): void {
    const flags = metadataBytes(block, common.BlockMetadataIndex.TRANSACTIONS_FILTER);
    const number = block.getHeader()?.getNumber() ?? -1;
    envelopesOf(block).forEach((envelope, index) => {
      if (flags[index] !== 0) {
        return;
      }
      try {
        this.#apply(decodeTransaction(envelope, this.namespace)?.writes ?? []);
      } catch (error) {
        this.problems.push({ block: number, transaction: index, message: String(error) });
      }
    });
    this.#transactions += validationCounts(block).valid;
  }

  /** Valid transactions seen. */
  get transactions(): number {
    return this.#transactions;
  }

  #apply(writes: readonly KeyWrite[]): void {
    for (const write of writes) {
      if (write.isDelete) {
        this.state.delete(write.key);
      } else {
        this.state.set(write.key, write.value);
      }
    }
  }
}
