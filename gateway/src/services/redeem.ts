import { CARD_TRANSIENT_KEY } from '@stadspas/chaincode/vocabulary';
import type { ClientIdentity } from '../auth/client-identity';
import type { TypedSubmitted } from '../ledger/typed-ledger';
import { checkCard } from './check-card';
import type { ServiceDeps } from './service-deps';

/** A redemption as a client asks for it: the pass by its card (`qr`) or, with the permission, its number. */
export interface RedeemInput {
  readonly qr?: string | undefined;
  readonly passId?: string | undefined;
  readonly offerId: string;
  readonly quantity?: number | undefined;
  readonly amountCents?: number | undefined;
}

/**
 * Books one use. A card is checked here first and verified again by the chaincode; a pass number is booked
 * only for a venue the municipality allowed to book by number (the chaincode decides). The idempotency key
 * is the chaincode's request id, so a retry with the same key and content returns the original redemption
 * (`replayed`) and books nothing, whichever peer or attempt it reaches.
 * @throws {AppError} INVALID_QR before any ledger call for a forged payload; the chaincode's codes otherwise
 * (FORBIDDEN for a pass number without the permission).
 */
export async function redeem(
  deps: ServiceDeps,
  client: ClientIdentity,
  idempotencyKey: string,
  input: RedeemInput,
): Promise<TypedSubmitted<'redemptions:Redeem'>> {
  if (input.qr !== undefined) {
    await checkCard(deps, client, input.qr);
  }
  return deps.ledger.submit(
    client,
    'redemptions:Redeem',
    {
      requestId: idempotencyKey,
      ...(input.qr === undefined ? { passId: input.passId } : {}),
      offerId: input.offerId,
      ...(input.quantity === undefined ? {} : { quantity: input.quantity }),
      ...(input.amountCents === undefined ? {} : { amountCents: input.amountCents }),
    },
    // The card is a bearer credential: as transient data it reaches the endorsing peers, and no block.
    input.qr === undefined ? {} : { transient: { [CARD_TRANSIENT_KEY]: input.qr } },
  );
}
