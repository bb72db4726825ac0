import { fail } from '../errors';
import { ID_PATTERN, LIMITS, SLUG_PATTERN } from '../vocabulary';

/** A parsed request object whose field names were checked against an allow-list. */
export type Fields = Readonly<Record<string, unknown>>;

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/**
 * Parses a request argument: a JSON object with only the allowed fields.
 *
 * @throws {ChaincodeError} INVALID_ARGUMENT when it is not a JSON object or has an unknown field.
 */
export function parseRequest(json: string | undefined, allowed: readonly string[]): Fields {
  let value: unknown;
  try {
    value = JSON.parse(json ?? '');
  } catch {
    return fail('INVALID_ARGUMENT', 'request must be a JSON object');
  }
  return asFields(value, allowed, 'request');
}

/**
 * Reads a nested object field with only the allowed fields.
 *
 * @throws {ChaincodeError} INVALID_ARGUMENT when absent, not an object or with an unknown field.
 */
export function readObject(fields: Fields, name: string, allowed: readonly string[]): Fields {
  return asFields(fields[name], allowed, name);
}

/**
 * Reads a list of 1..max JSON objects, each with only the allowed fields.
 *
 * @throws {ChaincodeError} INVALID_ARGUMENT when not such a list.
 */
export function readObjectList(
  value: unknown,
  allowed: readonly string[],
  what: string,
  max: number,
): Fields[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > max) {
    return fail('INVALID_ARGUMENT', `${what} must be a list of 1 to ${max} items`);
  }
  return value.map((item: unknown) => asFields(item, allowed, `each of ${what}`));
}

/**
 * Reads a JSON object value with only the allowed fields.
 *
 * @throws {ChaincodeError} INVALID_ARGUMENT when not an object or with an unknown field.
 */
export function asFields(value: unknown, allowed: readonly string[], what: string): Fields {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail('INVALID_ARGUMENT', `${what} must be a JSON object`);
  }
  const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    fail('INVALID_ARGUMENT', `unknown field(s) in ${what}: ${unknown.join(', ')}`);
  }
  return value as Fields;
}

/** Whether a field is present (not undefined/null). */
export function has(fields: Fields, name: string): boolean {
  return fields[name] !== undefined && fields[name] !== null;
}

/**
 * Reads a string matching a pattern.
 *
 * @throws {ChaincodeError} INVALID_ARGUMENT when absent, not a string or not matching.
 */
export function readPattern(fields: Fields, name: string, pattern: RegExp, description: string): string {
  const value = fields[name];
  if (typeof value !== 'string' || !pattern.test(value)) {
    return fail('INVALID_ARGUMENT', `${name} must be ${description}`);
  }
  return value;
}

/**
 * Reads an identifier (see ID_PATTERN).
 *
 * @throws {ChaincodeError} INVALID_ARGUMENT when absent or malformed.
 */
export function readId(fields: Fields, name: string): string {
  return readPattern(fields, name, ID_PATTERN, 'an identifier of 1-64 letters, digits, ".", "_" or "-"');
}

/** Reads an optional identifier. @throws {ChaincodeError} INVALID_ARGUMENT when present but malformed. */
export function readOptionalId(fields: Fields, name: string): string | undefined {
  return has(fields, name) ? readId(fields, name) : undefined;
}

/** Reads a slug (see SLUG_PATTERN). @throws {ChaincodeError} INVALID_ARGUMENT when absent or malformed. */
export function readSlug(fields: Fields, name: string): string {
  return readPattern(fields, name, SLUG_PATTERN, 'a lower-case slug of at most 32 characters');
}

/**
 * Reads free text, trimmed, 1..max characters.
 *
 * @throws {ChaincodeError} INVALID_ARGUMENT when absent, empty or too long.
 */
export function readText(fields: Fields, name: string, max: number = LIMITS.maxNameLength): string {
  const value = fields[name];
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.length === 0 || text.length > max) {
    return fail('INVALID_ARGUMENT', `${name} must be a non-empty text of at most ${max} characters`);
  }
  return text;
}

/**
 * Reads an ISO-8601 UTC timestamp and normalises it to millisecond precision, so timestamps
 * compare correctly as strings.
 *
 * @throws {ChaincodeError} INVALID_ARGUMENT when absent or not a valid UTC timestamp.
 */
export function readTimestamp(fields: Fields, name: string): string {
  const value = fields[name];
  const millis = typeof value === 'string' && ISO_UTC.test(value) ? Date.parse(value) : NaN;
  // Date.parse rolls impossible dates over (31 February becomes 3 March); a round trip catches that.
  if (Number.isNaN(millis) || new Date(millis).toISOString().slice(0, 19) !== String(value).slice(0, 19)) {
    return fail('INVALID_ARGUMENT', `${name} must be an ISO-8601 UTC timestamp like 2026-01-01T00:00:00Z`);
  }
  return new Date(millis).toISOString();
}

/** Reads an optional timestamp. @throws {ChaincodeError} INVALID_ARGUMENT when present but invalid. */
export function readOptionalTimestamp(fields: Fields, name: string): string | undefined {
  return has(fields, name) ? readTimestamp(fields, name) : undefined;
}

/**
 * Reads an integer in [min, max].
 *
 * @throws {ChaincodeError} INVALID_ARGUMENT when absent, not an integer or out of range.
 */
export function readInt(fields: Fields, name: string, min: number, max: number): number {
  const value = fields[name];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    return fail('INVALID_ARGUMENT', `${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** Reads an optional integer. @throws {ChaincodeError} INVALID_ARGUMENT when present but invalid. */
export function readOptionalInt(fields: Fields, name: string, min: number, max: number): number | undefined {
  return has(fields, name) ? readInt(fields, name, min, max) : undefined;
}

/** Reads a boolean. @throws {ChaincodeError} INVALID_ARGUMENT when absent or not a boolean. */
export function readBool(fields: Fields, name: string): boolean {
  const value = fields[name];
  if (typeof value !== 'boolean') {
    return fail('INVALID_ARGUMENT', `${name} must be true or false`);
  }
  return value;
}

/**
 * Reads one of the allowed values.
 *
 * @throws {ChaincodeError} INVALID_ARGUMENT when absent or not allowed.
 */
export function readEnum<T extends string>(fields: Fields, name: string, allowed: readonly T[]): T {
  const value = fields[name];
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    return fail('INVALID_ARGUMENT', `${name} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/**
 * Reads a list of distinct strings each matching a pattern, 1..maxListItems long.
 *
 * @throws {ChaincodeError} INVALID_ARGUMENT when absent, empty, too long, malformed or repeating.
 */
export function readList(fields: Fields, name: string, pattern: RegExp): string[] {
  const value = fields[name];
  if (!Array.isArray(value) || value.length === 0 || value.length > LIMITS.maxListItems) {
    return fail('INVALID_ARGUMENT', `${name} must be a list of 1 to ${LIMITS.maxListItems} items`);
  }
  const items = value.map((item: unknown) => {
    if (typeof item !== 'string' || !pattern.test(item)) {
      return fail('INVALID_ARGUMENT', `${name} holds a malformed item`);
    }
    return item;
  });
  if (new Set(items).size !== items.length) {
    fail('INVALID_ARGUMENT', `${name} holds an item twice`);
  }
  return items;
}

/**
 * Reads the arguments of a page request.
 *
 * @throws {ChaincodeError} INVALID_ARGUMENT when pageSize is out of range or bookmark is not a string.
 */
export function readPage(fields: Fields): { pageSize: number; bookmark: string } {
  const pageSize = readOptionalInt(fields, 'pageSize', 1, LIMITS.maxPageSize) ?? 50;
  const bookmark = fields.bookmark ?? '';
  if (typeof bookmark !== 'string' || bookmark.length > 1000) {
    return fail('INVALID_ARGUMENT', 'bookmark must be the bookmark of a previous page');
  }
  return { pageSize, bookmark };
}
