import { resolve } from 'node:path';
import type { SchemeOrganisation, SchemeRole } from '@stadspas/chaincode/vocabulary';
import type { Database } from 'better-sqlite3';
import express, { type Request, type Router } from 'express';
import type { ClientIdentity, ClientRecord } from '../auth/client-identity';
import type { KeyStore } from '../auth/key-store';
import { rateLimitAnonymous } from '../auth/rate-limit';
import type { SessionStore } from '../auth/session-store';
import { AppError, isAppError } from '../errors/app-error';
import { httpStatusOf } from '../errors/http-status';
import { passIdParams } from '../schemas/fields';
import { cardNumberOf } from '../services/card-numbers';
import { getPass } from '../services/pass-cases';
import type { ServiceDeps } from '../services/service-deps';
import { adminBody } from './admin-page';
import { manifestOf } from './app-page';
import { appRoutes } from './app-routes';
import { cardBody } from './card-page';
import { holderBody } from './holder-page';
import { holderView } from './holder-view';
import { homeBody } from './home-page';
import { commonScripts, pageSender, refusalBody, type PageContent, type PageSender } from './page-sender';
import {
  adminPage,
  clientsPage,
  holderPage,
  pagesOf,
  paymentsPage,
  venuesPage,
  offersPage,
  scannerPage,
  type PageLink,
} from './page-set';
import { offersBody, publicOffers } from './offers-page';
import { clientsBody } from './clients-page';
import { paymentsBody } from './payments-page';
import { venuesBody } from './venues-page';
import { refusalText } from './refusal-words';
import { scannerBody } from './scanner-page';
import { signedInClient, signInRoutes } from './sign-in';
import { isLanguage, rememberLanguage, wordsOf, wordsScript, type Words } from './words';

/** What the pages are served from. */
export interface PagesDeps {
  readonly org: string;
  /** What the organisation does in the scheme: it decides which pages its gateway serves. */
  readonly roles: readonly SchemeRole[];
  readonly keyStore: KeyStore;
  readonly sessions: SessionStore;
  readonly services: ServiceDeps;
  /** The gateway's own identity: the holder page reads a pass with it, once the card's payload proved it. */
  readonly serviceIdentity: ClientIdentity;
  readonly anonymousRateLimitPerMinute: number;
  /** The read model, where the holder page reads a pass's uses from, newest first. */
  readonly readModel?: Database | undefined;
  /** How long a session cookie is kept, in seconds (default 12 hours). */
  readonly sessionSeconds?: number;
}

/** The pages' own scripts and styles: the folder `gateway/assets`, beside both `src` and `dist`. */
const assetsDir = resolve(__dirname, '..', '..', 'assets');
const cardReaderScripts = (req: Request): readonly string[] => [
  'vendor/jsQR.js',
  ...commonScripts(req),
  'camera.js',
];

/** Runs a page's rendering; a refusal of the API becomes the page's message in plain words. */
async function renderOrRefuse(
  words: Words,
  render: () => Promise<PageContent> | PageContent,
  title: string,
): Promise<{ content: PageContent; status: number }> {
  try {
    return { content: await render(), status: 200 };
  } catch (err) {
    if (!isAppError(err)) {
      throw err;
    }
    return {
      content: { title, body: refusalBody(refusalText(words, err.code, err.detail)) },
      status: httpStatusOf(err.code),
    };
  }
}

/** The parts every page route needs. */
interface PageContext {
  readonly router: Router;
  readonly deps: PagesDeps;
  readonly send: PageSender;
  readonly pages: () => readonly PageLink[];
}

/** Mounts a page that needs a session: without one, the browser goes to sign in and comes back. */
function signedInPage(
  ctx: PageContext,
  link: PageLink,
  path: string,
  render: (client: ClientRecord, req: Request, words: Words) => Promise<PageContent> | PageContent,
): void {
  ctx.router.get(path, async (req, res, next) => {
    if (!ctx.pages().includes(link)) {
      next();
      return;
    }
    const client = signedInClient(req, ctx.deps);
    if (client === undefined) {
      res.redirect(303, `/sign-in?next=${encodeURIComponent(link.path)}`);
      return;
    }
    const words = wordsOf(req);
    const page = await renderOrRefuse(words, () => render(client, req, words), words.t(link.title));
    ctx.send(req, res, page.content, client, page.status);
  });
}

/** The organisations of the scheme in force, as the pages name and offer them. */
async function schemeOf(deps: PagesDeps): Promise<readonly SchemeOrganisation[]> {
  return (await deps.services.ledger.evaluate(deps.serviceIdentity, 'scheme:GetScheme', undefined))
    .organisations;
}

/** The printable card of a pass, for the desk. */
async function cardPage(
  deps: PagesDeps,
  client: ClientRecord,
  req: Request,
  words: Words,
): Promise<PageContent> {
  const params = passIdParams.safeParse(req.params);
  if (!params.success) {
    throw new AppError('INVALID_ARGUMENT', 'not a pass number');
  }
  const pass = await getPass(deps.services, client, params.data.passId);
  const qr = deps.services.qrSigner?.sign(pass.passId) ?? '';
  const cardNumber = await cardNumberOf(deps.services, client, pass.passId);
  return {
    title: words.t('card.title', { passId: pass.passId }),
    body: cardBody(words, pass, cardNumber, qr),
  };
}

/**
 * `GET /pass` and `POST /pass`: the holder's page on every organisation's gateway, read from its own peer: a card's
 * code alone shows the balances.
 */
function holderPages(ctx: PageContext): void {
  const { router, deps } = ctx;
  const scripts = (req: Request): readonly string[] => [...cardReaderScripts(req), 'holder.js'];
  const available = (): boolean => ctx.pages().includes(holderPage);
  router.get('/pass', (req, res, next) => {
    if (!available()) {
      next();
      return;
    }
    const words = wordsOf(req);
    ctx.send(req, res, { title: words.t(holderPage.title), body: holderBody(words), scripts: scripts(req) });
  });
  router.post(
    '/pass',
    rateLimitAnonymous(deps.keyStore, deps.anonymousRateLimitPerMinute, deps.sessions),
    express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 2 }),
    async (req, res, next) => {
      if (!available()) {
        next();
        return;
      }
      const form = req.body as Record<string, unknown> | undefined;
      const qr = typeof form?.qr === 'string' ? form.qr.trim() : '';
      const words = wordsOf(req);
      const title = words.t(holderPage.title);
      try {
        if (qr === '') {
          throw new AppError('INVALID_QR', 'enter the code of your card');
        }
        const view = await holderView(deps.services, deps.serviceIdentity, { card: qr });
        ctx.send(req, res, { title, body: holderBody(words, view), scripts: scripts(req) });
      } catch (err) {
        if (!isAppError(err)) {
          next(err);
          return;
        }
        const body = holderBody(words, undefined, refusalText(words, err.code, err.detail));
        ctx.send(req, res, { title, body, scripts: scripts(req) }, undefined, httpStatusOf(err.code));
      }
    },
  );
}

/** `GET /aanbod`: what is on offer now, for everyone, as this organisation's own peer knows it. */
function offersPages(ctx: PageContext): void {
  const { router, deps } = ctx;
  const reader = deps.serviceIdentity;
  const limit = rateLimitAnonymous(deps.keyStore, deps.anonymousRateLimitPerMinute, deps.sessions);
  router.get(offersPage.path, limit, async (req, res) => {
    const words = wordsOf(req);
    const title = words.t(offersPage.title);
    const page = await renderOrRefuse(
      words,
      async () => {
        const [offers, venues, organisations] = await Promise.all([
          deps.services.ledger.evaluate(reader, 'offers:ListOffers', undefined),
          deps.services.ledger.evaluate(reader, 'venues:ListVenues', undefined),
          schemeOf(deps),
        ]);
        const now = new Date().toISOString();
        return { title, body: offersBody(words, publicOffers(offers, venues, organisations, now)) };
      },
      title,
    );
    ctx.send(req, res, page.content, signedInClient(req, deps), page.status);
  });
}

/** Serves the pages of this organisation: a page of another organisation is not found here. */
export function pagesRouter(deps: PagesDeps): Router {
  const router = express.Router();
  const served = pagesOf(deps.roles);
  const pages = (): readonly PageLink[] => served;
  const ctx: PageContext = { router, deps, send: pageSender(deps.org, pages), pages };

  router.use((_req, res, next) => {
    // The pages' own requests carry their origin, which sign-in and cookie writes check; no other site learns it.
    res.set('Referrer-Policy', 'same-origin');
    next();
  });
  router.use(rememberLanguage());
  router.use('/assets', express.static(assetsDir, { index: false }));
  router.get('/assets/vendor/jsQR.js', (_req, res) => {
    res.sendFile(require.resolve('jsqr/dist/jsQR.js'));
  });
  // The installable pages' service worker, at the root so that it may serve `/mijn/` and `/scanner`.
  router.get('/sw.js', (_req, res) => {
    res.set('Cache-Control', 'no-cache').sendFile(resolve(assetsDir, 'app-sw.js'));
  });
  router.get('/assets/vendor/qrcode.js', (_req, res) => {
    res.sendFile(require.resolve('qrcode-generator'));
  });
  router.get('/assets/words-:lang.js', (req, res, next) => {
    const { lang } = req.params;
    if (!isLanguage(lang)) {
      next();
      return;
    }
    res.type('text/javascript').send(wordsScript(lang));
  });
  router.get('/', (req, res) => {
    const client = signedInClient(req, deps);
    const body = homeBody(wordsOf(req), pages(), client !== undefined);
    ctx.send(req, res, { title: 'Stadspas', body }, client);
  });
  router.use(
    signInRoutes({
      org: deps.org,
      keyStore: deps.keyStore,
      sessions: deps.sessions,
      pages,
      sessionSeconds: deps.sessionSeconds ?? 12 * 60 * 60,
    }),
  );
  signedInPage(ctx, scannerPage, scannerPage.path, async (client, req, words) => ({
    title: words.t(scannerPage.title),
    body: scannerBody(words, client.venueId, await schemeOf(deps)),
    scripts: [...cardReaderScripts(req), 'counter-offline.js', 'scanner.js'],
    manifest: '/scanner.webmanifest',
  }));
  router.get('/scanner.webmanifest', (req, res, next) => {
    if (!pages().includes(scannerPage)) {
      next();
      return;
    }
    res.type('application/manifest+json').send(JSON.stringify(manifestOf(wordsOf(req), scannerPage)));
  });
  signedInPage(ctx, adminPage, adminPage.path, async (client, req, words) => ({
    title: words.t(adminPage.title),
    body: adminBody(words, client.mspId, await schemeOf(deps)),
    scripts: [...commonScripts(req), 'admin.js'],
  }));
  signedInPage(ctx, adminPage, '/admin/cards/:passId', (client, req, words) =>
    cardPage(deps, client, req, words),
  );
  signedInPage(ctx, paymentsPage, paymentsPage.path, (_client, req, words) => ({
    title: words.t(paymentsPage.title),
    body: paymentsBody(words),
    scripts: [...commonScripts(req), 'payments.js'],
  }));
  signedInPage(ctx, venuesPage, venuesPage.path, (client, req, words) => ({
    title: words.t(venuesPage.title),
    body: venuesBody(words, client.mspId),
    scripts: [...commonScripts(req), 'venues.js'],
  }));
  signedInPage(ctx, clientsPage, clientsPage.path, (client, req, words) => ({
    title: words.t(clientsPage.title),
    body: clientsBody(words, client.name),
    scripts: [...commonScripts(req), 'clients.js'],
  }));
  holderPages(ctx);
  appRoutes(router, deps, ctx.send);
  offersPages(ctx);
  return router;
}
