import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError } from '../errors/app-error';
import { clientOf } from './authenticate';

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
