/*
 * The admin's clients page: every API client of the organisation, and revoking one (its key and certificate);
 * every webhook with its queue, and resuming one that is paused or retrying.
 */
'use strict';

(function () {
  const { t, api, refusal, el, byId, find, say, fillRows } = window.Stadspas;
  const table = byId('clients');
  const body = find('#clients tbody');
  const message = byId('clients-message');
  const self = table.dataset.self ?? '';

  /**
   * A button that makes one call, says how it went in `where`, and loads its list again.
   * @param {string} label
   * @param {{ method: string, path: string, done: string, where: Element, reload: () => Promise<void>, confirm?: string }} action
   */
  function actionButton(label, action) {
    const button = el('button', { type: 'button' }, label);
    button.addEventListener('click', async () => {
      if (action.confirm !== undefined && !window.confirm(action.confirm)) {
        return;
      }
      button.disabled = true;
      const answer = await api(action.method, action.path);
      say(action.where, answer.ok ? action.done : refusal(answer), answer.ok ? 'done' : 'refusal');
      void action.reload();
    });
    return button;
  }

  /**
   * The button that revokes a client, after the admin confirms it.
   * @param {{ name: string }} client
   */
  function revokeButton(client) {
    return actionButton(t('clients.revoke'), {
      method: 'DELETE',
      path: `/clients/${encodeURIComponent(client.name)}`,
      confirm: t('clients.confirm', { name: client.name }),
      done: t('clients.revoked', { name: client.name }),
      where: message,
      reload: load,
    });
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
  const hookBody = find('#webhooks tbody');
  const hookMessage = byId('webhooks-message');

  /**
   * The button that re-drives a webhook's pending deliveries now.
   * @param {{ webhookId: string, url: string }} hook
   */
  function resumeButton(hook) {
    return actionButton(t('webhooks.resume'), {
      method: 'POST',
      path: `/webhooks/${encodeURIComponent(hook.webhookId)}/resume`,
      done: t('webhooks.resumed', { url: hook.url }),
      where: hookMessage,
      reload: loadWebhooks,
    });
  }

  async function loadWebhooks() {
    const answer = await api('GET', '/webhooks');
    if (!answer.ok) {
      say(hookMessage, refusal(answer), 'refusal');
      return;
    }
    /** @type {{ webhookId: string, url: string, state: string, pending: number, lastError?: string }[]} */
    const hooks = answer.body.items;
    const rows = hooks.map((h) =>
      el(
        'tr',
        { 'data-webhook': h.webhookId },
        el('td', {}, h.url),
        el('td', {}, t(`webhooks.state.${h.state}`)),
        el('td', {}, String(h.pending)),
        el('td', {}, h.lastError ?? ''),
        el('td', {}, ...(h.state === 'active' ? [] : [resumeButton(h)])),
      ),
    );
    fillRows(hookBody, rows, t('webhooks.none'));
  }

  byId('clients-refresh').addEventListener('click', () => {
    void load();
    void loadWebhooks();
  });
  void load();
  void loadWebhooks();
})();
