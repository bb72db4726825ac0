import { fail } from '../errors';
import type { TxContext } from '../ledger/context';
import { keys } from '../ledger/keys';
import { readPrivateHash } from '../ledger/store';

/**
 * The hex hash of the holder record recorded for a pass that is about to be issued. Fabric computes
 * it from the stored (salted) record, so the public pass carries proof of its holder without the
 * personal data, and no client-computed hash has to be trusted.
 *
 * @throws {ChaincodeError} NOT_FOUND when no holder is recorded for the pass.
 */
export async function recordedHolderHash(
  ctx: TxContext,
  collection: string,
  passId: string,
): Promise<string> {
  const hash = await readPrivateHash(ctx, collection, keys.holder(passId));
  return (
    hash ??
    fail('NOT_FOUND', `no holder recorded for pass ${passId}: record the holder (passes:RecordHolder) first`)
  );
}
