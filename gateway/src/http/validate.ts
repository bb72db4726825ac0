import type { z } from 'zod';
import { AppError } from '../errors/app-error';

/** Where in the request a value came from, for error messages. */
export type RequestPart = 'body' | 'params' | 'query' | 'headers';

function describe(issue: z.core.$ZodIssue, part: RequestPart): string {
  const path = [part, ...issue.path.map(String)].join('.');
  if (issue.code === 'unrecognized_keys') {
    return `${path}: unknown field(s) ${issue.keys.join(', ')}`;
  }
  return `${path}: ${issue.message}`;
}

/**
 * Validates one part of a request against its schema.
 * @throws {AppError} INVALID_ARGUMENT naming every invalid or unknown field.
 */
export function validate<T>(schema: z.ZodType<T>, value: unknown, part: RequestPart): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError(
      'INVALID_ARGUMENT',
      result.error.issues.map((issue) => describe(issue, part)).join('; '),
    );
  }
  return result.data;
}
