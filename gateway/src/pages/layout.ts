import { html, type SafeHtml } from './html';
import type { PageLink } from './page-set';

/** What every page shows around its content. */
export interface LayoutOptions {
  readonly title: string;
  /** The organisation whose gateway serves the page. */
  readonly org: string;
  /** This gateway's pages, for the navigation. */
  readonly pages: readonly PageLink[];
  /** The signed-in client's name, when there is one. */
  readonly signedInAs?: string | undefined;
  readonly body: SafeHtml;
  /** Scripts under /assets to load, in order. */
  readonly scripts?: readonly string[];
}

/** A whole HTML document: phone-sized first, no outside assets, scripts only from this gateway. */
export function layout(options: LayoutOptions): string {
  const nav = options.pages.map((page) => html`<li><a href="${page.path}">${page.title}</a></li>`);
  const account =
    options.signedInAs === undefined
      ? html``
      : html`<form method="post" action="/sign-out" class="account">
          <span>Signed in as <strong>${options.signedInAs}</strong></span>
          <button type="submit" class="secondary">Sign out</button>
        </form>`;
  const scripts = (options.scripts ?? []).map(
    (script) => html`<script src="/assets/${script}" defer></script>`,
  );
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title} · Stadspas ${options.org}</title>
        <link rel="stylesheet" href="/assets/pages.css" />
        ${scripts}
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header>
          <a class="brand" href="/">Stadspas <span>${options.org}</span></a>
          <nav aria-label="Pages">
            <ul>
              ${nav}
            </ul>
          </nav>
          ${account}
        </header>
        <main id="main">
          <h1>${options.title}</h1>
          ${options.body}
        </main>
      </body>
    </html>`.value;
}
