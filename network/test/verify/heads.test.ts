import { common } from '@hyperledger/fabric-protos';
import { blockHeaderHash, headerFields } from '../../src/verify/block-hash';
import { compareHead } from '../../src/verify/heads';
import type { PeerSession } from '../../src/verify/peer-session';
import { headerOf, realBlocks } from './fixtures';

const blocks = realBlocks();
const ours = blocks.map((block) => blockHeaderHash(headerFields(headerOf(block))).toString('hex'));

/** A block whose header differs from the real one of that number (another previous hash). */
function forked(number: number): common.Block {
  const header = new common.BlockHeader();
  header.setNumber(number);
  header.setPreviousHash(Buffer.alloc(32, 7));
  const block = new common.Block();
  block.setHeader(header);
  return block;
}

/** A peer holding the real blocks, except that its chain forks from `forkAt` on. */
function peerWith(height: number, forkAt = Infinity): PeerSession {
  const blockAt = (n: number): common.Block => (n >= forkAt ? forked(n) : (blocks[n] ?? forked(n)));
  return {
    chainInfo: () =>
      Promise.resolve({
        height,
        currentBlockHash: blockHeaderHash(headerFields(headerOf(blockAt(height - 1)))),
      }),
    block: (n) => Promise.resolve(blockAt(n)),
    blocks: () => {
      throw new Error('not used');
    },
    query: () => Promise.reject(new Error('not used')),
    close: () => undefined,
  };
}

describe('comparing the chain head with another peer', () => {
  test('when the other peer holds the same blocks, then no block is named', async () => {
    expect(await compareHead('svb', peerWith(19), ours)).toEqual({ org: 'svb', height: 19 });
  });

  test('when the other peer is behind on the same chain, then no block is named', async () => {
    expect(await compareHead('svb', peerWith(12), ours)).toEqual({ org: 'svb', height: 12 });
  });

  test('when the other peer forked, then the first block that differs is named', async () => {
    const result = await compareHead('svb', peerWith(19, 11), ours);

    expect(result).toEqual({ org: 'svb', height: 19, firstDifferentBlock: 11 });
  });

  test('when the other peer does not answer, then it is reported unreachable', async () => {
    const silent = {
      ...peerWith(19),
      chainInfo: () => Promise.reject(new Error('14 UNAVAILABLE: no connection')),
    };

    expect(await compareHead('svb', silent, ours)).toEqual({
      org: 'svb',
      unreachable: '14 UNAVAILABLE: no connection',
    });
  });
});
