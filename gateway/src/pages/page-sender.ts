import type { Request, Response } from 'express';
import type { ClientRecord } from '../auth/client-identity';
import { html, type SafeHtml } from './html';
import { layout } from './layout';
import type { PageLink } from './page-set';
import { languageOf, languageSwitchHref, otherLanguage, wordsFor } from './words';

/** A page's content: its body and the scripts it runs. */
export interface PageContent {
  readonly title: string;
  readonly body: SafeHtml;
  readonly scripts?: readonly string[];
  /** The web app manifest, for an installable page. */
  readonly manifest?: string;
}

/** Sends a whole page, in the request's language; pages show ledger state, so no cache keeps them. */
export type PageSender = (
  req: Request,
  res: Response,
  content: PageContent,
  client?: ClientRecord,
  status?: number,
) => void;

/**
 * The scripts every page with a script loads first: the words of the page's language (`words-nl.js`, see
 * {@link wordsScriptName}) and the shared helpers.
 */
export function commonScripts(req: Request): readonly string[] {
  return [wordsScriptName(req), 'pages.js'];
}

/** The asset with the catalogue of the request's language, for the pages' scripts. */
export function wordsScriptName(req: Request): string {
  return `words-${languageOf(req)}.js`;
}

/** A sender for the pages of one organisation's gateway. */
export function pageSender(org: string, pages: () => readonly PageLink[]): PageSender {
  return (req, res, content, client, status = 200) => {
    const lang = languageOf(req);
    res
      .status(status)
      .set('Cache-Control', 'no-store')
      .set('Content-Language', lang)
      .type('html')
      .send(
        layout({
          title: content.title,
          org,
          words: wordsFor(lang),
          languageSwitch: languageSwitchHref(req, otherLanguage(lang)),
          pages: pages(),
          signedInAs: client?.name,
          body: content.body,
          scripts: content.scripts ?? commonScripts(req),
          manifest: content.manifest,
        }),
      );
  };
}

/** A refusal in plain words, as a page's whole content. */
export function refusalBody(text: string): SafeHtml {
  return html`<p class="refusal" role="alert">${text}</p>`;
}
