import { formatAmount, formatDate, formatLastDay } from './amounts';
import type { HolderView } from './holder-view';
import { html, type SafeHtml } from './html';
import { cardReader } from './scanner-page';

const statusWords: Readonly<Record<string, string>> = {
  active: 'Active: you can use this pass.',
  blocked: 'Blocked: this pass cannot be used. Ask the municipality’s desk.',
  replaced: 'Replaced: use your new card.',
  expired: 'Expired: this pass is no longer valid.',
};

function passDetails(view: HolderView): SafeHtml {
  const vouchers = view.vouchers.map(
    (v) =>
      html`<tr>
        <td>${v.offerName}</td>
        <td>${v.periodKey}</td>
        <td>${formatAmount(v.used, v.unit)}</td>
        <td>${formatAmount(v.remaining, v.unit)}</td>
      </tr>`,
  );
  const history = [...view.history]
    .sort((a, b) => b.at.localeCompare(a.at))
    .map(
      (h) =>
        html`<tr>
          <td>${formatDate(h.at)}</td>
          <td>${h.venueId}</td>
          <td>${h.offerId}</td>
          <td>${h.type === 'reversal' ? 'reversed' : 'used'}</td>
        </tr>`,
    );
  return html`<section id="holder-pass" aria-labelledby="holder-pass-title" class="card">
    <h2 id="holder-pass-title">Pass ${view.passId}</h2>
    <p class="status status-${view.status}">${statusWords[view.status] ?? view.status}</p>
    <p>
      Category ${view.category}, valid from ${formatDate(view.validFrom)} until
      ${formatLastDay(view.validUntil)}.
    </p>
    <h3>Balances</h3>
    <table>
      <thead>
        <tr>
          <th scope="col">Offer</th>
          <th scope="col">Period</th>
          <th scope="col">Used</th>
          <th scope="col">Left</th>
        </tr>
      </thead>
      <tbody>
        ${vouchers}
      </tbody>
    </table>
    <h3>History</h3>
    ${
      history.length === 0
        ? html`<p>Not used yet.</p>`
        : html`<table>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Venue</th>
                <th scope="col">Offer</th>
                <th scope="col">What</th>
              </tr>
            </thead>
            <tbody>
              ${history}
            </tbody>
          </table>`
    }
  </section>`;
}

/**
 * The holder's page: scan or paste the code on one's own card and see that pass. The code goes in a form body
 * (POST), never in the address, so it stays out of histories and logs.
 */
export function holderBody(view?: HolderView, refusal?: string): SafeHtml {
  return html`<p>
      Scan the QR code on your card with the camera, or type the code printed under it. You see only the pass
      of that card.
    </p>
    ${cardReader('holder-form', '/pass')}
    ${refusal === undefined ? html`` : html`<p class="refusal" role="alert">${refusal}</p>`}
    ${view === undefined ? html`` : passDetails(view)}`;
}
