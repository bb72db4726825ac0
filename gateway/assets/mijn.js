/*
 * Mijn Stadspas, the holder's app. Linking makes a key pair in the browser (ECDSA P-256, the private key never
 * exportable, kept in IndexedDB) and registers its public key for the pass with the card's code and the letter's
 * link code. From then on the app shows a code signed with that key that changes every 30 seconds, and reads the
 * pass with requests signed the same way. The last balances are kept, so without a connection the app still shows
 * its code and what it last knew, and says how old that is.
 */
'use strict';

(function () {
  const { t, byId, el, say, fillRows, amount, date, lastDay, refusal, state } = window.Stadspas;
  const STEP_SECONDS = 30;
  const DB = 'mijn-stadspas';
  const STORE = 'device';
  const KEPT_VIEW = 'mijn-stadspas.pass';

  /**
   * The linked phone as the app keeps it.
   * @typedef {{ id: 'current', passId: string, deviceId: string, privateKey: CryptoKey, linkedAt: string }} Device
   */

  /** @returns {Promise<IDBDatabase>} */
  function database() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(DB, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  /**
   * Runs one request on the device store.
   * @template T
   * @param {IDBTransactionMode} mode
   * @param {(store: IDBObjectStore) => IDBRequest<T>} run
   * @returns {Promise<T>}
   */
  async function withStore(mode, run) {
    const db = await database();
    return new Promise((resolve, reject) => {
      const request = run(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  /** @returns {Promise<Device | undefined>} */
  const loadDevice = () => withStore('readonly', (store) => store.get('current'));
  /** @param {Device} device */
  const saveDevice = (device) => withStore('readwrite', (store) => store.put(device));
  const forgetDevice = () => withStore('readwrite', (store) => store.delete('current'));

  /** @param {ArrayBuffer | Uint8Array} bytes */
  function base64url(bytes) {
    let text = '';
    for (const byte of new Uint8Array(bytes)) {
      text += String.fromCharCode(byte);
    }
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  /**
   * A payload signed by the phone: `<tag>.<claims>.<signature>`, the claims in the chaincode's one order.
   * @param {Device} device
   * @param {'SP2' | 'SH1'} tag
   * @param {string} [action]
   * @returns {Promise<string>}
   */
  async function signed(device, tag, action) {
    const step = Math.floor(Date.now() / 1000 / STEP_SECONDS);
    const claims = { passId: device.passId, deviceId: device.deviceId, step, ...(action ? { action } : {}) };
    const signedPart = `${tag}.${base64url(new TextEncoder().encode(JSON.stringify(claims)))}`;
    const signature = await crypto.subtle.sign(
      { name: 'ECDSA', hash: 'SHA-256' },
      device.privateKey,
      new TextEncoder().encode(signedPart),
    );
    return `${signedPart}.${base64url(signature)}`;
  }

  /**
   * One of the app's calls to this gateway.
   * @param {string} path
   * @param {unknown} body
   * @returns {Promise<ApiAnswer>}
   */
  async function call(path, body) {
    const response = await fetch(`/mijn/api/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { ok: response.ok, status: response.status, body: await response.json().catch(() => undefined) };
  }

  /**
   * Draws a code on the canvas as a QR code.
   * @param {string} text
   */
  function drawCode(text) {
    const canvas = byId('app-code', HTMLCanvasElement);
    const qr = window.qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    const modules = qr.getModuleCount();
    const quiet = 4;
    const scale = Math.floor(canvas.width / (modules + 2 * quiet));
    const offset = Math.floor((canvas.width - scale * modules) / 2);
    const context = canvas.getContext('2d');
    if (!context) {
      return;
    }
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.fillStyle = '#000000';
    for (let row = 0; row < modules; row += 1) {
      for (let column = 0; column < modules; column += 1) {
        if (qr.isDark(row, column)) {
          context.fillRect(offset + column * scale, offset + row * scale, scale, scale);
        }
      }
    }
    canvas.dataset.code = text;
  }

  let shownStep = -1;
  /** @type {number | undefined} */
  let ticker;

  /**
   * Shows the code of the current step and counts down to the next.
   * @param {Device} device
   */
  async function tick(device) {
    const now = Date.now() / 1000;
    const step = Math.floor(now / STEP_SECONDS);
    if (step !== shownStep) {
      shownStep = step;
      drawCode(await signed(device, 'SP2'));
    }
    const left = Math.ceil((step + 1) * STEP_SECONDS - now);
    byId('code-changes').textContent = t('app.codeChanges', { seconds: left });
  }

  /** @param {string} iso */
  const time = (iso) =>
    new Date(iso).toLocaleTimeString(window.Stadspas.locale, { hour: '2-digit', minute: '2-digit' });

  /**
   * Shows what the app knows of the pass; `fresh` says whether it was just read.
   * @param {Device} device
   * @param {AppPassView} view
   * @param {boolean} fresh
   */
  function showPass(device, view, fresh) {
    byId('app-pass-title').textContent = t('common.pass', { passId: view.passId });
    const status = byId('pass-status');
    status.textContent = `${state(view.status)} · ${t('app.expires', { until: lastDay(view.validUntil) })}`;
    status.className = `status status-${view.status}`;
    const minutes = Math.max(0, Math.round((Date.now() - Date.parse(view.asOf)) / 60_000));
    byId('pass-freshness').textContent = fresh
      ? t('app.freshNow', { time: time(view.asOf) })
      : t('app.freshOld', { time: time(view.asOf), minutes });
    fillRows(
      byId('app-vouchers'),
      view.vouchers.map((v) =>
        el(
          'tr',
          {},
          el('td', {}, v.offerName),
          el('td', {}, v.periodKey),
          el('td', {}, amount(v.used, v.unit)),
          el('td', {}, amount(v.remaining, v.unit)),
        ),
      ),
      t('holder.notUsed'),
    );
    fillRows(
      byId('app-uses'),
      view.history.map((use) =>
        el(
          'tr',
          {},
          el('td', {}, date(use.at)),
          el('td', {}, use.venueName),
          el('td', {}, use.offerName),
          el('td', {}, use.type === 'reversal' ? t('state.reversed') : t('state.used')),
        ),
      ),
      t('holder.notUsed'),
    );
    const older = byId('older-uses', HTMLButtonElement);
    older.hidden = view.older === undefined;
    older.dataset.before = view.older ?? '';
    byId('app-phones').replaceChildren(
      ...(view.devices ?? []).map((phone) =>
        el(
          'li',
          {},
          `${phone.deviceId} · ${date(phone.linkedAt)}${phone.deviceId === device.deviceId ? ` (${t('app.thisPhone')})` : ''}`,
        ),
      ),
    );
    byId('block-card', HTMLButtonElement).hidden = view.cardBlockedAt !== undefined;
    if (view.cardBlockedAt !== undefined) {
      say(byId('app-message'), t('app.cardBlocked'));
    }
  }

  /**
   * Reads the pass with a signed request; without a connection shows what it kept.
   * @param {Device} device
   * @param {string} [before]
   */
  async function refresh(device, before) {
    /** @type {ApiAnswer | undefined} */
    let answer;
    try {
      answer = await call('pass', {
        holderRequest: await signed(device, 'SH1', 'view'),
        ...(before ? { before } : {}),
      });
    } catch {
      answer = undefined;
    }
    if (answer?.ok) {
      localStorage.setItem(KEPT_VIEW, JSON.stringify(answer.body));
      showPass(device, answer.body, true);
      return;
    }
    const kept = localStorage.getItem(KEPT_VIEW);
    if (kept) {
      showPass(device, JSON.parse(kept), false);
    }
    say(byId('app-message'), answer ? refusal(answer) : t('app.offline'), answer ? 'refusal' : '');
  }

  /** @param {Device} device */
  function showApp(device) {
    byId('app-link').hidden = true;
    byId('app-pass').hidden = false;
    byId('app-code').setAttribute('aria-label', t('app.codeLabel', { passId: device.passId }));
    const kept = localStorage.getItem(KEPT_VIEW);
    if (kept) {
      showPass(device, JSON.parse(kept), false);
    }
    void tick(device);
    window.clearInterval(ticker);
    ticker = window.setInterval(() => void tick(device), 1000);
    void refresh(device);
  }

  function showLink() {
    window.clearInterval(ticker);
    byId('app-pass').hidden = true;
    byId('app-link').hidden = false;
  }

  /** Links this phone: a new key pair, its public key registered with the card and the letter's code. */
  async function link() {
    const message = byId('app-message');
    const button = byId('link', HTMLButtonElement);
    button.disabled = true;
    say(message, t('app.linking'));
    try {
      const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
        'sign',
        'verify',
      ]);
      const publicKey = base64url(await crypto.subtle.exportKey('spki', pair.publicKey));
      const answer = await call('link', {
        card: byId('qr', HTMLTextAreaElement).value.trim(),
        linkCode: byId('link-code', HTMLInputElement).value.trim(),
        publicKey,
      });
      if (!answer.ok) {
        say(message, refusal(answer), 'refusal');
        return;
      }
      /** @type {Device} */
      const device = {
        id: 'current',
        passId: answer.body.passId,
        deviceId: answer.body.deviceId,
        privateKey: pair.privateKey,
        linkedAt: answer.body.linkedAt,
      };
      await saveDevice(device);
      localStorage.removeItem(KEPT_VIEW);
      say(message, t('app.linked'), 'ok');
      showApp(device);
    } catch (error) {
      say(message, refusal(error), 'refusal');
    } finally {
      button.disabled = false;
    }
  }

  /**
   * Runs a holder's request after the holder confirmed it.
   * @param {Device} device
   * @param {'block-card' | 'unlink'} action
   */
  async function ask(device, action) {
    if (!window.confirm(t(action === 'unlink' ? 'app.unlinkConfirm' : 'app.blockCardConfirm'))) {
      return;
    }
    const holderRequest = await signed(device, 'SH1', action);
    const message = byId('app-message');
    try {
      const answer = await call(
        action,
        action === 'unlink' ? { holderRequest, deviceId: device.deviceId } : { holderRequest },
      );
      if (!answer.ok) {
        say(message, refusal(answer), 'refusal');
        return;
      }
      if (action === 'unlink') {
        await forgetDevice();
        localStorage.removeItem(KEPT_VIEW);
        say(message, t('app.unlinked'), 'ok');
        showLink();
        return;
      }
      say(message, t('app.cardBlocked'), 'ok');
      await refresh(device);
    } catch (error) {
      say(message, refusal(error), 'refusal');
    }
  }

  window.Stadspas.onCardCode = (code) => {
    byId('qr', HTMLTextAreaElement).value = code;
    byId('link-code', HTMLInputElement).focus();
  };

  async function start() {
    if ('serviceWorker' in navigator) {
      navigator.serviceWorker.register('/sw.js?app=mijn', { scope: '/mijn/' }).catch(() => undefined);
    }
    const device = await loadDevice();
    byId('link-form', HTMLFormElement).addEventListener('submit', (event) => {
      event.preventDefault();
      void link();
    });
    byId('older-uses', HTMLButtonElement).addEventListener('click', (event) => {
      const button = /** @type {HTMLButtonElement} */ (event.currentTarget);
      void loadDevice().then((current) => current && refresh(current, button.dataset.before));
    });
    byId('block-card').addEventListener('click', () => {
      void loadDevice().then((current) => current && ask(current, 'block-card'));
    });
    byId('unlink').addEventListener('click', () => {
      void loadDevice().then((current) => current && ask(current, 'unlink'));
    });
    if (device) {
      showApp(device);
    } else {
      showLink();
    }
  }

  void start();
})();
