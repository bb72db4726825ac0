import type { common } from '@hyperledger/fabric-protos';
import pino from 'pino';
import { startBlockListener } from '../src/read-model/block-listener';
import type { BlockSource, BlockStream } from '../src/read-model/block-source';
import type { DecodedBlock } from '../src/read-model/block-transactions';
import type { BlockConsumer } from '../src/read-model/read-model';
import { makeBlock } from './support/blocks';

/** A channel of `height` blocks whose first stream breaks after `breakAfter` blocks. */
function fakeSource(height: number, breakAfter: number): BlockSource & { starts: bigint[] } {
  const starts: bigint[] = [];
  return {
    starts,
    blocks: (startBlock) => {
      starts.push(startBlock);
      const first = starts.length === 1;
      let closed: () => void = () => undefined;
      const closing = new Promise<void>((resolve) => {
        closed = resolve;
      });
      async function* blocks(): AsyncGenerator<common.Block> {
        for (let n = Number(startBlock); n < height; n += 1) {
          if (first && n === Number(startBlock) + breakAfter) {
            throw new Error('peer went away');
          }
          yield makeBlock(n, [{ txId: `tx-${String(n)}` }]);
        }
        await closing; // the head: wait for blocks to come until closed
      }
      const stream: BlockStream = { close: closed, [Symbol.asyncIterator]: blocks };
      return Promise.resolve(stream);
    },
    close: () => undefined,
  };
}

function consumerFrom(start: bigint): BlockConsumer & { applied: bigint[] } {
  let next = start;
  const applied: bigint[] = [];
  return {
    applied,
    nextBlock: () => next,
    applyBlock: (block: DecodedBlock) => {
      applied.push(block.blockNumber);
      next = block.blockNumber + 1n;
    },
  };
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) {
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('the block listener', () => {
  it('when the stream breaks, then it reconnects from the lowest checkpoint and each consumer applies each block once', async () => {
    const source = fakeSource(6, 2);
    const behind = consumerFrom(0n);
    const ahead = consumerFrom(3n);
    const listener = startBlockListener({
      source,
      chaincode: 'stadspas',
      consumers: [behind, ahead],
      logger: pino({ level: 'silent' }),
      retryMs: 1,
    });

    await until(() => behind.nextBlock() === 6n && ahead.nextBlock() === 6n);
    await listener.stop();

    expect(source.starts).toEqual([0n, 2n]);
    expect(behind.applied).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
    expect(ahead.applied).toEqual([3n, 4n, 5n]);
  });
});
