import type { z } from 'zod';
import { fail } from '../errors';

function describe(issue: z.core.$ZodIssue, what: string): string {
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length === 0 ? what : issue.path.join('.');
    return `unknown field(s) in ${where}: ${issue.keys.join(', ')}`;
  }
  const path = issue.path.map(String).join('.');
  return `${path === '' ? what : path}: ${issue.message}`;
}

/**
 * Checks a parsed JSON value against a vocabulary schema, and returns it as the schema shapes it
 * (normalised timestamps and text, defaults filled in).
 *
 * @throws {ChaincodeError} INVALID_ARGUMENT naming every field that does not match.
 */
export function parseValue<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    return fail('INVALID_ARGUMENT', result.error.issues.map((issue) => describe(issue, what)).join('; '));
  }
  return result.data;
}

/**
 * Parses a transaction's request argument: a JSON object matching the request's schema.
 *
 * @throws {ChaincodeError} INVALID_ARGUMENT when it is not JSON or does not match, naming the fields.
 */
export function parseRequest<S extends z.ZodType>(schema: S, json: string | undefined): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(json ?? '');
  } catch {
    return fail('INVALID_ARGUMENT', 'request must be a JSON object');
  }
  return parseValue(schema, value, 'request');
}
