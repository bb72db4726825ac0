import { ID_PATTERN } from '@stadspas/chaincode/vocabulary';
import type { Request } from 'express';
import { AppError } from '../errors/app-error';

/** The header that makes a write safe to retry; its value becomes the chaincode's request id. */
export const idempotencyHeader = 'Idempotency-Key';

/**
 * The request's idempotency key.
 * @throws {AppError} INVALID_ARGUMENT when the header is missing or is not 1..64 of `A-Za-z0-9._-`.
 */
export function idempotencyKeyOf(req: Request): string {
  const key = req.get(idempotencyHeader);
  if (key === undefined || key === '') {
    throw new AppError('INVALID_ARGUMENT', `the ${idempotencyHeader} header is required`);
  }
  if (!ID_PATTERN.test(key)) {
    throw new AppError('INVALID_ARGUMENT', `the ${idempotencyHeader} header must be 1..64 of A-Za-z0-9._-`);
  }
  return key;
}
