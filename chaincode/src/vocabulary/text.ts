import { z } from 'zod';

/**
 * Text that a person reads: no control characters (C0, DEL, C1), no lone surrogate halves and no
 * bidirectional marks, overrides or isolates, which would let a name display as something else.
 * Written without flags, so JavaScript (with or without `u`) and other regex engines that read the
 * OpenAPI document agree: a surrogate is allowed only as half of a pair.
 */
export const TEXT_PATTERN =
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  /^(?:[^\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;

/**
 * A name or free text of 1..max characters: normalised to Unicode NFC and trimmed (so both sides of
 * the ledger store and compare one form), then refused if it holds a character TEXT_PATTERN forbids.
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
