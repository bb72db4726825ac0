import type { common } from '@hyperledger/fabric-protos';

/** Blocks of the channel in order, until closed. */
export interface BlockStream extends AsyncIterable<common.Block> {
  close(): void;
}

/** Where a block listener reads blocks from: the narrow seam a test double implements. */
export interface BlockSource {
  /**
   * The channel's blocks from `startBlock` on, including those still to come.
   * @throws Error when no peer can be reached.
   */
  blocks(startBlock: bigint): Promise<BlockStream>;
  /** Releases connections. */
  close(): void;
}
