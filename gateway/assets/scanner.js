/*
 * The venue's scanner page: check a card, book a voucher with one tap, list and reverse today's bookings, claim.
 * Each booking intent has its own idempotency key: tapping the same button twice (or a retry after a lost answer)
 * books once; a new key is made only after a booking went through or a new card was scanned.
 */
'use strict';

(function () {
  const { t, api, refusal, el, byId, find, say, fillRows, newKey, cents, amount, newestFirst } =
    window.Stadspas;
  const offline = /** @type {OfflineCounter} */ (window.Stadspas.offline);
  /**
   * A check or booking the gateway has not answered within this long goes on offline: a booking is queued under
   * its own key and, should the gateway have taken it after all, settles as the same booking.
   */
  const ANSWER_WITHIN_MS = 15_000;
  const result = byId('scan-result');
  /**
   * What the counter enters for each offer kind (`quantity`, `amount` or `fullPrice`), from the chaincode's table.
   * @type {Readonly<Record<string, BookingInput>>}
   */
  const inputOf = JSON.parse(result.dataset.inputs ?? '{}');
  /** @type {Readonly<Record<BookingInput, string>>} */
  const bookLabel = {
    quantity: 'scanner.book.entry',
    amount: 'scanner.book.amount',
    fullPrice: 'scanner.book.discount',
  };
  /** @type {Readonly<Record<string, string>>} */
  const statusWords = {
    active: t('scanner.active'),
    blocked: t('refusal.PASS_BLOCKED'),
    expired: t('refusal.PASS_EXPIRED'),
    replaced: t('refusal.PASS_NOT_ACTIVE'),
  };

  /**
   * What a voucher form books on: the code, and the pass it was checked for offline (then the booking is queued
   * when the network does not answer, as made at that moment).
   * @typedef {{ qr: string, passId: string, checkedAt?: string }} Presented
   */
  /**
   * The form of one voucher: a button for an entry, or an amount in euros for a budget or discount. Offline the
   * balance is unknown (`remaining` absent).
   * @param {Presented} presented
   * @param {{ offerId: string, offerName: string, kind: string, unit?: string, remaining?: number }} voucher
   */
  function voucherForm(presented, voucher) {
    const { qr } = presented;
    let key = newKey();
    const message = el('p', { 'aria-live': 'polite' });
    const euros = el('input', {
      id: `amount-${voucher.offerId}`,
      inputmode: 'decimal',
      required: true,
      size: 8,
    });
    const input = inputOf[voucher.kind];
    const perEntry = input === 'quantity';
    const label = t(bookLabel[input]);
    const button = el('button', { type: 'submit', 'data-offer': voucher.offerId }, label);
    const form = el(
      'form',
      { class: 'voucher' },
      el(
        'p',
        {},
        el('strong', {}, voucher.offerName),
        voucher.remaining === undefined || voucher.unit === undefined
          ? t('offline.balanceUnknown')
          : t('scanner.left', { left: amount(voucher.remaining, voucher.unit) }),
      ),
      ...(perEntry
        ? []
        : [
            el('label', { for: euros.id }, input === 'amount' ? t('scanner.amount') : t('scanner.fullPrice')),
            euros,
          ]),
      button,
      message,
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      /** @type {{ qr: string, offerId: string, quantity?: number, amountCents?: number }} */
      const body = { qr, offerId: voucher.offerId };
      if (perEntry) {
        body.quantity = 1;
      } else {
        body.amountCents = cents(euros.value);
        if (Number.isNaN(body.amountCents)) {
          say(message, t('scanner.enterAmount'), 'refusal');
          return;
        }
      }
      button.disabled = true;
      /** @type {ApiAnswer} */
      let answer;
      try {
        answer = await api('POST', '/redemptions', body, { 'Idempotency-Key': key }, ANSWER_WITHIN_MS);
      } catch {
        button.disabled = false;
        queueOffline(message, presented, voucher.offerName, { ...body, key });
        key = newKey();
        return;
      }
      button.disabled = false;
      if (!answer.ok) {
        say(message, refusal(answer), 'refusal');
        return;
      }
      key = newKey();
      const booked =
        answer.body.remaining === undefined || voucher.unit === undefined
          ? t('scanner.booked')
          : t('scanner.bookedLeft', { left: amount(answer.body.remaining, voucher.unit) });
      // A budget that did not cover the price: the holder pays the rest here.
      const rest = answer.body.redemption?.paidAtCounterCents;
      say(
        message,
        rest ? `${booked} ${t('scanner.payRest', { rest: amount(rest, 'cents') })}` : booked,
        'done',
      );
      void loadBookings();
    });
    return form;
  }

  /**
   * Queues a booking the network did not take, within the offline allowance.
   * @param {Element} message
   * @param {Presented} presented
   * @param {string} offerName
   * @param {{ key: string, qr: string, offerId: string, quantity?: number, amountCents?: number }} booking
   */
  function queueOffline(message, presented, offerName, booking) {
    try {
      offline.queue({
        ...booking,
        passId: presented.passId,
        offerName,
        offlineAt: presented.checkedAt ?? new Date().toISOString(),
      });
      say(message, t('offline.queued'), 'done');
    } catch (error) {
      say(message, refusal(error), 'refusal');
    }
    showCounter(false);
  }

  /**
   * Checks a code with the offline kit when the gateway does not answer: the pass and the offers this venue takes.
   * @param {string} qr
   */
  async function checkOffline(qr) {
    showCounter(false);
    result.replaceChildren();
    let checked;
    try {
      checked = await offline.check(qr);
    } catch (error) {
      result.append(el('p', { class: 'refusal', role: 'alert' }, refusal(error)));
      return;
    }
    const presented = { qr, passId: checked.passId, checkedAt: checked.checkedAt };
    result.append(
      el(
        'p',
        { class: 'status status-active', role: 'status' },
        `${t('common.pass', { passId: checked.passId })}: ${t('offline.checked')}`,
      ),
      ...checked.offers.map((offer) =>
        voucherForm(presented, { offerId: offer.offerId, offerName: offer.name, kind: offer.kind }),
      ),
    );
  }

  /** @param {string} qr */
  async function check(qr) {
    say(result, t('scanner.checking'));
    /** @type {ApiAnswer} */
    let answer;
    try {
      answer = await api('POST', '/scan', { qr }, undefined, ANSWER_WITHIN_MS);
    } catch {
      await checkOffline(qr);
      return;
    }
    result.replaceChildren();
    if (!answer.ok) {
      result.append(el('p', { class: 'refusal', role: 'alert' }, refusal(answer)));
      return;
    }
    /** @type {ScanView} */
    const pass = answer.body;
    result.append(
      el(
        'p',
        { class: `status status-${pass.status}`, role: 'status' },
        `${t('common.pass', { passId: pass.passId })}: ${statusWords[pass.status] || pass.status}`,
      ),
      el(
        'p',
        {},
        t('scanner.validity', {
          category: pass.category,
          until: window.Stadspas.lastDay(pass.validUntil),
        }),
      ),
    );
    if (pass.status !== 'active') {
      return;
    }
    if (pass.vouchers.length === 0) {
      result.append(el('p', { class: 'refusal' }, t('scanner.nothingHere')));
    }
    for (const voucher of pass.vouchers) {
      result.append(voucherForm({ qr, passId: pass.passId }, voucher));
    }
  }

  const bookingsBody = find('#bookings tbody');
  const bookingsMessage = byId('bookings-message');

  /** @param {RedemptionRecord} redemption */
  function reverseButton(redemption) {
    const key = newKey();
    const button = el(
      'button',
      { type: 'button', class: 'secondary', 'data-reverse': redemption.redemptionId },
      t('scanner.reverse'),
    );
    button.addEventListener('click', async () => {
      button.disabled = true;
      const answer = await api(
        'POST',
        `/redemptions/${encodeURIComponent(redemption.redemptionId)}/reverse`,
        {},
        { 'Idempotency-Key': key },
      );
      if (!answer.ok) {
        button.disabled = false;
        say(bookingsMessage, refusal(answer), 'refusal');
        return;
      }
      say(bookingsMessage, t('scanner.reversedMessage', { passId: redemption.passId }), 'done');
      void loadBookings();
    });
    return button;
  }

  /** @param {RedemptionRecord} redemption */
  function use(redemption) {
    if (redemption.quantity !== undefined) {
      return amount(redemption.quantity, 'entries');
    }
    return redemption.amountCents === undefined ? '' : amount(redemption.amountCents, 'cents');
  }

  /** Today's bookings (from midnight, the counter's time), newest first. */
  function todaysBookings() {
    const today = new Date();
    today.setHours(0, 0, 0, 0);
    return `/redemptions?from=${encodeURIComponent(today.toISOString().replace('.000Z', 'Z'))}`;
  }

  /** @param {RedemptionRecord[]} items */
  function showBookings(items) {
    say(bookingsMessage, '');
    const rows = items
      .filter((r) => r.type === 'redemption')
      .map((r) =>
        el(
          'tr',
          {},
          el(
            'td',
            {},
            new Date(r.at).toLocaleTimeString(window.Stadspas.locale, { hour: '2-digit', minute: '2-digit' }),
          ),
          el('td', {}, r.passId),
          el('td', {}, r.offerId),
          el('td', {}, use(r)),
          el('td', {}, r.reversedBy ? t('state.reversed') : reverseButton(r)),
        ),
      );
    fillRows(bookingsBody, rows, t('scanner.noBookings'));
  }

  const loadBookings = newestFirst(
    todaysBookings,
    byId('bookings-older', HTMLButtonElement),
    showBookings,
    (answer) => say(bookingsMessage, refusal(answer), 'refusal'),
  );

  const claimForm = byId('claim-form', HTMLFormElement);
  const claimResult = byId('claim-result');
  claimForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(claimForm);
    // A claim covers a period that has ended: one that runs to today or later ends now, by the gateway's clock.
    const end = window.Stadspas.dayStart(String(data.get('periodTo')), 1);
    const answer = await api('POST', '/claims', {
      claimId: String(data.get('claimId')).trim(),
      funderMspId: data.get('funderMspId'),
      periodFrom: window.Stadspas.dayStart(String(data.get('periodFrom'))),
      ...(Date.parse(end) <= Date.now() ? { periodTo: end } : {}),
    });
    if (!answer.ok) {
      say(claimResult, refusal(answer), 'refusal');
      return;
    }
    const claim = answer.body;
    say(
      claimResult,
      t('scanner.claimSubmitted', {
        claimId: claim.claimId,
        count: claim.redemptionIds.length,
        amount: amount(claim.totalCents, 'cents'),
      }),
      'done',
    );
  });

  const code = byId('qr', HTMLTextAreaElement);
  byId('scan-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void check(code.value.trim());
  });
  window.Stadspas.onCardCode = (read) => {
    code.value = read;
    void check(read);
  };
  byId('bookings-refresh').addEventListener('click', () => void loadBookings());

  const counterState = byId('counter-state');
  const offlineSection = byId('offline-section');
  /** @param {string} iso */
  const time = (iso) =>
    new Date(iso).toLocaleTimeString(window.Stadspas.locale, { hour: '2-digit', minute: '2-digit' });

  /**
   * Shows whether the counter is connected, how old its offline keys are, and the offline bookings: waiting,
   * or what the ledger answered.
   * @param {boolean} connected
   */
  function showCounter(connected) {
    const kit = offline.kit();
    const waiting = offline.queued();
    if (!kit) {
      counterState.textContent = connected ? '' : t('offline.noKit');
    } else if (connected) {
      counterState.textContent = t('offline.online', { time: time(kit.asOf) });
    } else {
      counterState.textContent = t('offline.offline', {
        time: time(kit.asOf),
        minutes: Math.max(0, Math.round((Date.now() - Date.parse(kit.asOf)) / 60_000)),
        count: waiting.length,
      });
    }
    counterState.className = connected ? 'hint' : 'hint refusal';
    /** @type {readonly (QueuedBooking | SettledBooking)[]} */
    const rows = [...waiting, ...offline.results()];
    offlineSection.hidden = rows.length === 0;
    fillRows(
      find('#offline-bookings tbody'),
      rows.map((booking) =>
        el(
          'tr',
          { 'data-key': booking.key },
          el('td', {}, time(booking.offlineAt)),
          el('td', {}, booking.passId),
          el('td', {}, booking.offerName),
          el('td', {}, outcomeText(booking)),
        ),
      ),
      '',
    );
  }

  /** @param {QueuedBooking | SettledBooking} booking */
  function outcomeText(booking) {
    if (!('outcome' in booking)) {
      return t('offline.waiting');
    }
    if (booking.outcome === 'overdrawn') {
      return t('offline.overdrawn', { units: booking.units ?? 0 });
    }
    return booking.outcome === 'settled'
      ? t('offline.settled')
      : t('offline.refused', { reason: booking.detail ?? '' });
  }

  /** Whether the gateway answers at all (any status): the browser's own online flag misses a stopped gateway. */
  async function reachable() {
    try {
      await fetch('/health', { signal: AbortSignal.timeout(5_000) });
      return true;
    } catch {
      return false;
    }
  }

  const KIT_REFRESH_MS = 5 * 60_000;
  let kitReadAt = 0;
  /** Settles what is queued once the gateway answers, keeps the kit fresh, and shows the counter's state. */
  async function synchronise() {
    if (!(await reachable())) {
      showCounter(false);
      return;
    }
    if (offline.queued().length > 0) {
      const outcome = await offline.settle();
      if (outcome !== 'done') {
        showCounter(false);
        if (outcome === 'signIn') {
          counterState.textContent = t('offline.signIn');
        }
        return;
      }
      void loadBookings();
    }
    if (Date.now() - kitReadAt > KIT_REFRESH_MS) {
      await offline.refreshKit();
      kitReadAt = Date.now();
    }
    showCounter(true);
  }

  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/sw.js?app=scanner', { scope: '/scanner' }).catch(() => undefined);
  }
  window.addEventListener('online', () => void synchronise());
  window.addEventListener('offline', () => showCounter(false));
  window.setInterval(() => void synchronise(), 15_000);
  showCounter(navigator.onLine);
  void loadBookings();
  void synchronise();
})();
