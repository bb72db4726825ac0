import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError } from '../errors/app-error';
import { clientOf, hasValidApiKey } from './authenticate';
import type { KeyStore } from './key-store';
import type { SessionStore } from './session-store';

/** Limits each API key to `perMinute` requests per minute; over it, RATE_LIMITED (429). */
export function rateLimitPerClient(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (_req, res) => clientOf(res).name,
    handler: (_req, _res, next) => {
      next(new AppError('RATE_LIMITED', `more than ${perMinute} requests per minute for this API key`));
    },
  });
}

/**
 * Limits requests that carry no valid API key (nor a live page session) to `perMinute` per client address; over it, RATE_LIMITED (429).
 * Runs before authentication, so guessing keys or flooding without one is limited too; requests with a valid
 * key are left to {@link rateLimitPerClient}.
 */
export function rateLimitAnonymous(
  keyStore: KeyStore,
  perMinute: number,
  sessions?: SessionStore,
): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (req) => hasValidApiKey(req, keyStore, sessions),
    handler: (_req, _res, next) => {
      next(
        new AppError('RATE_LIMITED', `more than ${perMinute} requests per minute without a valid API key`),
      );
    },
  });
}
