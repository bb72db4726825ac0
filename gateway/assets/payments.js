/* The payer's page: approved claims, each paid with a payment reference and date; paid claims below. */
'use strict';

(function () {
  const { t, api, refusal, el, byId, find, say, fillRows, amount, date, listAll } = window.Stadspas;
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

  async function load() {
    try {
      const approved = await listAll('/claims?status=approved');
      const rows = approved.map((c) =>
        el(
          'tr',
          {},
          el('td', {}, c.claimId),
          el('td', {}, c.venueId),
          el('td', {}, c.funderMspId),
          el('td', {}, amount(c.totalCents, 'cents')),
          el('td', {}, payForm(c)),
        ),
      );
      fillRows(body, rows, t('payments.none'));
      const paid = await listAll('/claims?status=paid');
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
      );
    } catch (answer) {
      say(message, refusal(answer), 'refusal');
    }
  }
  byId('payments-refresh').addEventListener('click', () => void load());
  void load();
})();
