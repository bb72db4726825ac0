import type { Request, RequestHandler, Response } from 'express';
import { AppError } from '../errors/app-error';
import { identityOf, type ClientIdentity } from './client-identity';
import type { KeyStore } from './key-store';
import { csrfHeader, isSameOrigin, sessionTokenOf } from './session-cookie';
import type { SessionStore } from './session-store';

const bearer = /^Bearer ([\x21-\x7e]{1,256})$/;
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

type ClientRecordOrNone = ReturnType<KeyStore['findByApiKey']>;

function clientRecordOf(req: Request, keyStore: KeyStore): ClientRecordOrNone {
  const apiKey = bearer.exec(req.get('authorization') ?? '')?.[1];
  return apiKey === undefined ? undefined : keyStore.findByApiKey(apiKey);
}

/** The client of the page session a request's cookie names, if it is live and the client still exists. */
export function sessionClientOf(
  req: Request,
  keyStore: KeyStore,
  sessions?: SessionStore,
): ClientRecordOrNone {
  const token = sessionTokenOf(req);
  const name = token === undefined ? undefined : sessions?.clientOf(token);
  return name === undefined ? undefined : keyStore.findByName(name);
}

/** True when the request carries an API key of a known client, or the cookie of a live page session. */
export function hasValidApiKey(req: Request, keyStore: KeyStore, sessions?: SessionStore): boolean {
  return (
    clientRecordOf(req, keyStore) !== undefined || sessionClientOf(req, keyStore, sessions) !== undefined
  );
}

/**
 * Refuses a write that only a session cookie authenticates unless the page's own script sent it: it must carry
 * the {@link csrfHeader} and come from this origin.
 */
function checkCookieWrite(req: Request): AppError | undefined {
  if (safeMethods.has(req.method) || (req.get(csrfHeader) !== undefined && isSameOrigin(req))) {
    return undefined;
  }
  return new AppError(
    'FORBIDDEN',
    `a write with a session cookie needs the ${csrfHeader} header and this origin`,
  );
}

/**
 * Authenticates `Authorization: Bearer <api key>`, or else the cookie of a page session (see
 * {@link SessionStore}), and stores the client's identity on the response. A write authenticated by the cookie
 * must come from the gateway's own pages (see {@link checkCookieWrite}).
 */
export function authenticate(keyStore: KeyStore, sessions?: SessionStore): RequestHandler {
  return (req, res, next) => {
    if (req.get('authorization') === undefined) {
      const record = sessionClientOf(req, keyStore, sessions);
      if (record === undefined) {
        next(new AppError('UNAUTHENTICATED', 'missing Authorization: Bearer <api key> header'));
        return;
      }
      res.locals.client = identityOf(record);
      next(checkCookieWrite(req));
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
