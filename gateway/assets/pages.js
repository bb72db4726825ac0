/*
 * Helpers shared by the pages' scripts: API calls with the page session, the page's words (the catalogue of its
 * language, `window.stadspasWords`, loaded before this script), refusals in plain words, amounts and dates in the
 * page's locale, and small builders for the elements the pages fill in. No framework: the pages are rendered by
 * the gateway.
 */
'use strict';

(function () {
  const words = window.stadspasWords;
  const euros = new Intl.NumberFormat(words.locale, { style: 'currency', currency: 'EUR' });
  const dates = new Intl.DateTimeFormat(words.locale, { dateStyle: 'long', timeZone: 'UTC' });
  const plural = new Intl.PluralRules(words.locale);

  /**
   * A message of the page's catalogue with its `{name}` placeholders filled in; an unknown key shows itself.
   * @param {string} key
   * @param {Readonly<Record<string, string | number>>} [params]
   */
  function t(key, params) {
    const template = Object.hasOwn(words.messages, key) ? words.messages[key] : key;
    return template.replace(/\{(\w+)\}/g, (whole, /** @type {string} */ name) =>
      params && params[name] !== undefined ? String(params[name]) : whole,
    );
  }

  /**
   * A record's state (active, blocked, approved, …) in the page's words, or as the API says it.
   * @param {string} value
   */
  function state(value) {
    const key = `state.${value}`;
    return Object.hasOwn(words.messages, key) ? words.messages[key] : value;
  }

  /**
   * Calls the gateway's API with this browser's session cookie; every call marks itself as the page's own.
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   * @param {Readonly<Record<string, string>>} [headers]
   * @param {number} [timeoutMs] give up after this long (the counter then works offline); default: wait
   * @returns {Promise<ApiAnswer>}
   */
  async function api(method, path, body, headers, timeoutMs) {
    const response = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      ...(timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(timeoutMs) }),
      headers: {
        'X-Stadspas-Page': '1',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(headers || {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { error: { code: 'INTERNAL', message: text } };
    }
    return { ok: response.ok, status: response.status, body: parsed };
  }

  /**
   * The plain words for a refused call: an API answer, or whatever a failed call threw.
   * @param {unknown} answer
   * @returns {string}
   */
  function refusal(answer) {
    if (typeof answer !== 'object' || answer === null || !('status' in answer)) {
      return answer instanceof Error ? answer.message : String(answer);
    }
    const { body, status } = /** @type {ApiAnswer} */ (answer);
    const error = (body && body.error) || { code: 'INTERNAL', message: `HTTP ${status}` };
    // An app's code that is only too old reads as such (the vocabulary's EXPIRED_CODE_DETAIL).
    const expired = error.code === 'INVALID_QR' && String(error.message).includes('the code expired');
    const key = expired ? 'refusal.EXPIRED_CODE' : `refusal.${error.code}`;
    return Object.hasOwn(words.messages, key) ? t(key, { message: error.message }) : error.message;
  }

  /**
   * A new element with text content and attributes.
   * @template {keyof HTMLElementTagNameMap} K
   * @param {K} tag
   * @param {Attributes} [attributes]
   * @param {...(Node | string)} children
   * @returns {HTMLElementTagNameMap[K]}
   */
  function el(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value !== undefined && value !== false) {
        element.setAttribute(name, value === true ? '' : String(value));
      }
    }
    for (const child of children) {
      element.append(child);
    }
    return element;
  }

  /**
   * The element of the page with this id, of the type asked for.
   * @template {HTMLElement} T
   * @param {string} id
   * @param {new () => T} [type]
   * @returns {T}
   */
  function byId(id, type) {
    const element = document.getElementById(id);
    if (element === null || (type !== undefined && !(element instanceof type))) {
      throw new Error(`the page has no ${type === undefined ? 'element' : type.name} #${id}`);
    }
    return /** @type {T} */ (element);
  }

  /**
   * The first element of the page a selector finds.
   * @param {string} selector
   * @returns {Element}
   */
  function find(selector) {
    const element = document.querySelector(selector);
    if (element === null) {
      throw new Error(`the page has nothing at ${selector}`);
    }
    return element;
  }

  /**
   * Shows a message in an element: `ok` or `refusal`.
   * @param {Element} element
   * @param {string} text
   * @param {string} [kind]
   */
  function say(element, text, kind) {
    element.textContent = text;
    element.className = kind || '';
    element.setAttribute('role', kind === 'refusal' ? 'alert' : 'status');
  }

  /**
   * Fills a table's body with rows, or with one row that says the list is empty.
   * @param {Element} tbody
   * @param {readonly Element[]} rows
   * @param {string} emptyText
   */
  function fillRows(tbody, rows, emptyText) {
    const columns = tbody.closest('table')?.querySelectorAll('thead th').length ?? 1;
    tbody.replaceChildren(
      ...(rows.length > 0 ? rows : [el('tr', {}, el('td', { colspan: columns }, emptyText))]),
    );
  }

  /** A fresh idempotency key: one per intent (a tap on a button), so that repeating it books once. */
  function newKey() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return `page-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  }

  /**
   * Euros typed by a person ("12,50" or "12.50") as integer cents, or NaN.
   * @param {string} text
   */
  function cents(text) {
    const match = /^\s*(\d{1,7})(?:[.,](\d{1,2}))?\s*$/.exec(text);
    return match ? Number(match[1]) * 100 + Number((match[2] || '0').padEnd(2, '0')) : NaN;
  }

  /**
   * An amount in a voucher's unit as people read it: euros from cents in the page's locale, or entries.
   * @param {number} value
   * @param {string} unit
   */
  function amount(value, unit) {
    if (unit === 'cents') {
      return euros.format(value / 100);
    }
    return t(plural.select(value) === 'one' ? 'amount.entry.one' : 'amount.entry.other', { n: value });
  }

  /**
   * The date of an API timestamp (UTC), written out in the page's locale.
   * @param {string} iso
   */
  function date(iso) {
    return dates.format(Date.parse(iso));
  }

  /**
   * A date field's value (yyyy-mm-dd) as the API's timestamp at midnight UTC, or the next midnight.
   * @param {string} date
   * @param {number} [plusDays]
   */
  function dayStart(date, plusDays) {
    const day = new Date(`${date}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() + (plusDays || 0));
    return day.toISOString().replace('.000Z', 'Z');
  }

  /**
   * The last day an (exclusive) end timestamp still covers (UTC), written out in the page's locale.
   * @param {string} iso
   */
  function lastDay(iso) {
    return dates.format(Date.parse(iso) - 1);
  }

  /**
   * A listing newest first, fifty at a time: `show` draws every item fetched so far, and the `older` button,
   * shown while there are older items, fetches the next page. Returns what starts it again at the newest; it
   * resolves once the page is drawn, or `refused` was told why not.
   * @param {() => string} path the listing's path and filters, read each time it starts again
   * @param {HTMLButtonElement} older
   * @param {(items: any[]) => void} show
   * @param {(answer: unknown) => void} refused
   */
  function newestFirst(path, older, show, refused) {
    /** @type {unknown[]} */
    let items = [];
    let bookmark = '';
    let listing = '';
    /** @param {boolean} fromNewest */
    async function page(fromNewest) {
      if (fromNewest) {
        listing = path();
      }
      const after = fromNewest ? '' : bookmark;
      const separator = listing.includes('?') ? '&' : '?';
      const answer = await api(
        'GET',
        `${listing}${separator}order=newest&pageSize=50${after ? `&bookmark=${encodeURIComponent(after)}` : ''}`,
      );
      if (!answer.ok) {
        refused(answer);
        return;
      }
      items = fromNewest ? answer.body.items : [...items, ...answer.body.items];
      bookmark = answer.body.bookmark;
      older.hidden = !bookmark;
      show(items);
    }
    older.addEventListener('click', () => void page(false));
    return () => page(true);
  }

  window.Stadspas = {
    t,
    state,
    locale: words.locale,
    api,
    refusal,
    el,
    byId,
    find,
    say,
    fillRows,
    newKey,
    cents,
    amount,
    date,
    dayStart,
    lastDay,
    newestFirst,
  };

  document.addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('[data-print]')) {
      window.print();
    }
  });
})();
