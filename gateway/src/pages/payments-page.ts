import { html, type SafeHtml } from './html';

/** The payer's page: approved claims waiting for payment, each with a form for its payment reference. */
export function paymentsBody(): SafeHtml {
  return html`<section aria-labelledby="topay-title">
      <h2 id="topay-title">Approved claims to pay</h2>
      <button type="button" id="payments-refresh" class="secondary">Refresh</button>
      <p id="payments-message" aria-live="polite"></p>
      <table id="payments">
        <caption class="visually-hidden">
          Approved claims
        </caption>
        <thead>
          <tr>
            <th scope="col">Claim</th>
            <th scope="col">Venue</th>
            <th scope="col">Funder</th>
            <th scope="col">Amount</th>
            <th scope="col">Payment</th>
          </tr>
        </thead>
        <tbody></tbody>
      </table>
    </section>
    <section aria-labelledby="paid-title">
      <h2 id="paid-title">Paid</h2>
      <ul id="paid" class="plain"></ul>
    </section>`;
}
