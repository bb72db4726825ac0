import { html, type SafeHtml } from './html';

const field = (id: string, label: string, attributes: SafeHtml = html`required`): SafeHtml =>
  html`<label for="${id}">${label}</label><input id="${id}" name="${id}" ${attributes} />`;

const issueSection = html`<section aria-labelledby="issue-title">
  <h2 id="issue-title">Issue a pass</h2>
  <form id="issue-form" class="card">
    ${field('passId', 'Pass number', html`required maxlength="64" placeholder="SP-2001"`)}
    ${field('category', 'Category', html`required maxlength="64" list="categories" value="adult"`)}
    <datalist id="categories">
      <option value="adult"></option>
      <option value="child"></option>
      <option value="senior"></option>
    </datalist>
    ${field('validFrom', 'Valid from', html`type="date" required`)}
    ${field('validUntil', 'Valid until', html`type="date" required`)}
    ${field('name', 'Name of the holder', html`required maxlength="200" autocomplete="off"`)}
    ${field('bsn', 'BSN', html`required inputmode="numeric" pattern="[0-9]{9}" autocomplete="off"`)}
    ${field('dateOfBirth', 'Date of birth', html`type="date" required`)}
    ${field('address', 'Address', html`required maxlength="200" autocomplete="off"`)}
    <button type="submit">Issue</button>
  </form>
  <div id="issue-result" aria-live="polite"></div>
</section>`;

const batchSection = html`<section aria-labelledby="batch-title">
  <h2 id="batch-title">Issue a batch from a CSV file</h2>
  <form id="batch-form" class="card">
    <p class="hint">
      One pass a line, with the header
      <code>passId,category,validFrom,validUntil,name,bsn,dateOfBirth,address</code> (dates as 2026-01-31; an
      address with a comma in double quotes). Each line is issued on its own, so one bad line stops no other.
    </p>
    <label for="csv">CSV file</label>
    <input id="csv" name="csv" type="file" accept=".csv,text/csv" required />
    <button type="submit">Issue the batch</button>
  </form>
  <table id="batch-result" hidden>
    <caption>
      Result per line
    </caption>
    <thead>
      <tr>
        <th scope="col">Line</th>
        <th scope="col">Pass</th>
        <th scope="col">Result</th>
      </tr>
    </thead>
    <tbody></tbody>
  </table>
</section>`;

const passSection = html`<section aria-labelledby="pass-title">
  <h2 id="pass-title">A pass: look up, block, replace, renew</h2>
  <form id="pass-form" class="card">
    ${field('pass-passId', 'Pass number', html`required maxlength="64"`)}
    <button type="submit" data-action="lookup">Look up</button>
    ${field('pass-reason', 'Reason (to block)', html`maxlength="200"`)}
    <button type="submit" data-action="block">Block</button>
    <button type="submit" data-action="unblock" class="secondary">Unblock</button>
    ${field('pass-newPassId', 'New pass number (to replace)', html`maxlength="64"`)}
    <button type="submit" data-action="replace">Replace</button>
    ${field('pass-validUntil', 'New end date (to renew)', html`type="date"`)}
    <button type="submit" data-action="renew">Renew</button>
  </form>
  <div id="pass-result" aria-live="polite"></div>
</section>`;

const claimsSection = html`<section aria-labelledby="claims-title">
  <h2 id="claims-title">Claims to decide</h2>
  <button type="button" id="claims-refresh" class="secondary">Refresh</button>
  <p id="claims-message" aria-live="polite"></p>
  <table id="claims">
    <caption class="visually-hidden">
      Submitted claims
    </caption>
    <thead>
      <tr>
        <th scope="col">Claim</th>
        <th scope="col">Venue</th>
        <th scope="col">Period</th>
        <th scope="col">Amount</th>
        <th scope="col">Decide</th>
      </tr>
    </thead>
    <tbody></tbody>
  </table>
</section>`;

const offersSection = html`<section aria-labelledby="offers-title">
  <h2 id="offers-title">Offers</h2>
  <ul id="offers" class="plain"></ul>
  <form id="offer-form" class="card">
    <h3>New offer</h3>
    ${field('offer-offerId', 'Offer id', html`required maxlength="64" placeholder="swim-10"`)}
    ${field('offer-name', 'Name', html`required maxlength="200"`)}
    <label for="offer-kind">Kind</label>
    <select id="offer-kind" name="kind">
      <option value="entries">Entries per period</option>
      <option value="budget">Budget per period</option>
      <option value="discount">Discount</option>
    </select>
    ${field('offer-amount', 'Entries, budget in euros, or discount percentage', html`required inputmode="decimal"`)}
    ${field('offer-venues', 'Venues (ids, comma separated)', html`required`)}
    ${field('offer-categories', 'Categories (comma separated)', html`required value="adult,child,senior"`)}
    ${field('offer-reimbursement', 'Reimbursement: euros per use (entries) or percentage (budget, discount)', html`required inputmode="decimal"`)}
    <label for="offer-funder">Funder</label>
    <select id="offer-funder" name="funderMspId">
      <option value="GemeenteMSP">Municipality</option>
      <option value="SVBMSP">SVB</option>
    </select>
    ${field('offer-validFrom', 'Valid from', html`type="date" required`)}
    ${field('offer-validUntil', 'Valid until', html`type="date" required`)}
    <label class="check"
      ><input id="offer-byRule" name="grantByRule" type="checkbox" /> Every eligible pass gets it each
      period</label
    >
    <button type="submit">Create offer</button>
  </form>
  <p id="offer-result" aria-live="polite"></p>
</section>`;

const venuesSection = html`<section aria-labelledby="venues-title">
  <h2 id="venues-title">Venues</h2>
  <ul id="venues" class="plain"></ul>
  <form id="venue-form" class="card">
    <h3>New venue</h3>
    ${field('venue-venueId', 'Venue id', html`required maxlength="64" placeholder="bibliotheek-centrum"`)}
    ${field('venue-name', 'Name', html`required maxlength="200"`)}
    ${field('venue-kind', 'Kind', html`required maxlength="64" placeholder="library"`)}
    <button type="submit">Register venue</button>
  </form>
  <p id="venue-result" aria-live="polite"></p>
</section>`;

/** The municipality's desk: passes (one or a batch), a pass's life, claims to decide, offers and venues. */
export function adminBody(): SafeHtml {
  return html`${issueSection}${batchSection}${passSection}${claimsSection}${offersSection}${venuesSection}`;
}
