import { CARD_NUMBER_TRANSIENT_KEY, type CardNumberPass } from '@stadspas/chaincode/vocabulary';
import type { ClientIdentity } from '../auth/client-identity';
import { AppError, isAppError } from '../errors/app-error';
import type { ServiceDeps } from './service-deps';

/**
 * The number printed on a pass's card, from its holder's private record; undefined when the holder was erased
 * or recorded before card numbers.
 * @throws {AppError} FORBIDDEN for anyone but the pass's municipality; a ledger code.
 */
export async function cardNumberOf(
  deps: ServiceDeps,
  client: ClientIdentity,
  passId: string,
): Promise<string | undefined> {
  try {
    return (await deps.ledger.evaluate(client, 'passes:GetHolder', { passId })).cardNumber;
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') {
      return undefined;
    }
    throw err;
  }
}

/** The municipalities whose peers may know the card: the caller's own, or every municipality of the scheme. */
async function municipalitiesFor(deps: ServiceDeps, client: ClientIdentity): Promise<string[]> {
  const { organisations } = await deps.ledger.evaluate(client, 'scheme:GetScheme', undefined);
  const municipalities = organisations
    .filter((org) => org.roles.includes('municipality'))
    .map((org) => org.mspId);
  return municipalities.includes(client.mspId) ? [client.mspId] : municipalities;
}

/**
 * The pass a card number names. Only the issuing municipality's peers hold the link, so the question goes to
 * them: the caller's own municipality, or for a venue each municipality in turn until one knows the number
 * (the chaincode answers a venue only for a municipality that allowed it to book by number). The number travels
 * in the transient map.
 * @throws {AppError} UNAVAILABLE when a municipality that might know it did not answer; otherwise NOT_FOUND when
 * no municipality that answered knows the number, FORBIDDEN when none lets the caller ask.
 */
export async function findPassByCardNumber(
  deps: ServiceDeps,
  client: ClientIdentity,
  cardNumber: string,
): Promise<CardNumberPass> {
  const refusals: AppError[] = [];
  for (const municipality of await municipalitiesFor(deps, client)) {
    try {
      return await deps.ledger.evaluate(client, 'passes:FindPassByCardNumber', undefined, {
        transient: { [CARD_NUMBER_TRANSIENT_KEY]: cardNumber },
        evaluatingOrganizations: [municipality],
      });
    } catch (err) {
      if (!isAppError(err)) {
        throw err;
      }
      refusals.push(err);
    }
  }
  // A municipality that did not answer might know the number: only when every one answered is it not found.
  const ranked = ['UNAVAILABLE', 'NOT_FOUND', 'FORBIDDEN'].map((code) =>
    refusals.find((err) => err.code === code),
  );
  throw (
    ranked.find((err) => err !== undefined) ??
    refusals[0] ??
    new AppError('NOT_FOUND', `no municipality issues passes that card number ${cardNumber} could name`)
  );
}
