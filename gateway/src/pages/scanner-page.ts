import {
  FUNDER_ROLES,
  OFFER_KIND_RULES,
  OFFER_KINDS,
  type SchemeOrganisation,
} from '@stadspas/chaincode/vocabulary';
import { html, type SafeHtml } from './html';
import { organisationOptions } from './scheme-options';
import type { Words } from './words';

/** What the counter enters for each offer kind, for the scanner's booking forms. */
function inputsOfKinds(): string {
  return JSON.stringify(Object.fromEntries(OFFER_KINDS.map((kind) => [kind, OFFER_KIND_RULES[kind].input])));
}

/** The camera that reads a card's QR code (`camera.js`), and the field its code goes into (`#qr`). */
export function cameraAndCodeField({ t }: Words): { camera: SafeHtml; codeField: SafeHtml } {
  return {
    camera: html`<div class="camera">
      <video id="camera" playsinline muted hidden aria-label="${t('reader.camera')}"></video>
      <button type="button" id="camera-start">${t('reader.start')}</button>
      <p id="camera-status" class="hint" aria-live="polite"></p>
    </div>`,
    codeField: html`<label for="qr">${t('reader.code')}</label>
      <textarea
        id="qr"
        name="qr"
        rows="3"
        required
        maxlength="2000"
        autocomplete="off"
        spellcheck="false"
      ></textarea>`,
  };
}

/** The scanner's camera and paste form, shared with the holder page. */
export function cardReader(words: Words, formId: string, action?: string): SafeHtml {
  const attributes = action === undefined ? html`` : html` method="post" action="${action}"`;
  const { camera, codeField } = cameraAndCodeField(words);
  return html`${camera}
    <form id="${formId}" class="card" ${attributes}>
      ${codeField}
      <button type="submit" id="check-card">${words.t('reader.check')}</button>
    </form>`;
}

/**
 * The venue's scanner page: read a card (camera or pasted code), see what may be booked, book with one tap,
 * list and reverse today's bookings, and claim payment for a period. All of it runs in `scanner.js` against
 * the API with the page session.
 */
export function scannerBody(
  words: Words,
  venueId: string | undefined,
  scheme: readonly SchemeOrganisation[],
): SafeHtml {
  const { t } = words;
  return html`<p class="hint">
      ${t('scanner.venue')} <strong id="venue">${venueId ?? t('scanner.noVenue')}</strong>
    </p>
    <p id="counter-state" class="hint" aria-live="polite"></p>
    <section aria-labelledby="scan-title">
      <h2 id="scan-title">${t('scanner.scanTitle')}</h2>
      ${cardReader(words, 'scan-form')}
      <div id="scan-result" aria-live="polite" data-inputs="${inputsOfKinds()}"></div>
    </section>
    <section id="offline-section" aria-labelledby="offline-title" hidden>
      <h2 id="offline-title">${t('offline.title')}</h2>
      <table id="offline-bookings">
        <thead>
          <tr>
            <th scope="col">${t('offline.col.madeAt')}</th>
            <th scope="col">${t('col.pass')}</th>
            <th scope="col">${t('col.offer')}</th>
            <th scope="col">${t('scanner.col.state')}</th>
          </tr>
        </thead>
        <tbody></tbody>
      </table>
    </section>
    <section aria-labelledby="bookings-title">
      <h2 id="bookings-title">${t('scanner.bookingsTitle')}</h2>
      <button type="button" id="bookings-refresh" class="secondary">${t('common.refresh')}</button>
      <p id="bookings-message" aria-live="polite"></p>
      <table id="bookings">
        <caption class="visually-hidden">
          ${t('scanner.bookingsCaption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('scanner.col.time')}</th>
            <th scope="col">${t('col.pass')}</th>
            <th scope="col">${t('col.offer')}</th>
            <th scope="col">${t('scanner.col.use')}</th>
            <th scope="col">${t('scanner.col.state')}</th>
          </tr>
        </thead>
        <tbody></tbody>
      </table>
      <button type="button" id="bookings-older" class="secondary" hidden>${t('common.older')}</button>
    </section>
    <section aria-labelledby="claim-title">
      <h2 id="claim-title">${t('scanner.claimTitle')}</h2>
      <form id="claim-form" class="card">
        <label for="claimId">${t('scanner.claimId')}</label>
        <input id="claimId" name="claimId" required maxlength="64" />
        <label for="funderMspId">${t('common.funder')}</label>
        <select id="funderMspId" name="funderMspId">
          ${organisationOptions(scheme, FUNDER_ROLES)}
        </select>
        <label for="periodFrom">${t('scanner.from')}</label>
        <input id="periodFrom" name="periodFrom" type="date" required />
        <label for="periodTo">${t('scanner.to')}</label>
        <input id="periodTo" name="periodTo" type="date" required />
        <button type="submit">${t('scanner.claim')}</button>
      </form>
      <p id="claim-result" aria-live="polite"></p>
    </section>`;
}
