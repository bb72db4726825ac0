import type { ClientIdentity } from '../auth/client-identity';
import { isAppError } from '../errors/app-error';
import type { ServiceDeps } from './service-deps';

/** How many erasures run at once after a failed batch. */
const erasuresInFlight = 8;

/**
 * True when a failed transaction may still have been committed: its commit was not confirmed, or the
 * failure was not recognised. Erasing a holder then could erase the holder of an issued pass.
 */
function mayHaveCommitted(err: unknown): boolean {
  return !isAppError(err) || err.code === 'COMMIT_UNKNOWN' || err.code === 'INTERNAL';
}

async function isIssued(deps: ServiceDeps, client: ClientIdentity, passId: string): Promise<boolean> {
  try {
    await deps.ledger.evaluate(client, 'passes:GetPass', { passId });
    return true;
  } catch (err) {
    // Only a pass known to be absent is left to erase; when in doubt the record stays.
    return !(isAppError(err) && err.code === 'NOT_FOUND');
  }
}

/**
 * Erases the holder of a pass that is not issued. A concurrent request for the same pass may have issued it
 * meanwhile (which is why this issue failed); that pass keeps its holder.
 */
async function eraseUnissuedHolder(deps: ServiceDeps, client: ClientIdentity, passId: string): Promise<void> {
  if (!(await isIssued(deps, client, passId))) {
    await deps.ledger.submit(client, 'passes:PurgeHolder', { passId });
  }
}

async function eraseHolders(
  deps: ServiceDeps,
  client: ClientIdentity,
  passIds: readonly string[],
): Promise<void> {
  for (let start = 0; start < passIds.length; start += erasuresInFlight) {
    // A failed erasure leaves that record as it was; the client needs the issue's error, not this one.
    await Promise.allSettled(
      passIds
        .slice(start, start + erasuresInFlight)
        .map((passId) => eraseUnissuedHolder(deps, client, passId)),
    );
  }
}

/**
 * Runs the issue that follows the recording of holders. When it fails for certain, the holders recorded for it
 * whose passes do not exist are erased (the chaincode lets the holder of a pass never issued be erased), so no
 * personal data is left without a pass to reach it by; when its outcome is unknown they are kept, since the
 * passes may exist.
 * @throws whatever the issue threw, after the erasures.
 */
export async function eraseHoldersWhenIssueFails<T>(
  deps: ServiceDeps,
  client: ClientIdentity,
  passIds: readonly string[],
  issue: () => Promise<T>,
): Promise<T> {
  try {
    return await issue();
  } catch (err) {
    if (!mayHaveCommitted(err)) {
      await eraseHolders(deps, client, passIds);
    }
    throw err;
  }
}
