import { html, type SafeHtml } from './html';
import type { PageLink } from './page-set';
import { otherLanguage, wordsFor, type Words } from './words';

/** What every page shows around its content. */
export interface LayoutOptions {
  readonly title: string;
  /** The organisation whose gateway serves the page. */
  readonly org: string;
  /** The language the page speaks. */
  readonly words: Words;
  /** The address of this same page in the other language. */
  readonly languageSwitch: string;
  /** This gateway's pages, for the navigation. */
  readonly pages: readonly PageLink[];
  /** The signed-in client's name, when there is one. */
  readonly signedInAs?: string | undefined;
  readonly body: SafeHtml;
  /** Scripts under /assets to load, in order. */
  readonly scripts?: readonly string[];
  /** The web app manifest of an installable page. */
  readonly manifest?: string | undefined;
}

/**
 * A whole HTML document: phone-sized first, no outside assets, scripts only from this gateway. The header offers
 * the other language by its own name (marked as that language), and `<html lang>` follows the page's language.
 */
export function layout(options: LayoutOptions): string {
  const { t, lang } = options.words;
  const other = otherLanguage(lang);
  const nav = options.pages.map((page) => html`<li><a href="${page.path}">${t(page.title)}</a></li>`);
  const account =
    options.signedInAs === undefined
      ? html``
      : html`<form method="post" action="/sign-out" class="account">
          <span>${t('layout.signedInAs')} <strong>${options.signedInAs}</strong></span>
          <button type="submit" class="secondary">${t('layout.signOut')}</button>
        </form>`;
  const scripts = (options.scripts ?? []).map(
    (script) => html`<script src="/assets/${script}" defer></script>`,
  );
  return html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title} · Stadspas ${options.org}</title>
        <link rel="stylesheet" href="/assets/pages.css" />
        ${
          options.manifest === undefined
            ? html``
            : html`<link rel="manifest" href="${options.manifest}" />
                <meta name="theme-color" content="#004b87" />`
        }
        ${scripts}
      </head>
      <body>
        <a class="skip" href="#main">${t('layout.skip')}</a>
        <header>
          <a class="brand" href="/">Stadspas <span>${options.org}</span></a>
          <nav aria-label="${t('layout.pages')}">
            <ul>
              ${nav}
            </ul>
          </nav>
          <a
            class="language"
            id="language-switch"
            href="${options.languageSwitch}"
            lang="${other}"
            hreflang="${other}"
            >${wordsFor(other).t('language.name')}</a
          >
          ${account}
        </header>
        <main id="main">
          <h1>${options.title}</h1>
          ${options.body}
        </main>
      </body>
    </html>`.value;
}
