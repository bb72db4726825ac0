import { CARD_TRANSIENT_KEY } from '@stadspas/chaincode/vocabulary';
import type { ClientIdentity } from '../auth/client-identity';
import type { TypedSubmitted } from '../ledger/typed-ledger';
import { findPassByCardNumber } from './card-numbers';
import { checkCard } from './check-card';
import type { ServiceDeps } from './service-deps';

/**
 * A redemption as a client asks for it: the pass by its card (`qr`) or, with the permission, the number printed on
 * the card or the pass's id.
 */
export interface RedeemInput {
  readonly qr?: string | undefined;
  readonly cardNumber?: string | undefined;
  readonly passId?: string | undefined;
  readonly offerId: string;
  readonly quantity?: number | undefined;
  readonly amountCents?: number | undefined;
  /** When an offline counter made the booking: the code is judged at that time. */
  readonly offlineAt?: string | undefined;
}

/**
 * Books one use. A card is checked here first and verified again by the chaincode; a card number is first
 * looked up on the issuing municipality's peer; a pass by number is booked only for a venue the municipality
 * allowed to book by number (the chaincode decides, both for the lookup and the booking). The idempotency key
 * is the chaincode's request id, so a retry with the same key and content returns the original redemption
 * (`replayed`) and books nothing, whichever peer or attempt it reaches.
 * @throws {AppError} INVALID_QR before any ledger call for a forged payload; the chaincode's codes otherwise
 * (FORBIDDEN for a pass or card number without the permission, NOT_FOUND for a card number no pass has).
 */
export async function redeem(
  deps: ServiceDeps,
  client: ClientIdentity,
  idempotencyKey: string,
  input: RedeemInput,
): Promise<TypedSubmitted<'redemptions:Redeem'>> {
  if (input.qr !== undefined) {
    await checkCard(deps, client, input.qr, input.offlineAt);
  }
  const passId =
    input.cardNumber === undefined
      ? input.passId
      : (await findPassByCardNumber(deps, client, input.cardNumber)).passId;
  return deps.ledger.submit(
    client,
    'redemptions:Redeem',
    {
      requestId: idempotencyKey,
      ...(input.qr === undefined ? { passId } : {}),
      offerId: input.offerId,
      ...(input.quantity === undefined ? {} : { quantity: input.quantity }),
      ...(input.amountCents === undefined ? {} : { amountCents: input.amountCents }),
      ...(input.offlineAt === undefined ? {} : { offlineAt: input.offlineAt }),
    },
    // The card is a bearer credential: as transient data it reaches the endorsing peers, and no block.
    input.qr === undefined ? {} : { transient: { [CARD_TRANSIENT_KEY]: input.qr } },
  );
}
