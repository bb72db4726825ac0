import type { HolderView } from './holder-view';
import { html, type SafeHtml } from './html';
import { cardReader } from './scanner-page';
import { isMessageKey, type Words } from './words';

/** The pass's status in a sentence for its holder, or the bare status when the catalogue has none. */
function statusSentence(words: Words, status: string): string {
  const key = `holder.status.${status}`;
  return isMessageKey(key) ? words.t(key) : status;
}

/** The head of a pass's balances table, on the holder page and in the holder's app. */
export function balancesHead({ t }: Words): SafeHtml {
  return html`<thead>
    <tr>
      <th scope="col">${t('col.offer')}</th>
      <th scope="col">${t('col.period')}</th>
      <th scope="col">${t('holder.col.used')}</th>
      <th scope="col">${t('holder.col.left')}</th>
    </tr>
  </thead>`;
}

function passDetails(words: Words, view: HolderView): SafeHtml {
  const { t } = words;
  const vouchers = view.vouchers.map(
    (v) =>
      html`<tr>
        <td>${v.offerName}</td>
        <td>${v.periodKey}</td>
        <td>${words.amount(v.used, v.unit)}</td>
        <td>${words.amount(v.remaining, v.unit)}</td>
      </tr>`,
  );
  return html`<section id="holder-pass" aria-labelledby="holder-pass-title" class="card">
    <h2 id="holder-pass-title">${t('common.pass', { passId: view.passId })}</h2>
    <p class="status status-${view.status}">${statusSentence(words, view.status)}</p>
    ${view.cardBlockedAt === undefined ? html`` : html`<p class="refusal">${t('holder.cardBlocked')}</p>`}
    <p>
      ${t('holder.validity', {
        category: view.category,
        from: words.date(view.validFrom),
        until: words.lastDay(view.validUntil),
      })}
    </p>
    <h3>${t('holder.balances')}</h3>
    <table>
      ${balancesHead(words)}
      <tbody>
        ${vouchers}
      </tbody>
    </table>
    <p>${t('holder.usesInApp')}</p>
  </section>`;
}

/**
 * The holder's page: scan or paste the code on one's own card and see that pass's balances; where it was used
 * shows only in the linked app. The code goes in a form body (POST), never in the address, so it stays out of
 * histories and logs.
 */
export function holderBody(words: Words, view?: HolderView, refusal?: string): SafeHtml {
  return html`<p>${words.t('holder.intro')}</p>
    ${cardReader(words, 'holder-form', '/pass')}
    ${refusal === undefined ? html`` : html`<p class="refusal" role="alert">${refusal}</p>`}
    ${view === undefined ? html`` : passDetails(words, view)}`;
}
