import { common } from '@hyperledger/fabric-protos';
import { parseCompositeKey } from '@stadspas/chaincode/vocabulary';
import { decodeBlock } from '@stadspas/gateway/blocks';
import { booksOf } from '../../src/verify/books';
import { Replay } from '../../src/verify/replay';
import { editMetadata, must, realBlocks } from './fixtures';

function replayed(blocks: readonly common.Block[]): Replay {
  const replay = new Replay('stadspas');
  for (const block of blocks) {
    replay.add(block);
  }
  return replay;
}

/** Marks every transaction of a block with a validation code (11: MVCC read conflict). */
function markInvalid(block: common.Block): void {
  const transactions = must(block.getData()).getDataList().length;
  editMetadata(block, (list) => {
    list[common.BlockMetadataIndex.TRANSACTIONS_FILTER] = new Uint8Array(transactions).fill(11);
  });
}

describe('replaying the writes of valid transactions', () => {
  test('when the real blocks are replayed, then the passes and vouchers they wrote are rebuilt', () => {
    const books = booksOf(replayed(realBlocks()).state);

    expect(books.passes.map((p) => p.passId)).toEqual(['SP-1001', 'SP-1002', 'SP-1003']);
    expect(books.vouchers.map((v) => [v.passId, v.offerId])).toEqual([['SP-1002', 'child-sports']]);
  });

  test('when a transaction was marked invalid, then its writes are not replayed', () => {
    const blocks = realBlocks();
    markInvalid(must(blocks[13]));

    const books = booksOf(replayed(blocks).state);

    expect(books.passes.map((p) => p.passId)).toEqual(['SP-1002', 'SP-1003']);
  });

  test('when a key is written, then the index keys are left out of the books', () => {
    const replay = replayed(realBlocks());

    expect([...replay.state.keys()].some((key) => key.startsWith('\u0000offer~version\u0000'))).toBe(true);
    expect(Object.values(booksOf(replay.state)).flat()).toHaveLength(4);
  });
});

describe('the real block file through the decoder the gateway’s read model and webhooks use', () => {
  test('when the block that issued a pass is decoded, then its writes and its event come out as the read model reads them', () => {
    const decoded = decodeBlock(must(realBlocks()[13]), 'stadspas');

    expect(decoded.blockNumber).toBe(13n);
    expect(decoded.transactions).toHaveLength(1);
    const [issued] = decoded.transactions;
    expect(issued?.event?.eventName).toBe('PassIssued');
    expect(issued?.writes.map((w) => parseCompositeKey(w.key))).toContainEqual({
      type: 'pass',
      attributes: ['SP-1001'],
    });
  });
});
