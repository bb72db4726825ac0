import { CARD_TRANSIENT_KEY, type ScanView } from '@stadspas/chaincode/vocabulary';
import type { ClientIdentity } from '../auth/client-identity';
import { checkCard } from './check-card';
import type { ServiceDeps } from './service-deps';

/** What a scanner shows: the pass's state and what this venue may book on it now. */
export type ScanResult = ScanView;

/**
 * Scans a card: refuses a forged payload here first, then asks the chaincode, which gets the card as transient
 * data (never an argument, which a block would keep), verifies it and answers only what the caller may see (a
 * venue: the vouchers it may book now).
 * @throws {AppError} INVALID_QR for a forged or altered payload; NOT_FOUND for an unknown pass; FORBIDDEN for
 * callers other than the municipality and venues.
 */
export async function scanPass(deps: ServiceDeps, client: ClientIdentity, qr: string): Promise<ScanResult> {
  await checkCard(deps, client, qr);
  return deps.ledger.evaluate(client, 'redemptions:Scan', undefined, {
    transient: { [CARD_TRANSIENT_KEY]: qr },
  });
}
