import type { ClientIdentity } from '../auth/client-identity';
import type { TypedSubmitted } from '../ledger/typed-ledger';
import { resolvePassId, type PassReference } from './resolve-pass';
import type { ServiceDeps } from './service-deps';

/** A redemption as a client asks for it. */
export interface RedeemInput extends PassReference {
  readonly offerId: string;
  readonly quantity?: number | undefined;
  readonly amountCents?: number | undefined;
}

/**
 * Books one use. The idempotency key is the chaincode's request id, so a retry with the same key and content
 * returns the original redemption (`replayed`) and books nothing, whichever peer or attempt it reaches.
 * @throws {AppError} INVALID_QR before any ledger call for a forged payload; the chaincode's codes otherwise.
 */
export async function redeem(
  deps: ServiceDeps,
  client: ClientIdentity,
  idempotencyKey: string,
  input: RedeemInput,
): Promise<TypedSubmitted<'redemptions:Redeem'>> {
  const passId = await resolvePassId(deps, client, input);
  return deps.ledger.submit(client, 'redemptions:Redeem', {
    requestId: idempotencyKey,
    passId,
    offerId: input.offerId,
    ...(input.quantity === undefined ? {} : { quantity: input.quantity }),
    ...(input.amountCents === undefined ? {} : { amountCents: input.amountCents }),
  });
}
