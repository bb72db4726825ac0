import { blockHeaderHash, headerFields } from './block-hash';
import type { PeerSession } from './peer-session';

/** How another organisation's peer compares with the chain read from our own. */
export interface HeadComparison {
  readonly org: string;
  /** Its channel height, when it answered. */
  readonly height?: number;
  /** The lowest block whose header hash differs from ours (undefined when they agree up to the lower head). */
  readonly firstDifferentBlock?: number;
  /** Why it could not be compared (unreachable, refused). */
  readonly unreachable?: string;
}

async function hashOn(peer: PeerSession, number: number): Promise<string> {
  const header = (await peer.block(number)).getHeader();
  return header === undefined ? '' : blockHeaderHash(headerFields(header)).toString('hex');
}

/** The lowest block in [0, last] where the peer's hash differs, knowing it differs at `last`. */
async function firstDifference(peer: PeerSession, ours: readonly string[], last: number): Promise<number> {
  let low = 0;
  let high = last;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if ((await hashOn(peer, middle)) === ours[middle]) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

/**
 * Compares another peer's chain with ours (the header hash of every block we read, in order): its height, and
 * the hash of the block at the lower of the two heads; where that differs, the first block that differs.
 * Never throws: a peer that does not answer is reported as unreachable.
 */
export async function compareHead(
  org: string,
  peer: PeerSession,
  ours: readonly string[],
): Promise<HeadComparison> {
  try {
    const info = await peer.chainInfo();
    const shared = Math.min(info.height, ours.length);
    if (shared === 0) {
      return { org, height: info.height };
    }
    const last = shared - 1;
    const theirs = info.height === shared ? info.currentBlockHash.toString('hex') : await hashOn(peer, last);
    if (theirs === ours[last]) {
      return { org, height: info.height };
    }
    return { org, height: info.height, firstDifferentBlock: await firstDifference(peer, ours, last) };
  } catch (error) {
    return {
      org,
      unreachable: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
    };
  }
}
