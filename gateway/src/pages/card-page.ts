import type { PassView } from '@stadspas/chaincode/vocabulary';
import { formatLastDay } from './amounts';
import { html, type SafeHtml } from './html';

/**
 * A printable card: the pass number, its validity, the QR code (the gateway's own SVG rendering of the signed
 * payload) and the payload as text, for typing in when a camera cannot read the card.
 */
export function cardBody(pass: Pick<PassView, 'passId' | 'category' | 'validUntil'>, qr: string): SafeHtml {
  const id = encodeURIComponent(pass.passId);
  return html`<div class="no-print">
      <button type="button" data-print>Print the card</button>
      <a href="/api/v1/passes/${id}/qr?format=png" download="${pass.passId}.png">QR as PNG</a>
      <a href="/api/v1/passes/${id}/qr?format=svg" download="${pass.passId}.svg">QR as SVG</a>
    </div>
    <article class="pass-card" aria-label="Card of pass ${pass.passId}">
      <p class="pass-card-title">Stadspas</p>
      <img
        src="/api/v1/passes/${id}/qr?format=svg"
        alt="QR code of pass ${pass.passId}"
        width="200"
        height="200"
      />
      <p class="pass-card-number">${pass.passId}</p>
      <p>Category ${pass.category} · valid until ${formatLastDay(pass.validUntil)}</p>
      <p class="pass-card-code" id="card-code">${qr}</p>
    </article>`;
}
