import {
  FUNDER_ROLES,
  OFFER_KINDS,
  OFFER_KIND_RULES,
  type SchemeOrganisation,
} from '@stadspas/chaincode/vocabulary';
import { html, type SafeHtml } from './html';
import { organisationOptions } from './scheme-options';
import type { MessageKey, Words } from './words';

type Field = (id: string, label: MessageKey, attributes?: SafeHtml) => SafeHtml;

const fieldOf =
  ({ t }: Words): Field =>
  (id, label, attributes = html`required`) =>
    html`<label for="${id}">${t(label)}</label><input id="${id}" name="${id}" ${attributes} />`;

function issueSection({ t }: Words, field: Field): SafeHtml {
  return html`<section aria-labelledby="issue-title">
    <h2 id="issue-title">${t('admin.issue.title')}</h2>
    <form id="issue-form" class="card">
      ${field(
        'cardNumber',
        'admin.cardNumber',
        html`maxlength="20" pattern="[0-9A-Z]{6,20}" inputmode="numeric" autocomplete="off"`,
      )}
      ${field('category', 'admin.category', html`required maxlength="64" list="categories" value="adult"`)}
      <datalist id="categories">
        <option value="adult"></option>
        <option value="child"></option>
        <option value="senior"></option>
      </datalist>
      ${field('validFrom', 'admin.validFrom', html`type="date" required`)}
      ${field('validUntil', 'admin.validUntil', html`type="date" required`)}
      ${field('name', 'admin.name', html`required maxlength="200" autocomplete="off"`)}
      ${field('bsn', 'admin.bsn', html`required inputmode="numeric" pattern="[0-9]{9}" autocomplete="off"`)}
      ${field('dateOfBirth', 'admin.dateOfBirth', html`type="date" required`)}
      ${field('address', 'admin.address', html`required maxlength="200" autocomplete="off"`)}
      <button type="submit" id="issue-submit">${t('admin.issue')}</button>
    </form>
    <div id="issue-result" aria-live="polite"></div>
  </section>`;
}

/** A table the page's script fills with one row per line or batch of an upload, hidden until then. */
function resultTable(id: string, caption: string, columns: readonly string[]): SafeHtml {
  return html`<table id="${id}" hidden>
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        ${columns.map((column) => html`<th scope="col">${column}</th>`)}
      </tr>
    </thead>
    <tbody></tbody>
  </table>`;
}

function batchSection({ t }: Words): SafeHtml {
  return html`<section aria-labelledby="batch-title">
    <h2 id="batch-title">${t('admin.batch.title')}</h2>
    <form id="batch-form" class="card">
      <p class="hint">
        ${t('admin.batch.header')}
        <code>cardNumber,category,validFrom,validUntil,name,bsn,dateOfBirth,address</code>
        ${t('admin.batch.rules')}
      </p>
      <label for="csv">${t('admin.batch.file')}</label>
      <input id="csv" name="csv" type="file" accept=".csv,text/csv" required />
      <button type="submit">${t('admin.batch.submit')}</button>
    </form>
    ${resultTable('batch-result', t('admin.batch.caption'), [
      t('admin.batch.line'),
      t('col.pass'),
      t('admin.batch.result'),
    ])}
  </section>`;
}

function importSection({ t }: Words): SafeHtml {
  return html`<section aria-labelledby="import-title">
    <h2 id="import-title">${t('admin.import.title')}</h2>
    <form id="import-form" class="card">
      <p class="hint">${t('admin.import.hint')} <code>POST /api/v1/passes/import</code></p>
      <label for="import-file">${t('admin.import.file')}</label>
      <input
        id="import-file"
        name="import-file"
        type="file"
        accept=".jsonl,.json,application/jsonl"
        required
      />
      <button type="submit">${t('admin.import.submit')}</button>
    </form>
    ${resultTable('import-result', t('admin.import.caption'), [
      t('admin.import.lines'),
      t('admin.batch.result'),
    ])}
  </section>`;
}

function passSection({ t }: Words, field: Field): SafeHtml {
  return html`<section aria-labelledby="pass-title">
    <h2 id="pass-title">${t('admin.pass.title')}</h2>
    <form id="pass-form" class="card">
      ${field('pass-passId', 'admin.passOrCard', html`required maxlength="64"`)}
      <button type="submit" data-action="lookup">${t('admin.pass.lookup')}</button>
      ${field('pass-reason', 'admin.pass.reason', html`maxlength="200"`)}
      <button type="submit" data-action="block">${t('admin.pass.block')}</button>
      <button type="submit" data-action="unblock" class="secondary">${t('admin.pass.unblock')}</button>
      ${field('pass-newPassId', 'admin.pass.newPassId', html`maxlength="64"`)}
      <button type="submit" data-action="replace">${t('admin.pass.replace')}</button>
      ${field('pass-validUntil', 'admin.pass.validUntil', html`type="date"`)}
      <button type="submit" data-action="renew">${t('admin.pass.renew')}</button>
      <button type="submit" data-action="letter" class="secondary">${t('admin.pass.letter')}</button>
    </form>
    <div id="pass-result" aria-live="polite"></div>
  </section>`;
}

function claimsSection({ t }: Words): SafeHtml {
  return html`<section aria-labelledby="claims-title">
    <h2 id="claims-title">${t('admin.claims.title')}</h2>
    <button type="button" id="claims-refresh" class="secondary">${t('common.refresh')}</button>
    <p id="claims-message" aria-live="polite"></p>
    <table id="claims">
      <caption class="visually-hidden">
        ${t('admin.claims.caption')}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t('col.claim')}</th>
          <th scope="col">${t('col.venue')}</th>
          <th scope="col">${t('col.period')}</th>
          <th scope="col">${t('col.amount')}</th>
          <th scope="col">${t('admin.claims.decide')}</th>
        </tr>
      </thead>
      <tbody></tbody>
    </table>
    <button type="button" id="claims-older" class="secondary" hidden>${t('common.older')}</button>
  </section>`;
}

function offersSection({ t }: Words, field: Field, scheme: readonly SchemeOrganisation[]): SafeHtml {
  return html`<section aria-labelledby="offers-title">
    <h2 id="offers-title">${t('admin.offers.title')}</h2>
    <ul id="offers" class="plain"></ul>
    <form id="offer-form" class="card">
      <h3>${t('admin.offers.new')}</h3>
      ${field('offer-offerId', 'admin.offer.id', html`required maxlength="64" placeholder="swim-10"`)}
      ${field('offer-name', 'common.name', html`required maxlength="200"`)}
      <label for="offer-kind">${t('common.kind')}</label>
      <select id="offer-kind" name="kind" data-kinds="${JSON.stringify(OFFER_KIND_RULES)}">
        ${OFFER_KINDS.map((kind) => html`<option value="${kind}">${t(`admin.offer.kind.${kind}`)}</option>`)}
      </select>
      ${field('offer-amount', 'admin.offer.amount', html`required inputmode="decimal"`)}
      ${field('offer-ceiling', 'admin.offer.ceiling', html`inputmode="decimal"`)}
      ${field('offer-discountBudget', 'admin.offer.discountBudget', html`inputmode="decimal"`)}
      ${field('offer-tiers', 'admin.offer.tiers', html`placeholder="2:100"`)}
      <label class="check"
        ><input id="offer-remainderAtCounter" name="remainderAtCounter" type="checkbox" />
        ${t('admin.offer.remainderAtCounter')}</label
      >
      ${field('offer-venues', 'admin.offer.venues', html`required`)}
      ${field('offer-categories', 'admin.offer.categories', html`required value="adult,child,senior"`)}
      ${field('offer-reimbursement', 'admin.offer.reimbursement', html`required inputmode="decimal"`)}
      <label for="offer-funder">${t('common.funder')}</label>
      <select id="offer-funder" name="funderMspId">
        ${organisationOptions(scheme, FUNDER_ROLES)}
      </select>
      ${field('offer-validFrom', 'admin.validFrom', html`type="date" required`)}
      ${field('offer-validUntil', 'admin.validUntil', html`type="date" required`)}
      <label class="check"
        ><input id="offer-byRule" name="grantByRule" type="checkbox" /> ${t('admin.offer.byRule')}</label
      >
      <button type="submit">${t('admin.offer.create')}</button>
    </form>
    <p id="offer-result" aria-live="polite"></p>
  </section>`;
}

/** Venues, as this municipality decides on them: its suspension binds its own passes only. */
function venuesSection(
  { t }: Words,
  field: Field,
  mspId: string,
  scheme: readonly SchemeOrganisation[],
): SafeHtml {
  return html`<section aria-labelledby="venues-title">
    <h2 id="venues-title">${t('admin.venues.title')}</h2>
    <ul id="venues" class="plain" data-msp="${mspId}"></ul>
    <form id="venue-form" class="card">
      <h3>${t('admin.venues.new')}</h3>
      ${field('venue-venueId', 'admin.venue.id', html`required maxlength="64" placeholder="bibliotheek-centrum"`)}
      ${field('venue-name', 'common.name', html`required maxlength="200"`)}
      ${field('venue-kind', 'common.kind', html`required maxlength="64" placeholder="${t('admin.venue.kindExample')}"`)}
      <label for="venue-mspId">${t('admin.venue.organisation')}</label>
      <select id="venue-mspId" name="mspId">
        ${organisationOptions(scheme, ['venues'])}
      </select>
      <button type="submit">${t('admin.venue.register')}</button>
    </form>
    <p id="venue-result" aria-live="polite"></p>
  </section>`;
}

/**
 * The municipality's desk: passes (one or a batch), a pass's life, claims to decide, offers and venues, for the
 * municipality `mspId`, with the organisations of the scheme as funders and as venues' organisations.
 */
export function adminBody(words: Words, mspId: string, scheme: readonly SchemeOrganisation[]): SafeHtml {
  const field = fieldOf(words);
  return html`${issueSection(words, field)}${batchSection(words)}${importSection(words)}${passSection(words, field)}${claimsSection(
    words,
  )}${offersSection(words, field, scheme)}${venuesSection(words, field, mspId, scheme)}`;
}
