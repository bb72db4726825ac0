/*
 * A venues organisation's page of its own venues: the bank account each is paid on, and setting it (its admin).
 */
'use strict';

(function () {
  const { t, api, refusal, el, byId, find, say, fillRows } = window.Stadspas;
  const table = byId('own-venues');
  const message = byId('venues-message');
  const mspId = table.dataset.msp ?? '';

  /**
   * An IBAN as people write it ("NL91 abna 0417 1643 00"), in the form the API takes.
   * @param {string} text
   */
  function electronic(text) {
    return text.replace(/\s+/g, '').toUpperCase();
  }

  /**
   * The form that sets a venue's bank account.
   * @param {{ venueId: string, name: string, bankAccount?: { iban: string, accountHolder: string } }} venue
   */
  function accountForm(venue) {
    const id = venue.venueId.replace(/[^A-Za-z0-9_-]/g, '_');
    const iban = el('input', {
      id: `iban-${id}`,
      required: true,
      maxlength: 42,
      autocomplete: 'off',
      value: venue.bankAccount?.iban ?? '',
    });
    const holder = el('input', {
      id: `holder-${id}`,
      required: true,
      maxlength: 200,
      value: venue.bankAccount?.accountHolder ?? venue.name,
    });
    const form = el(
      'form',
      { 'data-venue': venue.venueId },
      el('label', { for: iban.id }, t('venues.iban')),
      iban,
      el('label', { for: holder.id }, t('venues.holder')),
      holder,
      el('button', { type: 'submit' }, t('venues.save')),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const answer = await api('PUT', `/venues/${encodeURIComponent(venue.venueId)}/bank-account`, {
        iban: electronic(iban.value),
        accountHolder: holder.value.trim(),
      });
      say(
        message,
        answer.ok ? t('venues.saved', { venue: venue.name }) : refusal(answer),
        answer.ok ? 'done' : 'refusal',
      );
      if (answer.ok) {
        void load();
      }
    });
    return form;
  }

  async function load() {
    const answer = await api('GET', '/venues');
    if (!answer.ok) {
      say(message, refusal(answer), 'refusal');
      return;
    }
    /** @type {{ venueId: string, name: string, mspId: string, bankAccount?: { iban: string, accountHolder: string } }[]} */
    const venues = answer.body;
    const rows = venues
      .filter((venue) => venue.mspId === mspId)
      .map((venue) =>
        el(
          'tr',
          {},
          el('td', {}, venue.name),
          el(
            'td',
            {},
            venue.bankAccount === undefined
              ? t('venues.noAccount')
              : `${venue.bankAccount.iban} (${venue.bankAccount.accountHolder})`,
          ),
          el('td', {}, accountForm(venue)),
        ),
      );
    fillRows(find('#own-venues tbody'), rows, t('venues.none'));
  }
  void load();
})();
