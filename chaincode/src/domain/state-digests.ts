import { callerOf } from '../access/caller';
import { fail } from '../errors';
import type { TxContext } from '../ledger/context';
import { digestPage } from '../ledger/store';
import type { ListStateDigestsRequest, Page, StateDigest } from '../vocabulary';

/**
 * One page of the public world state of one key type, each key with the SHA-256 of its value: `verify` compares
 * its replay of the blocks with this, key by key. It shows nothing an organisation's own blocks do not already
 * hold (every public write is in every block), and only digests of it. Any organisation's admin may ask.
 *
 * @throws {ChaincodeError} FORBIDDEN unless an admin; INVALID_ARGUMENT for a bookmark of another list.
 */
export async function listStateDigests(
  ctx: TxContext,
  request: ListStateDigestsRequest,
): Promise<Page<StateDigest>> {
  if (callerOf(ctx).role !== 'admin') {
    fail('FORBIDDEN', "the world state's digests are for an organisation's admin");
  }
  const page = await digestPage(ctx, request.keyType, request.pageSize, request.bookmark);
  return { items: page.entries, bookmark: page.bookmark, fetchedCount: page.fetchedCount };
}
