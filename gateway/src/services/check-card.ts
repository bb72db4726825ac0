import type { ClientIdentity } from '../auth/client-identity';
import type { ServiceDeps } from './service-deps';

/**
 * Refuses a forged or altered card before anything is asked of the ledger about its pass: the payload is
 * checked against the ledger's published keys (cached). The chaincode verifies the card again itself.
 * @returns the pass id the card carries.
 * @throws {AppError} INVALID_QR for a payload that is not a genuine card; UNAVAILABLE when the keys cannot
 * be read.
 */
export function checkCard(deps: ServiceDeps, client: ClientIdentity, qr: string): Promise<string> {
  return deps.qrVerifier.verify(qr, () => deps.ledger.evaluate(client, 'config:ListQrKeys', undefined));
}
