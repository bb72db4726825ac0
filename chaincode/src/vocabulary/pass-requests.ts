import { z } from 'zod';
import { endTimestamp, id, inTimeOrder, int, periodKey, reason, slug, timestamp } from './fields';
import { LIMITS } from './limits';
import { personalData } from './personal-data';

export const passId = id('SP-0001');

/** The fields of a pass to issue, for schemas that compose them (the gateway's adds personal data). */
export const issuePassFields = z.strictObject({
  passId,
  category: slug('adult'),
  validFrom: timestamp,
  validUntil: endTimestamp,
  /** Pseudonymous holder reference, kept by replacement passes. */
  holderRef: id('holder-5f0c2a'),
});

/** Adds the rules of one pass to a schema composed of its fields. */
export function issuePassRules<S extends z.ZodObject>(schema: S): S {
  return inTimeOrder(schema, 'validFrom', 'validUntil');
}

export const issuePassRequest = issuePassRules(issuePassFields);
export type IssuePassRequest = z.infer<typeof issuePassRequest>;

/** Refuses a batch whose items name one pass twice. */
export function distinctPassIds<T extends z.ZodType<readonly { passId: string }[]>>(list: T): T {
  return list.refine((items) => new Set(items.map((item) => item.passId)).size === items.length, {
    error: 'holds a passId twice',
  });
}

export const issuePassesRequest = z.strictObject({
  passes: distinctPassIds(z.array(issuePassRequest).min(1).max(LIMITS.maxBatchPasses)),
});
export type IssuePassesRequest = z.infer<typeof issuePassesRequest>;

export const passIdRequest = z.strictObject({ passId });
export type PassIdRequest = z.infer<typeof passIdRequest>;

export const blockPassRequest = z.strictObject({ passId, reason });
export type BlockPassRequest = z.infer<typeof blockPassRequest>;

export const replacePassRequest = z
  .strictObject({ passId, newPassId: id('SP-0002') })
  .refine((request) => request.passId !== request.newPassId, {
    error: 'must differ from passId',
    path: ['newPassId'],
  });
export type ReplacePassRequest = z.infer<typeof replacePassRequest>;

export const renewPassRequest = z.strictObject({ passId, validUntil: endTimestamp });
export type RenewPassRequest = z.infer<typeof renewPassRequest>;

/** The salt of a private holder record, so the hash the shared ledger keeps of it cannot be guessed. */
export const holderSalt = z
  .string()
  .regex(/^[A-Za-z0-9+/=_-]{16,128}$/, 'must be 16 to 128 base64 or hex characters');

/**
 * The number printed on a card, for the desk and for booking by number: 6 to 20 digits or capital letters. It is
 * known outside the municipality, so it never reaches the shared ledger: the pass there has a pseudonym (its
 * `passId`), and only the municipality's private collection links the two.
 */
export const cardNumber = z
  .string()
  .regex(/^[0-9A-Z]{6,20}$/, 'must be 6 to 20 digits or capital letters')
  .meta({ example: '600100012345' });

/** A card number in the transient map of `passes:FindPassByCardNumber`. */
export const cardNumberTransient = cardNumber;

/** The secret of a municipality's card number index, sent with holders (see CARD_NUMBER_SECRET_TRANSIENT_KEY). */
export const cardNumberSecret = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits');

/**
 * The transient value under key `holder` of `passes:RecordHolder`, and each item of the list under
 * key `holders` of `passes:RecordHolders` (never a normal argument). Recorded before the pass is
 * issued; `passes:IssuePass` refuses a pass whose holder was not recorded.
 */
export const holderTransient = z
  .strictObject({
    passId,
    salt: holderSalt,
    cardNumber,
    personalData,
  })
  .refine((holder) => holder.cardNumber !== holder.passId, {
    error: 'must differ from passId: the pass is on the shared ledger under a pseudonym, not its card number',
    path: ['cardNumber'],
  });
export type HolderTransient = z.infer<typeof holderTransient>;

/** The transient list of `passes:RecordHolders`: at most one batch of passes, each pass once. */
export const holdersTransient = distinctPassIds(
  z.array(holderTransient).min(1).max(LIMITS.maxBatchPasses),
).refine((holders) => new Set(holders.map((holder) => holder.cardNumber)).size === holders.length, {
  error: 'holds a cardNumber twice',
});

export const grantVoucherRequest = z
  .strictObject({
    /** Chosen by the granter: the same grant sent again under it grants once. */
    requestId: id('grant-2026-0001'),
    passId,
    offerId: id('child-sports-2026'),
    /** Defaults to the period of the transaction time. */
    periodKey: periodKey.optional(),
    /** Entries (entries offers) or cents (budget offers). */
    amount: int(1, LIMITS.maxAmountCents).meta({ example: 15000 }),
  })
  .meta({ description: 'Entries for entries offers, cents for budget offers.' });
export type GrantVoucherRequest = z.infer<typeof grantVoucherRequest>;

/** A pass's opening balance on one offer and period, as the system it comes from counted it. */
export const openingBalance = z.strictObject({
  offerId: id('child-sports-2026'),
  periodKey,
  /** What was granted individually (entries or cents). */
  granted: int(0, LIMITS.maxAmountCents).meta({ example: 0 }),
  /** What was used already this period, in the offer's unit (discount offers: the discount given, in cents). */
  used: int(0, LIMITS.maxAmountCents).meta({ example: 2500 }),
  /** Bookings so far in the period, for an offer with discount tiers. */
  bookings: int(0, LIMITS.maxAmountCents).optional(),
});
export type OpeningBalance = z.infer<typeof openingBalance>;

const MAX_OPENING_BALANCES = 50;

/** One pass carried over from another system, with its opening balances. */
export const importPassFields = issuePassFields.extend({
  status: z.enum(['active', 'blocked']).default('active'),
  blockedReason: reason.optional(),
  /** When the other system issued it; default the import's time. */
  issuedAt: timestamp.optional(),
  /** The holder's personal data was erased before the move: the pass comes without a holder record. */
  holderErased: z.literal(true).optional(),
  openingBalances: z.array(openingBalance).max(MAX_OPENING_BALANCES).default([]),
});
export const importPassItem = issuePassRules(importPassFields);
export type ImportPassItem = z.infer<typeof importPassItem>;

export const importPassesRequest = z
  .strictObject({
    passes: distinctPassIds(z.array(importPassItem).min(1).max(LIMITS.maxBatchPasses)),
  })
  .meta({
    id: 'ImportPasses',
    description:
      'Passes carried over from another system with their opening balances: a new pass needs its holder recorded ' +
      'first (passes:RecordHolders) unless holderErased; a pass already here takes its new balances only while it ' +
      'has no booking.',
  });
export type ImportPassesRequest = z.infer<typeof importPassesRequest>;
