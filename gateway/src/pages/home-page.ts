import { html, type SafeHtml } from './html';
import type { PageLink } from './page-set';
import type { Words } from './words';

/** The start page: this organisation's pages, and where to read the API. */
export function homeBody(words: Words, pages: readonly PageLink[], signedIn: boolean): SafeHtml {
  const { t } = words;
  const items = pages.map(
    (page) =>
      html`<li>
        <a href="${page.path}">${t(page.title)}</a>:
        ${t(page.description)}${page.signIn && !signedIn ? ` ${t('home.needsSignIn')}` : ''}
      </li>`,
  );
  return html`<ul class="pages">
      ${items}
    </ul>
    ${signedIn ? html`` : html`<p><a href="/sign-in">${t('signIn.title')}</a></p>`}
    <p class="hint">${t('home.api')} <code>/api/v1</code>, ${t('home.docs')} <a href="/docs">/docs</a>.</p>`;
}
