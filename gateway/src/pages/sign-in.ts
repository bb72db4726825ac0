import express, { type Request, type Router } from 'express';
import { sessionClientOf } from '../auth/authenticate';
import type { KeyStore } from '../auth/key-store';
import { clearSessionCookie, isSameOrigin, sessionTokenOf, setSessionCookie } from '../auth/session-cookie';
import type { SessionStore } from '../auth/session-store';
import { html } from './html';
import { layout } from './layout';
import type { PageLink } from './page-set';
import { languageOf, languageSwitchHref, otherLanguage, wordsFor, type MessageKey } from './words';

/** What sign-in needs. */
export interface SignInDeps {
  readonly org: string;
  readonly keyStore: KeyStore;
  readonly sessions: SessionStore;
  /** This gateway's pages: the only places sign-in returns to. */
  readonly pages: () => readonly PageLink[];
  /** How long a session cookie is kept, in seconds. */
  readonly sessionSeconds: number;
}

/** Where to go after signing in: only one of this gateway's own pages, never an address from elsewhere. */
function nextPage(pages: () => readonly PageLink[], wanted: unknown): string {
  return pages().find((page) => page.path === wanted)?.path ?? '/';
}

function signInForm(deps: SignInDeps, req: Request, next: string, error?: MessageKey): string {
  const lang = languageOf(req);
  const words = wordsFor(lang);
  const { t } = words;
  const alert = error === undefined ? html`` : html`<p class="refusal" role="alert">${t(error)}</p>`;
  return layout({
    title: t('signIn.title'),
    org: deps.org,
    words,
    languageSwitch: languageSwitchHref(req, otherLanguage(lang)),
    pages: deps.pages(),
    body: html`${alert}
      <form method="post" action="/sign-in" class="card" id="sign-in-form">
        <p>${t('signIn.intro')}</p>
        <label for="apiKey">${t('signIn.apiKey')}</label>
        <input
          id="apiKey"
          name="apiKey"
          type="password"
          autocomplete="current-password"
          required
          maxlength="256"
        />
        <input type="hidden" name="next" value="${next}" />
        <button type="submit">${t('signIn.submit')}</button>
      </form>`,
  });
}

/** The session of a request's cookie, if it is live: for the pages that need one. */
export function signedInClient(
  req: Request,
  deps: Pick<SignInDeps, 'keyStore' | 'sessions'>,
): ReturnType<KeyStore['findByName']> {
  return sessionClientOf(req, deps.keyStore, deps.sessions);
}

/**
 * `GET /sign-in`, `POST /sign-in` (the API key in a form body, never in a URL) and `POST /sign-out`. Both
 * posts must come from this origin, so no other site can sign a browser in or out.
 */
export function signInRoutes(deps: SignInDeps): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 4 });
  router.get('/sign-in', (req, res) => {
    res
      .type('html')
      .set('Content-Language', languageOf(req))
      .send(signInForm(deps, req, nextPage(deps.pages, req.query.next)));
  });
  router.post('/sign-in', form, (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const next = nextPage(deps.pages, body.next);
    if (!isSameOrigin(req)) {
      res
        .status(403)
        .type('html')
        .send(signInForm(deps, req, next, 'signIn.otherOrigin'));
      return;
    }
    const record =
      typeof body.apiKey === 'string' ? deps.keyStore.findByApiKey(body.apiKey.trim()) : undefined;
    if (record === undefined) {
      res
        .status(401)
        .type('html')
        .send(signInForm(deps, req, next, 'signIn.unknownKey'));
      return;
    }
    setSessionCookie(req, res, deps.sessions.open(record.name), deps.sessionSeconds);
    res.redirect(303, next);
  });
  router.post('/sign-out', (req, res) => {
    const token = sessionTokenOf(req);
    if (token !== undefined && isSameOrigin(req)) {
      deps.sessions.end(token);
    }
    clearSessionCookie(req, res);
    res.redirect(303, '/');
  });
  return router;
}
