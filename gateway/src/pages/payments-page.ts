import { html, type SafeHtml } from './html';
import type { Words } from './words';

/** The payer's page: approved claims waiting for payment, each with a form for its payment reference. */
export function paymentsBody({ t }: Words): SafeHtml {
  return html`<section aria-labelledby="topay-title">
      <h2 id="topay-title">${t('payments.title')}</h2>
      <button type="button" id="payments-refresh" class="secondary">${t('common.refresh')}</button>
      <p id="payments-message" aria-live="polite"></p>
      <table id="payments">
        <caption class="visually-hidden">
          ${t('payments.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('col.claim')}</th>
            <th scope="col">${t('col.venue')}</th>
            <th scope="col">${t('common.funder')}</th>
            <th scope="col">${t('col.amount')}</th>
            <th scope="col">${t('payments.col.payment')}</th>
          </tr>
        </thead>
        <tbody></tbody>
      </table>
    </section>
    <section aria-labelledby="paid-title">
      <h2 id="paid-title">${t('payments.paid')}</h2>
      <ul id="paid" class="plain"></ul>
    </section>`;
}
