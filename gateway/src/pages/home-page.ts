import { html, type SafeHtml } from './html';
import type { PageLink } from './page-set';

/** The start page: this organisation's pages, and where to read the API. */
export function homeBody(pages: readonly PageLink[], signedIn: boolean): SafeHtml {
  const items = pages.map(
    (page) =>
      html`<li>
        <a href="${page.path}">${page.title}</a>:
        ${page.description}${page.signIn && !signedIn ? ' (sign in with your API key)' : ''}
      </li>`,
  );
  return html`<ul class="pages">
      ${items}
    </ul>
    ${signedIn ? html`` : html`<p><a href="/sign-in">Sign in</a></p>`}
    <p class="hint">
      Programs use the REST API under <code>/api/v1</code>, described at <a href="/docs">/docs</a>.
    </p>`;
}
