import { isValidBIC, isValidIBAN } from 'ibantools';
import { z } from 'zod';
import {
  DATE_PATTERN,
  ID_PATTERN,
  LIMITS,
  MSP_ID_PATTERN,
  PERIOD_KEY_PATTERN,
  SLUG_PATTERN,
  TIMESTAMP_PATTERN,
} from './limits';
import { text } from './text';

// One schema per kind of field. The chaincode parses its arguments with them and the gateway builds
// its request schemas and its OpenAPI document from them, so both sides accept the same values.

/** An identifier (see ID_PATTERN), with an example for the documentation. */
export function id(example: string): z.ZodString {
  return z
    .string()
    .regex(ID_PATTERN, 'must be an identifier of 1-64 letters, digits, ".", "_" or "-"')
    .meta({ example });
}

/** A lower-case slug (see SLUG_PATTERN), with an example for the documentation. */
export function slug(example: string): z.ZodString {
  return z
    .string()
    .regex(SLUG_PATTERN, 'must be a lower-case slug of at most 32 characters')
    .meta({ example });
}

/** Free text such as a name, address or payment reference. */
export const name = text(LIMITS.maxNameLength);

/** A reason given for blocking, suspending or rejecting. */
export const reason = text(LIMITS.maxReasonLength).meta({ example: 'card reported lost' });

// Only called on values that matched TIMESTAMP_PATTERN; anything else is left for that check to refuse.
function toMilliseconds(value: string): string {
  return TIMESTAMP_PATTERN.test(value) ? new Date(value).toISOString() : value;
}

/**
 * An ISO-8601 UTC timestamp, normalised to millisecond precision (`2026-01-01T00:00:00.000Z`) so
 * timestamps compare correctly as strings.
 */
export const timestamp = z
  .string()
  .regex(TIMESTAMP_PATTERN, 'must be an ISO-8601 UTC timestamp like 2026-01-01T00:00:00Z')
  .overwrite(toMilliseconds)
  .meta({ example: '2026-01-01T00:00:00Z' });

/** A timestamp at the end of a period, whose example follows the one of `timestamp`. */
export const endTimestamp = timestamp.meta({ example: '2027-01-01T00:00:00Z' });

/** A calendar date `YYYY-MM-DD`. */
export const date = z
  .string()
  .regex(DATE_PATTERN, 'must be a date YYYY-MM-DD')
  .meta({ example: '2026-03-01' });

/** A pass-year period key. */
export const periodKey = z
  .string()
  .regex(PERIOD_KEY_PATTERN, 'must be a period key like 2026 or 2026-08')
  .meta({ example: '2026' });

/** An MSP id. */
export const mspId = z.string().regex(MSP_ID_PATTERN, 'must be an MSP id').meta({ example: 'VenuesMSP' });

/** An integer in [min, max]. */
export function int(min: number, max: number): z.ZodNumber {
  return z
    .number()
    .int()
    .min(min)
    .max(max)
    .meta({ example: Math.max(min, 1) });
}

/** An amount of money in integer cents, at least 1. */
export const cents = int(1, LIMITS.maxAmountCents).meta({ example: 450 });

/** A bank account number: an IBAN in electronic form (no spaces, capitals) whose mod-97 check digits hold. */
export const iban = z
  .string()
  .regex(/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/, 'must be an IBAN without spaces, such as NL91ABNA0417164300')
  .refine((value) => isValidIBAN(value), 'must be a valid IBAN: its check digits or its length do not hold')
  .meta({ example: 'NL91ABNA0417164300' });

/**
 * The account an organisation pays venues from, as its own configuration gives it (not the ledger): its IBAN, the
 * account holder's name, and its bank's BIC where the bank wants one.
 */
export const payingAccount = z.strictObject({
  iban,
  name: name.meta({ example: 'Sociale Verzekeringsbank' }),
  bic: z
    .string()
    .refine((value) => isValidBIC(value), 'must be a BIC such as ABNANL2A')
    .optional(),
});
export type PayingAccount = z.infer<typeof payingAccount>;

/** A list of 1..maxListItems distinct items. */
export function distinctList<T extends z.ZodType<string>>(item: T): z.ZodArray<T> {
  return z
    .array(item)
    .min(1)
    .max(LIMITS.maxListItems)
    .refine((items) => new Set(items).size === items.length, 'must not hold an item twice');
}

/** The size of a page of a listing, default 50. */
export const pageSize = int(1, LIMITS.maxPageSize).meta({ example: 50 });

/** The bookmark of the previous page ('' or absent for the first). */
export const bookmark = z.string().max(1000, 'must be the bookmark of a previous page');

/** The paging fields of a listing. */
export const pageFields = {
  pageSize: pageSize.default(50),
  bookmark: bookmark.default(''),
};

function inOrder(value: Readonly<Record<string, unknown>>, earlier: string, later: string): boolean {
  const from = value[earlier];
  const until = value[later];
  return typeof from !== 'string' || typeof until !== 'string' || from < until;
}

/**
 * Adds the rule that the timestamp `later` is after `earlier` when both are given; a schema that
 * composes the fields again (the gateway's, with more fields) applies the same rule with this.
 */
export function inTimeOrder<S extends z.ZodObject>(schema: S, earlier: string, later: string): S {
  return schema.refine((value) => inOrder(value as Readonly<Record<string, unknown>>, earlier, later), {
    error: `must be after ${earlier}`,
    path: [later],
  });
}
