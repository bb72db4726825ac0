/*
 * The counter without a connection. While online it keeps the venue's offline kit (the municipalities' card keys,
 * the linked phones' keys, the passes to refuse, the offers this venue takes, the scheme's offline allowance).
 * Offline it checks a card's or app's code against that kit, and queues bookings within the allowance, each with
 * the idempotency key of the tap and the time it was made here; on reconnect every queued booking is sent once
 * more with its own key until the ledger answers, so each commits exactly once, and what the ledger answered is
 * shown: booked, booked beyond the balance (flagged), or refused.
 */
'use strict';

(function () {
  const { t, api, refusal } = window.Stadspas;
  const KIT = 'stadspas-counter.kit';
  const QUEUE = 'stadspas-counter.queue';
  const RESULTS = 'stadspas-counter.results';
  const STEP_SECONDS = 30;
  const APP_CODE_LIFETIME_SECONDS = 60;
  const APP_CODE_LEAD_SECONDS = 30;

  /** @typedef {QueuedBooking} Queued */
  /** @typedef {SettledBooking} Settled */

  /**
   * @template T
   * @param {string} name
   * @param {T} fallback
   * @returns {T}
   */
  function load(name, fallback) {
    const text = localStorage.getItem(name);
    return text ? JSON.parse(text) : fallback;
  }
  /** @param {string} name @param {unknown} value */
  const keep = (name, value) => localStorage.setItem(name, JSON.stringify(value));

  /** @returns {any} */
  const kit = () => load(KIT, undefined);
  /** @returns {Queued[]} */
  const queued = () => load(QUEUE, []);
  /** @returns {Settled[]} */
  const results = () => load(RESULTS, []);

  /** Reads the kit again; without a connection keeps the one it has. */
  async function refreshKit() {
    try {
      const answer = await api('GET', '/offline-kit');
      if (answer.ok) {
        keep(KIT, answer.body);
      }
    } catch {
      // Offline: the kept kit stays.
    }
  }

  /**
   * @param {string} text
   * @returns {Uint8Array<ArrayBuffer>}
   */
  function base64urlBytes(text) {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  }

  /** @param {string} pem */
  function derOfPem(pem) {
    return base64urlBytes(pem.replace(/-----[^-]+-----/g, '').replace(/\s/g, ''));
  }

  /**
   * A code split into its parts. @param {string} qr
   * @returns {{ tag: string, claims: any, signed: Uint8Array<ArrayBuffer>, signature: Uint8Array<ArrayBuffer> }}
   */
  function partsOf(qr) {
    const [tag = '', claimsPart, signaturePart] = qr.split('.');
    if (!claimsPart || !signaturePart || (tag !== 'SP1' && tag !== 'SP2')) {
      throw new Error(t('refusal.INVALID_QR'));
    }
    return {
      tag,
      claims: JSON.parse(new TextDecoder().decode(base64urlBytes(claimsPart))),
      signed: new TextEncoder().encode(`${tag}.${claimsPart}`),
      signature: base64urlBytes(signaturePart),
    };
  }

  /**
   * Whether a printed card's signature is its municipality's, with a key valid at `at`.
   * @param {any} current @param {ReturnType<typeof partsOf>} code @param {string} at
   */
  async function isGenuineCard(current, code, at) {
    const key = current.qrKeys.find((/** @type {any} */ k) => k.keyId === code.claims.keyId);
    if (!key || at < key.validFrom || (key.validUntil && at >= key.validUntil)) {
      return false;
    }
    const imported = await crypto.subtle.importKey(
      'spki',
      derOfPem(key.publicKeyPem),
      { name: 'Ed25519' },
      false,
      ['verify'],
    );
    return crypto.subtle.verify({ name: 'Ed25519' }, imported, code.signature, code.signed);
  }

  /**
   * Whether an app's code is fresh at `at` and signed by a phone linked to its pass.
   * @param {any} current @param {ReturnType<typeof partsOf>} code @param {string} at
   */
  async function isGenuineAppCode(current, code, at) {
    const began = code.claims.step * STEP_SECONDS * 1000;
    const now = Date.parse(at);
    if (now < began - APP_CODE_LEAD_SECONDS * 1000 || now >= began + APP_CODE_LIFETIME_SECONDS * 1000) {
      throw new Error(t('refusal.EXPIRED_CODE'));
    }
    const device = current.devices.find(
      (/** @type {any} */ d) => d.passId === code.claims.passId && d.deviceId === code.claims.deviceId,
    );
    if (!device) {
      return false;
    }
    const imported = await crypto.subtle.importKey(
      'spki',
      base64urlBytes(device.publicKey),
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    return crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, imported, code.signature, code.signed);
  }

  /**
   * Verifies a code against the kit, as the chaincode would: the signature, the app code's window, and the
   * passes the kit says to refuse.
   * @param {string} qr
   * @param {string} at
   * @returns {Promise<{ passId: string, presented: 'card' | 'app' }>}
   * @throws {Error} the refusal in words
   */
  async function verify(qr, at) {
    const current = kit();
    if (!current) {
      throw new Error(t('offline.noKit'));
    }
    const code = partsOf(qr);
    const presented = code.tag === 'SP1' ? 'card' : 'app';
    const genuine =
      presented === 'card'
        ? await isGenuineCard(current, code, at)
        : await isGenuineAppCode(current, code, at);
    if (!genuine) {
      throw new Error(t('refusal.INVALID_QR'));
    }
    const refused = current.refused.find(
      (/** @type {any} */ r) =>
        r.passId === code.claims.passId && (r.reason !== 'card-lost' || presented === 'card'),
    );
    if (refused) {
      throw new Error(t(`offline.refusedPass.${refused.reason}`));
    }
    return { passId: code.claims.passId, presented };
  }

  /**
   * Checks a code without a connection: the pass and the offers this venue takes (balances unknown).
   * @param {string} qr
   */
  async function check(qr) {
    const at = new Date().toISOString();
    const { passId, presented } = await verify(qr, at);
    return { passId, presented, checkedAt: at, offers: kit().offers };
  }

  /**
   * Queues a booking within the scheme's offline allowance of this pass today.
   * @param {Queued} booking
   * @throws {Error} the refusal in words when the allowance is used up or there is none
   */
  function queue(booking) {
    const perDay = kit()?.offlineBookingsPerDay;
    if (perDay === undefined) {
      throw new Error(t('offline.notAllowed'));
    }
    const day = booking.offlineAt.slice(0, 10);
    const sameDay = (/** @type {Queued} */ b) =>
      b.passId === booking.passId && b.offlineAt.slice(0, 10) === day;
    const list = queued();
    if (list.some((b) => b.key === booking.key)) {
      return;
    }
    if (list.filter(sameDay).length + results().filter(sameDay).length >= perDay) {
      throw new Error(t('offline.allowance', { count: perDay }));
    }
    keep(QUEUE, [...list, booking]);
  }

  /**
   * Sends one queued booking with its own idempotency key.
   * @param {Queued} booking
   * @returns {Promise<Settled | 'offline' | 'signIn'>}
   */
  async function send(booking) {
    const { qr, offerId, quantity, amountCents, offlineAt } = booking;
    /** @type {ApiAnswer} */
    let answer;
    try {
      answer = await api(
        'POST',
        '/redemptions',
        { qr, offerId, quantity, amountCents, offlineAt },
        { 'Idempotency-Key': booking.key },
      );
    } catch {
      return 'offline';
    }
    if (answer.status === 401) {
      return 'signIn';
    }
    if (answer.status >= 500) {
      return 'offline';
    }
    if (!answer.ok) {
      return { ...booking, outcome: 'refused', detail: refusal(answer) };
    }
    const units = answer.body.redemption?.overdrawnUnits;
    return units ? { ...booking, outcome: 'overdrawn', units } : { ...booking, outcome: 'settled' };
  }

  /** How many passes' bookings are settled at a time: bookings of different passes never conflict. */
  const LANES = 4;
  let settling = false;
  /**
   * Sends every queued booking, a pass's bookings in the order they were made and several passes at a time;
   * keeps those the ledger did not answer, for the next try.
   * @returns {Promise<'done' | 'offline' | 'signIn'>}
   */
  async function settle() {
    if (settling) {
      return 'done';
    }
    settling = true;
    /** @type {Map<string, Queued[]>} */
    const byPass = new Map();
    for (const booking of queued()) {
      byPass.set(booking.passId, [...(byPass.get(booking.passId) ?? []), booking]);
    }
    const passes = [...byPass.values()];
    /** @type {'offline' | 'signIn' | undefined} */
    let stopped;
    const lane = async () => {
      for (let bookings = passes.shift(); bookings && !stopped; bookings = passes.shift()) {
        for (const booking of bookings) {
          const outcome = await send(booking);
          if (outcome === 'offline' || outcome === 'signIn') {
            stopped = outcome;
            return;
          }
          keep(RESULTS, [outcome, ...results()].slice(0, 200));
          keep(
            QUEUE,
            queued().filter((b) => b.key !== booking.key),
          );
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: LANES }, lane));
      return stopped ?? 'done';
    } finally {
      settling = false;
    }
  }

  window.Stadspas.offline = { refreshKit, check, queue, settle, queued, results, kit };
})();
