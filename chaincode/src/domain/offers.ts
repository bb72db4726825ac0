import { accessOf, requireFunderIdentity, schemeOrganisation, type Access } from '../access/roles';
import { fail } from '../errors';
import { nowOf } from '../ledger/clock';
import type { TxContext } from '../ledger/context';
import { emit } from '../ledger/events';
import { KeyType, keys } from '../ledger/keys';
import { readRecord, scan, writeRecord } from '../ledger/store';
import {
  FUNDER_ROLES,
  termsMisfit,
  type CreateOfferRequest,
  type OfferIdRequest,
  type OfferRecord,
  type PassRecord,
  type UpdateOfferRequest,
} from '../vocabulary';
import { getVenue } from './venues';

/**
 * Reads an offer.
 *
 * @throws {ChaincodeError} NOT_FOUND when unknown.
 */
export async function getOffer(ctx: TxContext, offerId: string): Promise<OfferRecord> {
  const offer = await readRecord<OfferRecord>(ctx, keys.offer(offerId));
  return offer ?? fail('NOT_FOUND', `offer ${offerId} does not exist`);
}

/** Every offer (current versions), ordered by id. Open to every organisation. */
export async function listOffers(ctx: TxContext): Promise<OfferRecord[]> {
  return (await scan<OfferRecord>(ctx, KeyType.offer, [])).map((entry) => entry.value);
}

/**
 * Every version of an offer, oldest first.
 *
 * @throws {ChaincodeError} NOT_FOUND when unknown.
 */
export async function getOfferHistory(ctx: TxContext, offerId: string): Promise<OfferRecord[]> {
  await getOffer(ctx, offerId);
  return (await scan<OfferRecord>(ctx, KeyType.offerVersion, [offerId])).map((entry) => entry.value);
}

/**
 * Creates an offer at version 1.
 *
 * @throws {ChaincodeError} FORBIDDEN unless the caller belongs to the funder (a municipality or payer of the
 * scheme); INVALID_ARGUMENT for passIssuers that are no municipalities; ALREADY_EXISTS for a
 * known offerId; NOT_FOUND when an eligible venue is not registered.
 */
export async function createOffer(ctx: TxContext, request: CreateOfferRequest): Promise<OfferRecord> {
  const access = await requireFunder(ctx, request.funderMspId);
  if ((await readRecord(ctx, keys.offer(request.offerId))) !== undefined) {
    fail('ALREADY_EXISTS', `offer ${request.offerId} exists`);
  }
  await requireVenuesRegistered(ctx, request.eligibleVenueIds);
  const at = nowOf(ctx);
  const offer: OfferRecord = {
    ...request,
    passIssuers: passIssuersOf(access, request.funderMspId, request.passIssuers),
    version: 1,
    status: 'active',
    createdAt: at,
    updatedAt: at,
  };
  return saveOffer(ctx, offer, 'OfferCreated');
}

/**
 * Replaces an offer's terms as a new version; earlier versions stay readable.
 *
 * @throws {ChaincodeError} NOT_FOUND for an unknown offer or venue; FORBIDDEN unless the funder;
 * INVALID_STATE_TRANSITION for a retired offer; INVALID_ARGUMENT when the terms do not fit the kind.
 */
export async function updateOffer(ctx: TxContext, request: UpdateOfferRequest): Promise<OfferRecord> {
  const current = await getOffer(ctx, request.offerId);
  const access = await requireFunder(ctx, current.funderMspId);
  requireActive(current);
  const misfit = termsMisfit(current.kind, request);
  if (misfit !== undefined) {
    fail('INVALID_ARGUMENT', misfit);
  }
  await requireVenuesRegistered(ctx, request.eligibleVenueIds);
  const offer: OfferRecord = {
    ...request,
    kind: current.kind,
    funderMspId: current.funderMspId,
    passIssuers: passIssuersOf(access, current.funderMspId, request.passIssuers),
    version: current.version + 1,
    status: 'active',
    createdAt: current.createdAt,
    updatedAt: nowOf(ctx),
  };
  return saveOffer(ctx, offer, 'OfferUpdated');
}

/**
 * Retires an offer: no more redemptions or grants.
 *
 * @throws {ChaincodeError} NOT_FOUND; FORBIDDEN unless the funder; INVALID_STATE_TRANSITION when retired.
 */
export async function retireOffer(ctx: TxContext, request: OfferIdRequest): Promise<OfferRecord> {
  const current = await getOffer(ctx, request.offerId);
  await requireFunder(ctx, current.funderMspId);
  requireActive(current);
  const offer: OfferRecord = {
    ...current,
    status: 'retired',
    version: current.version + 1,
    updatedAt: nowOf(ctx),
  };
  return saveOffer(ctx, offer, 'OfferRetired');
}

/**
 * Requires an identity of the offer's funder, an organisation that may fund.
 *
 * @throws {ChaincodeError} INVALID_ARGUMENT for a funder that funds nothing in the scheme; FORBIDDEN for an
 * identity of another organisation.
 */
async function requireFunder(ctx: TxContext, funderMspId: string): Promise<Access> {
  const funder = schemeOrganisation(await accessOf(ctx), funderMspId);
  if (funder !== undefined && !funder.roles.some((role) => FUNDER_ROLES.includes(role))) {
    fail('INVALID_ARGUMENT', `funderMspId: ${funderMspId} funds nothing in the scheme`);
  }
  return requireFunderIdentity(ctx, funderMspId, 'create or change its offers');
}

/**
 * The municipalities whose passes an offer takes: those asked for, each a municipality of the scheme; by
 * default the funder's own passes when it is a municipality, else every municipality's.
 *
 * @throws {ChaincodeError} INVALID_ARGUMENT for an organisation that is no municipality of the scheme.
 */
function passIssuersOf(access: Access, funderMspId: string, requested: string[] | undefined): string[] {
  const municipalities = (access.scheme?.organisations ?? [])
    .filter((org) => org.roles.includes('municipality'))
    .map((org) => org.mspId);
  if (requested === undefined) {
    return municipalities.includes(funderMspId) ? [funderMspId] : municipalities;
  }
  for (const mspId of requested) {
    if (schemeOrganisation(access, mspId)?.roles.includes('municipality') !== true) {
      fail('INVALID_ARGUMENT', `passIssuers: ${mspId} issues no passes in the scheme`);
    }
  }
  return requested;
}

/** Whether an offer takes a pass: its category and the municipality that issued it. */
export function takesPass(offer: OfferRecord, pass: PassRecord): boolean {
  return (
    offer.eligibleCategories.includes(pass.category) && offer.passIssuers.includes(pass.municipalityMspId)
  );
}

/**
 * Requires an offer that takes the pass.
 *
 * @throws {ChaincodeError} CATEGORY_NOT_ELIGIBLE for a pass outside the offer's categories; ISSUER_NOT_ELIGIBLE
 * for a pass of a municipality whose passes the offer does not take.
 */
export function requireTakesPass(offer: OfferRecord, pass: PassRecord): void {
  if (!offer.eligibleCategories.includes(pass.category)) {
    fail('CATEGORY_NOT_ELIGIBLE', `offer ${offer.offerId} is not for category ${pass.category}`);
  }
  if (!offer.passIssuers.includes(pass.municipalityMspId)) {
    fail('ISSUER_NOT_ELIGIBLE', `offer ${offer.offerId} does not take passes of ${pass.municipalityMspId}`);
  }
}

function requireActive(offer: OfferRecord): void {
  if (offer.status !== 'active') {
    fail('INVALID_STATE_TRANSITION', `offer ${offer.offerId} is retired`);
  }
}

async function requireVenuesRegistered(ctx: TxContext, venueIds: readonly string[]): Promise<void> {
  for (const venueId of venueIds) {
    await getVenue(ctx, venueId);
  }
}

async function saveOffer(
  ctx: TxContext,
  offer: OfferRecord,
  event: 'OfferCreated' | 'OfferUpdated' | 'OfferRetired',
): Promise<OfferRecord> {
  await writeRecord(ctx, keys.offer(offer.offerId), offer);
  await writeRecord(ctx, keys.offerVersion(offer.offerId, offer.version), offer);
  emit(ctx, event, {
    offerId: offer.offerId,
    version: offer.version,
    kind: offer.kind,
    funderMspId: offer.funderMspId,
    at: offer.updatedAt,
  });
  return offer;
}

export { isOfferValidAt } from '../vocabulary';
