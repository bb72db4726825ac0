import type { Request, RequestHandler, Response } from 'express';
import { AppError } from '../errors/app-error';
import { identityOf, type ClientIdentity } from './client-identity';
import type { KeyStore } from './key-store';

const bearer = /^Bearer ([\x21-\x7e]{1,256})$/;

function clientRecordOf(req: Request, keyStore: KeyStore): ReturnType<KeyStore['findByApiKey']> {
  const apiKey = bearer.exec(req.get('authorization') ?? '')?.[1];
  return apiKey === undefined ? undefined : keyStore.findByApiKey(apiKey);
}

/** True when the request carries an API key of a known client. */
export function hasValidApiKey(req: Request, keyStore: KeyStore): boolean {
  return clientRecordOf(req, keyStore) !== undefined;
}

/** Authenticates `Authorization: Bearer <api key>` and stores the client's identity on the response. */
export function authenticate(keyStore: KeyStore): RequestHandler {
  return (req, res, next) => {
    if (req.get('authorization') === undefined) {
      next(new AppError('UNAUTHENTICATED', 'missing Authorization: Bearer <api key> header'));
      return;
    }
    const record = clientRecordOf(req, keyStore);
    if (record === undefined) {
      next(new AppError('UNAUTHENTICATED', 'unknown API key'));
      return;
    }
    res.locals.client = identityOf(record);
    next();
  };
}

/**
 * The authenticated client of a request.
 * @throws {AppError} UNAUTHENTICATED when the route was mounted without {@link authenticate}.
 */
export function clientOf(res: Response): ClientIdentity {
  const client = res.locals.client as ClientIdentity | undefined;
  if (client === undefined) {
    throw new AppError('UNAUTHENTICATED', 'request is not authenticated');
  }
  return client;
}
