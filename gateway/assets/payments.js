/*
 * The payer's page: the approved claims as one SEPA file for the bank, the bank's statement read back; each approved
 * claim may also be recorded paid by hand with a reference and date; paid claims below.
 */
'use strict';

(function () {
  const { t, api, refusal, el, byId, find, say, fillRows, amount, date, newestFirst } = window.Stadspas;
  const body = find('#payments tbody');
  const message = byId('payments-message');

  /**
   * The form that records a claim's payment.
   * @param {{ claimId: string }} claim
   */
  function payForm(claim) {
    const id = claim.claimId.replace(/[^A-Za-z0-9_-]/g, '_');
    const reference = el('input', { id: `ref-${id}`, required: true, maxlength: 200 });
    const paidOn = el('input', {
      id: `paid-${id}`,
      type: 'date',
      required: true,
      value: new Date().toISOString().slice(0, 10),
    });
    const form = el(
      'form',
      { 'data-claim': claim.claimId },
      el('label', { for: reference.id }, t('payments.reference')),
      reference,
      el('label', { for: paidOn.id }, t('payments.paidOn')),
      paidOn,
      el('button', { type: 'submit' }, t('payments.record')),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const answer = await api('POST', `/claims/${encodeURIComponent(claim.claimId)}/payment`, {
        paymentReference: reference.value.trim(),
        paidOn: paidOn.value,
      });
      say(
        message,
        answer.ok ? t('payments.recorded', { claimId: claim.claimId }) : refusal(answer),
        answer.ok ? 'done' : 'refusal',
      );
      void load();
    });
    return form;
  }

  const refused = (/** @type {unknown} */ answer) => say(message, refusal(answer), 'refusal');
  const loadApproved = newestFirst(
    () => '/claims?status=approved',
    byId('payments-older', HTMLButtonElement),
    (approved) =>
      fillRows(
        body,
        approved.map((c) =>
          el(
            'tr',
            {},
            el('td', {}, c.claimId),
            el('td', {}, c.venueId),
            el('td', {}, c.funderMspId),
            el('td', {}, amount(c.totalCents, 'cents')),
            el('td', {}, payForm(c)),
          ),
        ),
        t('payments.none'),
      ),
    refused,
  );
  const loadPaid = newestFirst(
    () => '/claims?status=paid',
    byId('paid-older', HTMLButtonElement),
    (paid) =>
      byId('paid').replaceChildren(
        ...paid.map((c) =>
          el(
            'li',
            {},
            t('payments.paidLine', {
              claimId: c.claimId,
              amount: amount(c.totalCents, 'cents'),
              reference: c.paymentReference,
              date: date(c.paidOn),
            }),
          ),
        ),
      ),
    refused,
  );

  async function load() {
    void loadBatch();
    await loadApproved();
    await loadPaid();
  }
  const executionDate = byId('execution-date', HTMLInputElement);
  const download = byId('batch-download', HTMLAnchorElement);
  executionDate.value = new Date().toISOString().slice(0, 10);

  /** What the next SEPA file pays, and which approved claims it cannot. */
  async function loadBatch() {
    const query = `executionDate=${encodeURIComponent(executionDate.value)}`;
    download.href = `/api/v1/payments/batch?format=xml&${query}`;
    const answer = await api('GET', `/payments/batch?${query}`);
    const summary = byId('batch-summary');
    if (!answer.ok) {
      say(summary, refusal(answer), 'refusal');
      return;
    }
    const batch = answer.body;
    /** @type {{ claimId: string, venueId: string, payable: boolean, reason?: string }[]} */
    const claims = batch.claims;
    const payable = claims.filter((c) => c.payable);
    say(
      summary,
      payable.length === 0
        ? t('payments.bank.nothing')
        : t('payments.bank.summary', {
            count: payable.length,
            amount: amount(batch.totalCents, 'cents'),
            iban: batch.payer.iban,
            name: batch.payer.name,
          }),
    );
    download.hidden = payable.length === 0;
    byId('batch-unpayable').replaceChildren(
      ...claims
        .filter((c) => !c.payable)
        .map((c) => el('li', {}, t(`payments.bank.${c.reason}`, { claimId: c.claimId, venueId: c.venueId }))),
    );
  }

  /**
   * One line of a statement read back, with what it did.
   * @param {{ outcome: string, claimId?: string, endToEndId?: string, amountCents: number, claimCents?: number,
   *   bankReference: string, message?: string }} line
   */
  function statementRow(line) {
    const outcome = t(`payments.outcome.${line.outcome}`, {
      amount: amount(line.claimCents ?? 0, 'cents'),
      message: line.message ?? '',
    });
    return el(
      'tr',
      { 'data-outcome': line.outcome },
      el('td', {}, line.claimId ?? line.endToEndId ?? ''),
      el('td', {}, amount(line.amountCents, 'cents')),
      el('td', {}, line.bankReference),
      el('td', {}, outcome),
    );
  }

  byId('statement-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = byId('statement-file', HTMLInputElement).files?.[0];
    const result = byId('statement-message');
    if (file === undefined) {
      return;
    }
    const answer = await api('POST', '/payments/statement', { camt053: await file.text() });
    if (!answer.ok) {
      say(result, refusal(answer), 'refusal');
      return;
    }
    /** @type {{ outcome: string, amountCents: number, bankReference: string }[]} */
    const lines = answer.body.lines;
    fillRows(find('#statement-lines tbody'), lines.map(statementRow), t('payments.bank.empty'));
    const paid = lines.filter((line) => line.outcome === 'paid').length;
    // The claims list is read again before the result shows: a payment typed into it meanwhile would be lost.
    await load();
    say(result, t('payments.bank.result', { paid, other: lines.length - paid }), 'done');
  });

  executionDate.addEventListener('change', () => void loadBatch());
  byId('payments-refresh').addEventListener('click', () => void load());
  void load();
})();
