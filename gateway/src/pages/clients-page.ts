import { html, type SafeHtml } from './html';
import type { Words } from './words';

/**
 * The admin's page of the organisation's API clients (who has a key, and revoking one) and its webhooks (each
 * one's queue, and re-driving a paused one).
 */
export function clientsBody({ t }: Words, self: string): SafeHtml {
  return html`<section aria-labelledby="clients-title">
      <h2 id="clients-title">${t('clients.title')}</h2>
      <p>${t('clients.explain')}</p>
      <button type="button" id="clients-refresh" class="secondary">${t('common.refresh')}</button>
      <p id="clients-message" aria-live="polite"></p>
      <table id="clients" data-self="${self}">
        <caption class="visually-hidden">
          ${t('clients.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('common.name')}</th>
            <th scope="col">${t('clients.col.role')}</th>
            <th scope="col">${t('col.venue')}</th>
            <th scope="col">${t('clients.col.action')}</th>
          </tr>
        </thead>
        <tbody></tbody>
      </table>
    </section>
    <section aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">${t('webhooks.title')}</h2>
      <p>${t('webhooks.explain')}</p>
      <p id="webhooks-message" aria-live="polite"></p>
      <table id="webhooks">
        <caption class="visually-hidden">
          ${t('webhooks.title')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('webhooks.col.url')}</th>
            <th scope="col">${t('webhooks.col.state')}</th>
            <th scope="col">${t('webhooks.col.pending')}</th>
            <th scope="col">${t('webhooks.col.lastError')}</th>
            <th scope="col">${t('webhooks.col.action')}</th>
          </tr>
        </thead>
        <tbody></tbody>
      </table>
    </section>`;
}
