import { z } from 'zod';

// Characters refused in text a person reads: C0 controls, DEL, C1 controls, and the bidirectional marks,
// embeddings, overrides and isolates that let a name display as something else.
const FORBIDDEN = '\\u0000-\\u001F\\u007F-\\u009F\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069';
// What String.prototype.trim removes.
const TRIMMED = '\\t\\n\\v\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF';
const SURROGATE_PAIR = '[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]';
const ALLOWED = `(?:[^${FORBIDDEN}\\uD800-\\uDFFF]|${SURROGATE_PAIR})`;
const VISIBLE = `(?:[^${TRIMMED}${FORBIDDEN}\\uD800-\\uDFFF]|${SURROGATE_PAIR})`;

/**
 * Text that is not blank and holds no forbidden character and no lone surrogate half, allowing the surrounding
 * whitespace that trimming removes. Written without flags and with explicit classes, so JavaScript (with or
 * without `u`) and the regex engines of tools that read the OpenAPI document agree; its parts never overlap, so
 * it runs in linear time on any input.
 */
export const TEXT_PATTERN = new RegExp(`^[${TRIMMED}]*${VISIBLE}${ALLOWED}*[\\t\\n\\v\\f\\r]*$`);

/**
 * A name or free text of 1..max characters: normalised to Unicode NFC and trimmed (so both sides of the ledger
 * store and compare one form), then refused if it holds a character TEXT_PATTERN forbids.
 */
export function text(max: number): z.ZodString {
  return z
    .string()
    .normalize('NFC')
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .regex(TEXT_PATTERN, 'must not hold control characters, lone surrogates or bidirectional controls');
}
