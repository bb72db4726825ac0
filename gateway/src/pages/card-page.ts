import type { PassView } from '@stadspas/chaincode/vocabulary';
import { html, type SafeHtml } from './html';
import type { Words } from './words';

/**
 * A printable card: the card number (never the pass's pseudonym on the shared ledger), its validity, the QR code
 * (the gateway's own SVG rendering of the signed payload) and the payload as text, for typing in when a camera
 * cannot read the card. A pass whose holder was erased has no card number left to print.
 */
export function cardBody(
  words: Words,
  pass: Pick<PassView, 'passId' | 'category' | 'validUntil'>,
  cardNumber: string | undefined,
  qr: string,
): SafeHtml {
  const { t } = words;
  const id = encodeURIComponent(pass.passId);
  return html`<div class="no-print">
      <button type="button" data-print>${t('card.print')}</button>
      <a href="/api/v1/passes/${id}/qr?format=png" download="${pass.passId}.png">${t('card.png')}</a>
      <a href="/api/v1/passes/${id}/qr?format=svg" download="${pass.passId}.svg">${t('card.svg')}</a>
    </div>
    <article class="pass-card" aria-label="${t('card.label', { passId: pass.passId })}">
      <p class="pass-card-title">Stadspas</p>
      <img
        src="/api/v1/passes/${id}/qr?format=svg"
        alt="${t('card.qrAlt', { passId: pass.passId })}"
        width="200"
        height="200"
      />
      ${
        cardNumber === undefined
          ? ''
          : html`<p class="pass-card-number" aria-label="${t('card.number')}">${cardNumber}</p>`
      }
      <p>${t('card.validity', { category: pass.category, until: words.lastDay(pass.validUntil) })}</p>
      <p class="pass-card-code" id="card-code">${qr}</p>
    </article>`;
}
