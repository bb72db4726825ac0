import { balancesHead } from './holder-page';
import { html, type SafeHtml } from './html';
import { cameraAndCodeField } from './scanner-page';
import type { PageLink } from './page-set';
import type { Words } from './words';

/** Where the holder's app lives: its page, manifest and service worker share this scope. */
export const APP_SCOPE = '/mijn/';

/**
 * The holder's app, "Mijn Stadspas": linking the phone (the card's code and the letter's link code), then the
 * rotating code, the balances, the uses and the phones, all drawn by `mijn.js`, which keeps the device key in the
 * browser (never exportable) and the last balances for when there is no connection.
 */
export function appBody(words: Words): SafeHtml {
  const { t } = words;
  const { camera, codeField } = cameraAndCodeField(words);
  return html`<noscript><p class="refusal">${t('app.noScript')}</p></noscript>
    <section id="app-link" aria-labelledby="app-link-title" hidden>
      <h2 id="app-link-title">${t('app.link')}</h2>
      <p>${t('app.intro')}</p>
      ${camera}
      <form id="link-form" class="card">
        ${codeField}
        <label for="link-code">${t('app.linkCode')}</label>
        <input
          id="link-code"
          name="linkCode"
          required
          maxlength="40"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck="false"
          aria-describedby="link-hint"
        />
        <p id="link-hint" class="hint">${t('app.linkHint')}</p>
        <button type="submit" id="link">${t('app.link')}</button>
      </form>
    </section>
    <section id="app-pass" aria-labelledby="app-pass-title" hidden>
      <h2 id="app-pass-title"></h2>
      <figure class="app-code">
        <canvas id="app-code" width="264" height="264" role="img"></canvas>
        <figcaption id="code-changes"></figcaption>
      </figure>
      <p id="pass-status" class="status"></p>
      <p id="pass-freshness" aria-live="polite"></p>
      <h3>${t('holder.balances')}</h3>
      <table>
        ${balancesHead(words)}
        <tbody id="app-vouchers"></tbody>
      </table>
      <h3>${t('holder.history')}</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">${t('col.date')}</th>
            <th scope="col">${t('app.col.where')}</th>
            <th scope="col">${t('col.offer')}</th>
            <th scope="col">${t('holder.col.what')}</th>
          </tr>
        </thead>
        <tbody id="app-uses"></tbody>
      </table>
      <button type="button" id="older-uses" class="secondary" hidden>${t('holder.older')}</button>
      <h3>${t('app.phones')}</h3>
      <ul id="app-phones"></ul>
      <h3>${t('app.lost')}</h3>
      <p>
        <button type="button" id="block-card" class="secondary">${t('app.blockCard')}</button>
        <button type="button" id="unlink" class="secondary">${t('app.unlink')}</button>
      </p>
    </section>
    <p id="app-message" role="status"></p>`;
}

/** The web app manifest of an installable page (the holder's app, the venue's counter), in the page's language. */
export function manifestOf({ t, lang }: Words, page: PageLink): Record<string, unknown> {
  return {
    name: t(page.title),
    short_name: t(page.title),
    description: t(page.description),
    lang,
    start_url: page.path,
    scope: page.path,
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#004b87',
    icons: [{ src: '/assets/app-icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
  };
}
