import type { Response } from 'express';
import type { ClientRecord } from '../auth/client-identity';
import { html, type SafeHtml } from './html';
import { layout } from './layout';
import type { PageLink } from './page-set';

/** A page's content: its body and the scripts it runs. */
export interface PageContent {
  readonly title: string;
  readonly body: SafeHtml;
  readonly scripts?: readonly string[];
}

/** Sends a whole page; pages show ledger state, so no cache keeps them. */
export type PageSender = (
  res: Response,
  content: PageContent,
  client?: ClientRecord,
  status?: number,
) => void;

/** The scripts every page with a script loads first: the refusal words and the shared helpers. */
export const commonScripts = ['refusals.js', 'pages.js'];

/** A sender for the pages of one organisation's gateway. */
export function pageSender(org: string, pages: () => readonly PageLink[]): PageSender {
  return (res, content, client, status = 200) => {
    res
      .status(status)
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(
        layout({
          title: content.title,
          org,
          pages: pages(),
          signedInAs: client?.name,
          body: content.body,
          scripts: content.scripts ?? commonScripts,
        }),
      );
  };
}

/** A refusal in plain words, as a page's whole content. */
export function refusalBody(text: string): SafeHtml {
  return html`<p class="refusal" role="alert">${text}</p>`;
}
