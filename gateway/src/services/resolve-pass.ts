import type { ClientIdentity } from '../auth/client-identity';
import { AppError } from '../errors/app-error';
import type { ServiceDeps } from './service-deps';

/** A pass named by its scanned QR payload or by its id. */
export interface PassReference {
  readonly qr?: string | undefined;
  readonly passId?: string | undefined;
}

/**
 * The pass id of a reference. A QR payload is verified against the ledger's published keys before anything
 * else is asked of the ledger about the pass.
 * @throws {AppError} INVALID_QR for a forged or altered payload; INVALID_ARGUMENT when neither is given.
 */
export async function resolvePassId(
  deps: ServiceDeps,
  client: ClientIdentity,
  reference: PassReference,
): Promise<string> {
  if (reference.qr !== undefined) {
    return deps.qrVerifier.verify(reference.qr, () =>
      deps.ledger.evaluate(client, 'config:ListQrKeys', undefined),
    );
  }
  if (reference.passId !== undefined) {
    return reference.passId;
  }
  throw new AppError('INVALID_ARGUMENT', 'give a qr payload or a passId');
}
