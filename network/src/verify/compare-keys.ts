import { createHash } from 'node:crypto';
import { KEY_TYPE_NAMES, type Page, type StateDigest } from '@stadspas/chaincode/vocabulary';
import type { Query } from './compare-state';

/** A key on which the replay of the blocks and the peer's world state disagree. */
export interface KeyMismatch {
  readonly code: 'STATE_MISMATCH';
  readonly record: string;
  readonly message: string;
  /** The composite key as stored. */
  readonly key: string;
}

/** What comparing every replayed key with the peer's world state found. */
export interface KeyComparison {
  readonly keysCompared: number;
  readonly mismatches: readonly KeyMismatch[];
}

/** A composite key made readable: `type/attr/attr`. Never throws. */
export function readableKey(key: string): string {
  return key.split('\u0000').filter(Boolean).join('/');
}

/** Every key and the SHA-256 of its value that the peer's chaincode holds, of every key type. */
async function peerDigests(query: Query): Promise<Map<string, string>> {
  const digests = new Map<string, string>();
  for (const keyType of KEY_TYPE_NAMES) {
    let bookmark = '';
    do {
      const page = (await query('config:ListStateDigests', { keyType, bookmark })) as Page<StateDigest>;
      for (const { key, sha256 } of page.items) {
        digests.set(key, sha256);
      }
      bookmark = page.items.length === 0 ? '' : page.bookmark;
    } while (bookmark !== '');
  }
  return digests;
}

/**
 * Compares every key of the replayed world state with what the peer holds, by the SHA-256 of each value, both
 * ways: a key the blocks wrote that the peer lacks or holds otherwise, and a key the peer holds that no valid
 * transaction wrote, are each a mismatch.
 * @throws Error from the query (the peer is unreachable, the chaincode refuses or fails).
 */
export async function compareKeys(
  replayed: ReadonlyMap<string, Uint8Array>,
  query: Query,
): Promise<KeyComparison> {
  const held = await peerDigests(query);
  const mismatches: KeyMismatch[] = [];
  const mismatch = (key: string, message: string): void => {
    mismatches.push({ code: 'STATE_MISMATCH', record: `key ${readableKey(key)}`, message, key });
  };
  for (const [key, value] of replayed) {
    const digest = held.get(key);
    if (digest === undefined) {
      mismatch(key, 'written by the blocks, missing on the peer');
    } else if (digest !== createHash('sha256').update(value).digest('hex')) {
      mismatch(key, 'the peer holds another value than the blocks wrote');
    }
  }
  for (const key of held.keys()) {
    if (!replayed.has(key)) {
      mismatch(key, 'held by the peer, written by no valid transaction');
    }
  }
  return { keysCompared: replayed.size, mismatches };
}
