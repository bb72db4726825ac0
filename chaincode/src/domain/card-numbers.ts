import { createHmac } from 'node:crypto';
import { isVenue } from '../access/caller';
import { accessOf, isMunicipality, schemeOrganisation, type Access } from '../access/roles';
import { fail } from '../errors';
import type { TxContext } from '../ledger/context';
import { keys } from '../ledger/keys';
import { purgePrivate, readPrivate, writePrivate } from '../ledger/store';
import { parseValue } from '../validation/parse-request';
import {
  CARD_NUMBER_SECRET_TRANSIENT_KEY,
  CARD_NUMBER_TRANSIENT_KEY,
  cardNumberSecret,
  cardNumberTransient,
  type CardNumberPass,
} from '../vocabulary';
import { mayBookByNumber } from './book-by-number';
import { currentPassOf } from './pass-replacement';
import { requireOwnVenue } from './venue-caller';

// The number printed on a card is known to anyone who sees the card, so the shared ledger never holds it: passes
// are there under a pseudonym (their passId). The issuing municipality's private collection keeps the link, as an
// index keyed by the number's HMAC under a secret of that collection: Fabric writes the hash of each private key
// to every peer, and the hash of a bare card number would be found by trying them all.

interface IndexSecret {
  readonly secret: string;
}

interface IndexEntry {
  readonly passId: string;
}

function transientText(ctx: TxContext, key: string): string | undefined {
  const bytes = ctx.stub.getTransient().get(key);
  return bytes === undefined ? undefined : Buffer.from(bytes).toString('utf8');
}

function digestOf(secret: string, cardNumber: string): string {
  return createHmac('sha256', Buffer.from(secret, 'hex')).update(cardNumber).digest('hex');
}

async function storedSecret(ctx: TxContext, collection: string): Promise<string | undefined> {
  return (await readPrivate<IndexSecret>(ctx, collection, keys.cardNumberSecret()))?.secret;
}

/**
 * The secret of the collection's card number index; the first call stores the one the transaction brings.
 * Call once per transaction: a transaction does not read its own writes.
 *
 * @throws {ChaincodeError} INVALID_ARGUMENT when there is none yet and the transaction brings none.
 */
export async function cardNumberIndexSecret(ctx: TxContext, collection: string): Promise<string> {
  const stored = await storedSecret(ctx, collection);
  if (stored !== undefined) {
    return stored;
  }
  const brought = transientText(ctx, CARD_NUMBER_SECRET_TRANSIENT_KEY);
  if (brought === undefined) {
    return fail(
      'INVALID_ARGUMENT',
      `the first holder of a municipality brings the secret of its card number index in transient "${CARD_NUMBER_SECRET_TRANSIENT_KEY}"`,
    );
  }
  const secret = parseValue(cardNumberSecret, brought, `transient "${CARD_NUMBER_SECRET_TRANSIENT_KEY}"`);
  await writePrivate(ctx, collection, keys.cardNumberSecret(), { secret } satisfies IndexSecret);
  return secret;
}

/**
 * Points a card number at a pass in the collection's index, and drops the number the pass had before.
 *
 * @throws {ChaincodeError} ALREADY_EXISTS when the number belongs to another pass.
 */
export async function indexCardNumber(
  ctx: TxContext,
  collection: string,
  secret: string,
  entry: { passId: string; cardNumber: string; previousCardNumber: string | undefined },
): Promise<void> {
  const key = keys.cardNumber(digestOf(secret, entry.cardNumber));
  const holder = await readPrivate<IndexEntry>(ctx, collection, key);
  if (holder !== undefined && holder.passId !== entry.passId) {
    fail('ALREADY_EXISTS', `card number ${entry.cardNumber} belongs to another pass`);
  }
  if (entry.previousCardNumber !== undefined && entry.previousCardNumber !== entry.cardNumber) {
    await dropCardNumber(ctx, collection, entry.previousCardNumber);
  }
  await writePrivate(ctx, collection, key, { passId: entry.passId } satisfies IndexEntry);
}

/** Erases a card number from the collection's index, with its past versions. */
export async function dropCardNumber(ctx: TxContext, collection: string, cardNumber: string): Promise<void> {
  const secret = await storedSecret(ctx, collection);
  const key = secret === undefined ? undefined : keys.cardNumber(digestOf(secret, cardNumber));
  if (key !== undefined && (await readPrivate(ctx, collection, key)) !== undefined) {
    await purgePrivate(ctx, collection, key);
  }
}

/**
 * Whether the caller may learn which pass a card number names: the municipality's own identities, and a venue
 * the municipality allowed to book its passes by number.
 */
async function mayLookUp(ctx: TxContext, access: Access, municipalityMspId: string): Promise<boolean> {
  if (isMunicipality(access)) {
    return access.caller.mspId === municipalityMspId;
  }
  if (!isVenue(access.caller)) {
    return false;
  }
  const { caller } = await requireOwnVenue(ctx);
  return mayBookByNumber(ctx, caller.venueId, municipalityMspId);
}

/**
 * The pass that now answers to the card number in the transient map (the end of its replacement chain), looked
 * up in the private collection of the municipality whose peer runs this: no other peer holds the link.
 *
 * @throws {ChaincodeError} FORBIDDEN on a peer of an organisation that issues no passes, for a caller other
 * than that municipality or a venue it allowed to book by number; INVALID_ARGUMENT without a well-formed card
 * number; NOT_FOUND for a number no pass of the municipality has.
 */
export async function findPassByCardNumber(ctx: TxContext): Promise<CardNumberPass> {
  const access = await accessOf(ctx);
  const peerMspId = ctx.stub.getMspID();
  const collection = schemeOrganisation(access, peerMspId)?.personalDataCollection;
  if (collection === undefined) {
    return fail(
      'FORBIDDEN',
      `card numbers are looked up on a peer of the municipality that issued the card, not of ${peerMspId}`,
    );
  }
  if (!(await mayLookUp(ctx, access, peerMspId))) {
    return fail(
      'FORBIDDEN',
      `only ${peerMspId} and the venues it allowed to book by number look up its card numbers`,
    );
  }
  const text = transientText(ctx, CARD_NUMBER_TRANSIENT_KEY);
  if (text === undefined) {
    return fail(
      'INVALID_ARGUMENT',
      `the card number travels in the transient map under "${CARD_NUMBER_TRANSIENT_KEY}"`,
    );
  }
  const cardNumber = parseValue(cardNumberTransient, text, `transient "${CARD_NUMBER_TRANSIENT_KEY}"`);
  const secret = await storedSecret(ctx, collection);
  const entry =
    secret === undefined
      ? undefined
      : await readPrivate<IndexEntry>(ctx, collection, keys.cardNumber(digestOf(secret, cardNumber)));
  if (entry === undefined) {
    return fail('NOT_FOUND', `no pass of ${peerMspId} has card number ${cardNumber}`);
  }
  return { passId: (await currentPassOf(ctx, entry.passId)).passId };
}
