import { html, type SafeHtml } from './html';
import type { Words } from './words';

/**
 * A venues organisation's page of its own venues: the bank account each is paid on, which only the organisation's
 * admin sets (the ledger refuses anyone else).
 */
export function venuesBody({ t }: Words, mspId: string): SafeHtml {
  return html`<section aria-labelledby="venues-title">
    <h2 id="venues-title">${t('venues.title')}</h2>
    <p>${t('venues.explain')}</p>
    <p id="venues-message" aria-live="polite"></p>
    <table id="own-venues" data-msp="${mspId}">
      <caption class="visually-hidden">
        ${t('venues.caption')}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t('col.venue')}</th>
          <th scope="col">${t('venues.col.account')}</th>
          <th scope="col">${t('venues.col.change')}</th>
        </tr>
      </thead>
      <tbody></tbody>
    </table>
  </section>`;
}
