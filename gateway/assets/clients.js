/* The admin's clients page: every API client of the organisation, and revoking one (its key and certificate). */
'use strict';

(function () {
  const { t, api, refusal, el, byId, find, say, fillRows } = window.Stadspas;
  const table = byId('clients');
  const body = find('#clients tbody');
  const message = byId('clients-message');
  const self = table.dataset.self ?? '';

  /**
   * The button that revokes a client, after the admin confirms it.
   * @param {{ name: string }} client
   */
  function revokeButton(client) {
    const button = el('button', { type: 'button' }, t('clients.revoke'));
    button.addEventListener('click', async () => {
      if (!window.confirm(t('clients.confirm', { name: client.name }))) {
        return;
      }
      button.disabled = true;
      const answer = await api('DELETE', `/clients/${encodeURIComponent(client.name)}`);
      say(
        message,
        answer.ok ? t('clients.revoked', { name: client.name }) : refusal(answer),
        answer.ok ? 'done' : 'refusal',
      );
      void load();
    });
    return button;
  }

  async function load() {
    const answer = await api('GET', '/clients');
    if (!answer.ok) {
      say(message, refusal(answer), 'refusal');
      return;
    }
    /** @type {{ name: string, role: string, venueId?: string, revokedAt?: string }[]} */
    const clients = answer.body.clients;
    const rows = clients.map((c) =>
      el(
        'tr',
        { 'data-client': c.name },
        el('td', {}, c.name),
        el('td', {}, c.role),
        el('td', {}, c.venueId ?? ''),
        el(
          'td',
          {},
          c.name === self ? t('clients.you') : c.revokedAt ? t('clients.pending') : '',
          ...(c.name === self ? [] : [revokeButton(c)]),
        ),
      ),
    );
    fillRows(body, rows, t('clients.none'));
  }
  byId('clients-refresh').addEventListener('click', () => void load());
  void load();
})();
