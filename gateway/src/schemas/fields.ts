import {
  DATE_PATTERN,
  ID_PATTERN,
  LIMITS,
  PERIOD_KEY_PATTERN,
  SLUG_PATTERN,
} from '@stadspas/chaincode/vocabulary';
import { z } from '../http/zod';

// One schema per kind of field, with the same patterns and bounds as the chaincode, so a request the gateway
// lets through is not refused for its form on the ledger.

/** An identifier (pass, offer, venue, claim, redemption). */
export const id = (example: string) =>
  z
    .string()
    .regex(ID_PATTERN, 'must be 1..64 of A-Za-z0-9._- starting with a letter or digit')
    .openapi({ example });

/** A lower-case slug such as a pass category or venue kind. */
export const slug = (example: string) =>
  z.string().regex(SLUG_PATTERN, 'must be a lower-case slug').openapi({ example });

/** True when an ISO-8601 timestamp names a moment that exists (not 30 February, not 25:00), as the chaincode checks. */
function isRealMoment(value: string): boolean {
  const millis = Date.parse(value);
  return !Number.isNaN(millis) && new Date(millis).toISOString().slice(0, 19) === value.slice(0, 19);
}

/** An ISO-8601 UTC timestamp. */
export const timestamp = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, 'must be an ISO-8601 UTC timestamp')
  .refine(isRealMoment, 'must name a date and time that exist')
  .openapi({ example: '2026-01-01T00:00:00Z' });

/** A calendar date. */
export const date = z
  .string()
  .regex(DATE_PATTERN, 'must be a date YYYY-MM-DD')
  .openapi({ example: '2026-03-01' });

/** A pass-year period key. */
export const periodKey = z.string().regex(PERIOD_KEY_PATTERN, 'must be a period key such as 2026 or 2026-08');

/** Free text such as a name. */
export const name = z.string().trim().min(1).max(LIMITS.maxNameLength);

/** A reason given for blocking, suspending or rejecting. */
export const reason = z.string().trim().min(1).max(LIMITS.maxReasonLength);

/** An amount of money in integer cents. */
export const cents = z.number().int().min(1).max(LIMITS.maxAmountCents);

/** An MSP id. */
export const mspId = z.string().regex(/^[A-Za-z][A-Za-z0-9.-]{0,63}$/, 'must be an MSP id');

/** `{passId}` in a path. */
export const passIdParams = z.strictObject({ passId: id('SP-0001') });

/** Paging of a list: page size and the bookmark of the previous page. */
export const pageQuery = {
  pageSize: z.coerce.number().int().min(1).max(LIMITS.maxPageSize).optional(),
  bookmark: z.string().max(1024).optional(),
};

/** No body fields: an action on the resource in the path. */
export const emptyBody = z.strictObject({});
