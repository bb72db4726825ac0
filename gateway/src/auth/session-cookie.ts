import type { Request, Response } from 'express';
import { parseCookie, stringifySetCookie } from 'cookie';

/**
 * The cookie that carries a page session's token. Over HTTPS it is `Secure` and named with the `__Host-` prefix,
 * which a browser accepts only from a secure origin, for the whole host and no domain: no other host, and no
 * plain-HTTP page, can set or overwrite it. A gateway behind a TLS proxy speaks plain HTTP and uses the bare name.
 */
export function sessionCookieName(req: Request): string {
  return req.secure ? '__Host-stadspas_session' : 'stadspas_session';
}

/**
 * The header a page's script sends with every write. A cross-site form cannot set a header, and a cross-site
 * script cannot send one without a CORS preflight, which the gateway never answers: so a write authenticated
 * by the cookie alone is refused.
 */
export const csrfHeader = 'X-Stadspas-Page';

/** The session token a request's cookie carries, if any. */
export function sessionTokenOf(req: Request): string | undefined {
  const header = req.get('cookie');
  if (header === undefined) {
    return undefined;
  }
  const token = parseCookie(header)[sessionCookieName(req)];
  return token !== undefined && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : undefined;
}

function sessionCookie(req: Request, value: string, maxAgeSeconds: number): string {
  return stringifySetCookie({
    name: sessionCookieName(req),
    value,
    httpOnly: true,
    secure: req.secure,
    sameSite: 'strict',
    path: '/',
    maxAge: maxAgeSeconds,
  });
}

/**
 * Sets the session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), for
 * the whole gateway, and over HTTPS `Secure` with the `__Host-` prefix.
 */
export function setSessionCookie(req: Request, res: Response, token: string, maxAgeSeconds: number): void {
  res.append('Set-Cookie', sessionCookie(req, token, maxAgeSeconds));
}

/** Tells the browser to forget the session cookie. */
export function clearSessionCookie(req: Request, res: Response): void {
  res.append('Set-Cookie', sessionCookie(req, '', 0));
}

/**
 * True when a request comes from a page of this same origin. A browser says where a request comes from in
 * `Sec-Fetch-Site`; one that does not says it in `Origin` (which the pages let it send, with their referrer
 * policy `same-origin`). A request with neither, as programs send, counts as same-origin: the custom header and
 * SameSite=Strict still keep other sites' pages from writing with the cookie.
 */
export function isSameOrigin(req: Request): boolean {
  const site = req.get('sec-fetch-site');
  if (site !== undefined) {
    return site === 'same-origin';
  }
  const origin = req.get('origin');
  if (origin === undefined) {
    return true;
  }
  try {
    return new URL(origin).host === req.get('host');
  } catch {
    return false;
  }
}
