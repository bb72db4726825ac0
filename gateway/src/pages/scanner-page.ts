import { html, type SafeHtml } from './html';

/** The scanner's camera and paste form, shared with the holder page. */
export function cardReader(formId: string, action?: string): SafeHtml {
  const attributes = action === undefined ? html`` : html` method="post" action="${action}"`;
  return html`<div class="camera">
      <video id="camera" playsinline muted hidden aria-label="Camera picture"></video>
      <button type="button" id="camera-start">Scan with the camera</button>
      <p id="camera-status" class="hint" aria-live="polite"></p>
    </div>
    <form id="${formId}" class="card" ${attributes}>
      <label for="qr">Or paste or type the code of the card</label>
      <textarea
        id="qr"
        name="qr"
        rows="3"
        required
        maxlength="2000"
        autocomplete="off"
        spellcheck="false"
      ></textarea>
      <button type="submit">Check card</button>
    </form>`;
}

/**
 * The venue's scanner page: read a card (camera or pasted code), see what may be booked, book with one tap,
 * list and reverse today's bookings, and claim payment for a period. All of it runs in `scanner.js` against
 * the API with the page session.
 */
export function scannerBody(venueId: string | undefined): SafeHtml {
  return html`<p class="hint">
      Venue: <strong id="venue">${venueId ?? 'none (this account is not a venue)'}</strong>
    </p>
    <section aria-labelledby="scan-title">
      <h2 id="scan-title">Scan a card</h2>
      ${cardReader('scan-form')}
      <div id="scan-result" aria-live="polite"></div>
    </section>
    <section aria-labelledby="bookings-title">
      <h2 id="bookings-title">Today’s bookings</h2>
      <button type="button" id="bookings-refresh" class="secondary">Refresh</button>
      <p id="bookings-message" aria-live="polite"></p>
      <table id="bookings">
        <caption class="visually-hidden">
          Bookings of this venue today
        </caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Pass</th>
            <th scope="col">Offer</th>
            <th scope="col">Use</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody></tbody>
      </table>
    </section>
    <section aria-labelledby="claim-title">
      <h2 id="claim-title">Claim payment</h2>
      <form id="claim-form" class="card">
        <label for="claimId">Claim number</label>
        <input id="claimId" name="claimId" required maxlength="64" />
        <label for="funderMspId">Funder</label>
        <select id="funderMspId" name="funderMspId">
          <option value="GemeenteMSP">Municipality</option>
          <option value="SVBMSP">SVB</option>
        </select>
        <label for="periodFrom">From (date)</label>
        <input id="periodFrom" name="periodFrom" type="date" required />
        <label for="periodTo">Up to and including (date)</label>
        <input id="periodTo" name="periodTo" type="date" required />
        <button type="submit">Claim</button>
      </form>
      <p id="claim-result" aria-live="polite"></p>
    </section>`;
}
