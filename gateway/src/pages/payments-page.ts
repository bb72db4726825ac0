import { html, type SafeHtml } from './html';
import type { Words } from './words';

/**
 * The payer's page: the approved claims as one SEPA file for the bank, the bank's statement read back, and each
 * approved claim with a form for a payment made another way.
 */
export function paymentsBody({ t }: Words): SafeHtml {
  return html`<section aria-labelledby="bank-title">
      <h2 id="bank-title">${t('payments.bank.title')}</h2>
      <p id="batch-summary" aria-live="polite"></p>
      <ul id="batch-unpayable" class="plain"></ul>
      <p>
        <label for="execution-date">${t('payments.bank.executionDate')}</label>
        <input id="execution-date" type="date" required />
        <a id="batch-download" href="/api/v1/payments/batch?format=xml" download
          >${t('payments.bank.download')}</a
        >
      </p>
      <form id="statement-form">
        <label for="statement-file">${t('payments.bank.statement')}</label>
        <input id="statement-file" type="file" accept=".xml,application/xml,text/xml" required />
        <button type="submit">${t('payments.bank.read')}</button>
      </form>
      <p id="statement-message" aria-live="polite"></p>
      <table id="statement-lines">
        <caption class="visually-hidden">
          ${t('payments.bank.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('col.claim')}</th>
            <th scope="col">${t('col.amount')}</th>
            <th scope="col">${t('payments.bank.col.reference')}</th>
            <th scope="col">${t('payments.bank.col.outcome')}</th>
          </tr>
        </thead>
        <tbody></tbody>
      </table>
    </section>
    <section aria-labelledby="topay-title">
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
      <button type="button" id="payments-older" class="secondary" hidden>${t('common.older')}</button>
    </section>
    <section aria-labelledby="paid-title">
      <h2 id="paid-title">${t('payments.paid')}</h2>
      <ul id="paid" class="plain"></ul>
      <button type="button" id="paid-older" class="secondary" hidden>${t('common.older')}</button>
    </section>`;
}
