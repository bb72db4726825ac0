/*
 * The municipality's desk: issue a pass (and open its printable card), issue a batch from a CSV file one line at a
 * time, look up, block, unblock, replace and renew a pass, decide claims, and manage offers and venues.
 */
'use strict';

(function () {
  const {
    t,
    state,
    api,
    refusal,
    el,
    byId,
    find,
    say,
    fillRows,
    amount,
    cents,
    date,
    dayStart,
    lastDay,
    newestFirst,
  } = window.Stadspas;

  /**
   * The trimmed value of a form field.
   * @param {string} id
   */
  const value = (id) => {
    const field = byId(id);
    if (!(
      field instanceof HTMLInputElement ||
      field instanceof HTMLSelectElement ||
      field instanceof HTMLTextAreaElement
    )) {
      throw new Error(`#${id} is not a form field`);
    }
    return field.value.trim();
  };

  /**
   * A pass as the issue form and the CSV file give it.
   * @param {Readonly<Record<string, string>>} p
   */
  function passRequest(p) {
    return {
      // The gateway draws the pass's pseudonym and, when the desk has none, the card number.
      ...(p.passId ? { passId: p.passId } : {}),
      ...(p.cardNumber ? { cardNumber: p.cardNumber } : {}),
      category: p.category,
      validFrom: dayStart(p.validFrom),
      validUntil: dayStart(p.validUntil, 1),
      personalData: { name: p.name, bsn: p.bsn, dateOfBirth: p.dateOfBirth, address: p.address },
    };
  }

  /**
   * @param {string} passId
   * @param {string} cardNumber
   */
  const cardLink = (passId, cardNumber) =>
    el(
      'a',
      { href: `/admin/cards/${encodeURIComponent(passId)}` },
      cardNumber ? t('admin.printCard', { cardNumber }) : t('admin.printThisCard'),
    );

  const issueForm = byId('issue-form', HTMLFormElement);
  const issueResult = byId('issue-result');
  issueForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const fields = Object.fromEntries(
      ['cardNumber', 'category', 'validFrom', 'validUntil', 'name', 'bsn', 'dateOfBirth', 'address'].map(
        (f) => [f, value(f)],
      ),
    );
    const answer = await api('POST', '/passes', passRequest(fields));
    issueResult.replaceChildren();
    if (!answer.ok) {
      issueResult.append(el('p', { class: 'refusal', role: 'alert' }, refusal(answer)));
      return;
    }
    issueResult.append(
      el(
        'p',
        { class: 'done', role: 'status' },
        `${t('admin.issued', { passId: answer.body.passId, cardNumber: answer.body.cardNumber })} `,
        cardLink(answer.body.passId, answer.body.cardNumber),
      ),
    );
    issueForm.reset();
  });

  /**
   * The fields of one CSV line; double quotes enclose a field with commas, "" is a quote inside one.
   * @param {string} line
   */
  function csvFields(line) {
    /** @type {string[]} */
    const fields = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i += 1) {
      const c = line[i];
      if (quoted && c === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') {
        quoted = !quoted;
      } else if (c === ',' && !quoted) {
        fields.push(field.trim());
        field = '';
      } else {
        field += c;
      }
    }
    fields.push(field.trim());
    return fields;
  }

  const batchForm = byId('batch-form');
  const batchTable = byId('batch-result');
  batchForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = byId('csv', HTMLInputElement).files?.[0];
    if (file === undefined) {
      return;
    }
    const lines = (await file.text()).split(/\r?\n/);
    const header = csvFields(lines[0] || '');
    const body = find('#batch-result tbody');
    body.replaceChildren();
    batchTable.hidden = false;
    for (let n = 1; n < lines.length; n += 1) {
      const line = lines[n] ?? '';
      if (line.trim() === '') {
        continue;
      }
      const row = Object.fromEntries(csvFields(line).map((v, i) => [header[i] ?? '', v]));
      body.append(batchRow(n + 1, row, await api('POST', '/passes', passRequest(row))));
    }
  });

  /** Passes per request when carrying passes over: the API takes up to 500. */
  const IMPORT_BATCH = 250;
  const importForm = byId('import-form');
  const importTable = byId('import-result');
  importForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = byId('import-file', HTMLInputElement).files?.[0];
    if (file === undefined) {
      return;
    }
    const body = find('#import-result tbody');
    body.replaceChildren();
    importTable.hidden = false;
    const passes = importLines(await file.text(), body);
    for (let i = 0; passes !== undefined && i < passes.length; i += IMPORT_BATCH) {
      const batch = passes.slice(i, i + IMPORT_BATCH);
      const answer = await api('POST', '/passes/import', { passes: batch.map((p) => p.pass) });
      body.append(
        importRow(`${batch[0]?.line ?? ''}–${batch[batch.length - 1]?.line ?? ''}`, importOutcome(answer)),
      );
      if (!answer.ok) {
        return;
      }
    }
  });

  /**
   * The passes of a JSON Lines file with their line numbers; undefined, with a row naming the line, when a line is
   * no JSON.
   * @param {string} text
   * @param {Element} body
   * @returns {{ line: number, pass: unknown }[] | undefined}
   */
  function importLines(text, body) {
    const passes = [];
    for (const [i, line] of text.split(/\r?\n/).entries()) {
      if (line.trim() === '') {
        continue;
      }
      try {
        passes.push({ line: i + 1, pass: JSON.parse(line) });
      } catch {
        body.append(
          importRow(
            String(i + 1),
            el('span', { class: 'refusal' }, `${t('admin.import.unreadable')} ${i + 1}`),
          ),
        );
        return undefined;
      }
    }
    return passes;
  }

  /**
   * What one batch of the import did.
   * @param {ApiAnswer} answer
   */
  function importOutcome(answer) {
    return answer.ok
      ? el(
          'span',
          { class: 'done' },
          `${answer.body.imported} ${t('admin.import.done')} ${answer.body.openingBalances}`,
        )
      : el('span', { class: 'refusal' }, refusal(answer));
  }

  /**
   * One batch's row of the import's result.
   * @param {string} lines
   * @param {HTMLElement} outcome
   */
  function importRow(lines, outcome) {
    return el('tr', {}, el('td', {}, lines), el('td', {}, outcome));
  }

  /**
   * The result of one line of a batch: the card number and whether the pass was issued.
   * @param {number} lineNumber
   * @param {Readonly<Record<string, string>>} row
   * @param {ApiAnswer} answer
   */
  function batchRow(lineNumber, row, answer) {
    const outcome = answer.ok
      ? el(
          'span',
          { class: 'done' },
          t('admin.batch.issued'),
          cardLink(answer.body.passId, answer.body.cardNumber),
        )
      : el('span', { class: 'refusal' }, refusal(answer));
    const card = answer.ok ? answer.body.cardNumber : row.cardNumber || row.passId;
    return el(
      'tr',
      { 'data-line': lineNumber },
      el('td', {}, String(lineNumber)),
      el('td', {}, card || ''),
      el('td', {}, outcome),
    );
  }

  const passResult = byId('pass-result');
  /** @param {PassView} pass */
  function showPass(pass) {
    const vouchers = (pass.vouchers || []).map((v) =>
      el(
        'li',
        {},
        t('admin.pass.voucher', {
          offer: v.offerName,
          period: v.periodKey,
          left: amount(v.remaining, v.unit),
        }),
      ),
    );
    passResult.replaceChildren(
      el(
        'p',
        { class: `status status-${pass.status}`, role: 'status' },
        `${t('common.pass', { passId: pass.passId })}: ${state(pass.status)}` +
          (pass.blockedReason ? ` (${pass.blockedReason})` : '') +
          (pass.replacedBy ? t('admin.pass.replacedBy', { passId: pass.replacedBy }) : ''),
      ),
      el(
        'p',
        {},
        t('admin.pass.validity', {
          category: pass.category,
          from: date(pass.validFrom),
          until: lastDay(pass.validUntil),
        }),
        cardLink(pass.passId, ''),
      ),
      el('ul', {}, ...vouchers),
    );
    void showPhones(pass.passId);
  }

  /**
   * The holder's linked phones under the pass, each with a button that unlinks it (a lost phone).
   * @param {string} passId
   */
  async function showPhones(passId) {
    const answer = await api('GET', `/passes/${encodeURIComponent(passId)}/devices`);
    if (!answer.ok) {
      return;
    }
    /** @type {{ deviceId: string, linkedAt: string }[]} */
    const phones = answer.body;
    const list = el('ul', { id: 'pass-phones' });
    for (const phone of phones) {
      const button = el('button', { type: 'button', class: 'secondary' }, t('admin.pass.unlink'));
      button.addEventListener('click', async () => {
        const unlinked = await api(
          'DELETE',
          `/passes/${encodeURIComponent(passId)}/devices/${encodeURIComponent(phone.deviceId)}`,
        );
        item.replaceChildren(
          unlinked.ok ? t('admin.pass.unlinked', { deviceId: phone.deviceId }) : refusal(unlinked),
        );
      });
      const item = el('li', {}, `${phone.deviceId} · ${date(phone.linkedAt)} `, button);
      list.append(item);
    }
    passResult.append(
      el('h3', {}, t('admin.pass.phones')),
      phones.length === 0 ? el('p', {}, t('admin.pass.noPhones')) : list,
    );
  }
  /**
   * The pass a card number names (asked of the municipality's peer), or the value itself as a pass id.
   * @param {string} value
   */
  async function passIdOf(value) {
    if (/^[0-9A-Z]{6,20}$/.test(value)) {
      const found = await api('POST', '/passes/lookup', { cardNumber: value });
      if (found.ok) {
        return String(found.body.passId);
      }
    }
    return value;
  }

  /** @type {Readonly<Record<string, (id: string) => Promise<ApiAnswer>>>} */
  const passActions = {
    lookup: (id) => api('GET', `/passes/${id}`),
    block: (id) => api('POST', `/passes/${id}/block`, { reason: value('pass-reason') }),
    unblock: (id) => api('POST', `/passes/${id}/unblock`, {}),
    replace: (id) => {
      const newPassId = value('pass-newPassId');
      return api('POST', `/passes/${id}/replace`, newPassId === '' ? {} : { newPassId });
    },
    renew: (id) => api('POST', `/passes/${id}/renew`, { validUntil: dayStart(value('pass-validUntil'), 1) }),
    letter: (id) => api('POST', `/passes/${id}/link-letter`, {}),
  };
  /**
   * A new pass letter's link code: shown once, to print or hand over; the ledger keeps only its digest.
   * @param {{ passId: string, linkCode: string }} letter
   */
  function showLetter(letter) {
    passResult.replaceChildren(
      el('p', { role: 'status' }, t('admin.pass.letterFor', { passId: letter.passId })),
      el('p', { class: 'link-code', id: 'link-code' }, letter.linkCode),
      el('p', { class: 'hint' }, t('admin.pass.letterOnce')),
    );
  }
  byId('pass-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const submitter = /** @type {SubmitEvent} */ (event).submitter;
    const action = (submitter instanceof HTMLElement ? submitter.dataset.action : undefined) ?? 'lookup';
    const run = passActions[action] ?? passActions.lookup;
    passResult.replaceChildren(el('p', { role: 'status' }, t('common.working')));
    const answer = await run(encodeURIComponent(await passIdOf(value('pass-passId'))));
    if (!answer.ok) {
      passResult.replaceChildren(el('p', { class: 'refusal', role: 'alert' }, refusal(answer)));
      return;
    }
    if (action === 'letter') {
      showLetter(answer.body);
      return;
    }
    showPass(action === 'replace' ? answer.body.newPass : answer.body);
  });

  const claimsBody = find('#claims tbody');
  const claimsMessage = byId('claims-message');
  /** @param {ClaimRecord} claim */
  function decide(claim) {
    const reason = el('input', {
      id: `reason-${claim.claimId}`,
      maxlength: 200,
      placeholder: t('admin.claims.reasonHint'),
    });
    const approve = el(
      'button',
      { type: 'button', 'data-approve': claim.claimId },
      t('admin.claims.approve'),
    );
    const reject = el(
      'button',
      { type: 'button', class: 'secondary', 'data-reject': claim.claimId },
      t('admin.claims.reject'),
    );
    /**
     * @param {string} path
     * @param {unknown} [body]
     */
    const send = async (path, body) => {
      const answer = await api('POST', `/claims/${encodeURIComponent(claim.claimId)}/${path}`, body);
      say(
        claimsMessage,
        answer.ok
          ? t('admin.claims.decided', { claimId: claim.claimId, status: state(answer.body.status) })
          : refusal(answer),
        answer.ok ? 'done' : 'refusal',
      );
      void loadClaims();
    };
    approve.addEventListener('click', () => void send('approve'));
    reject.addEventListener('click', () => void send('reject', { reason: reason.value.trim() }));
    return el(
      'td',
      {},
      approve,
      el('label', { for: reason.id, class: 'visually-hidden' }, t('admin.claims.reason')),
      reason,
      reject,
    );
  }
  const loadClaims = newestFirst(
    () => '/claims?status=submitted',
    byId('claims-older', HTMLButtonElement),
    (claims) =>
      fillRows(
        claimsBody,
        claims.map((c) =>
          el(
            'tr',
            {},
            el('td', {}, c.claimId),
            el('td', {}, c.venueId),
            el('td', {}, `${date(c.periodFrom)} – ${lastDay(c.periodTo)}`),
            el('td', {}, amount(c.totalCents, 'cents')),
            decide(c),
          ),
        ),
        t('admin.claims.none'),
      ),
    (answer) => say(claimsMessage, refusal(answer), 'refusal'),
  );
  byId('claims-refresh').addEventListener('click', () => void loadClaims());

  /**
   * A button that posts an action on a listed record and reloads the list.
   * @param {string} label
   * @param {string} path
   * @param {unknown} body a request body, or a function that makes one when the button is pressed
   * @param {Element} message
   * @param {() => Promise<void>} reload
   */
  function actionButton(label, path, body, message, reload) {
    const button = el('button', { type: 'button', class: 'secondary' }, label);
    button.addEventListener('click', async () => {
      const answer = await api('POST', path, typeof body === 'function' ? body() : body);
      say(
        message,
        answer.ok ? t('common.done', { action: label }) : refusal(answer),
        answer.ok ? 'done' : 'refusal',
      );
      void reload();
    });
    return button;
  }

  /**
   * Fills a list with the records an API call lists, one line each.
   * @template T
   * @param {string} path
   * @param {string} id
   * @param {(item: T) => (Node | string)[]} line
   */
  async function loadList(path, id, line) {
    const answer = await api('GET', path);
    const target = byId(id);
    target.replaceChildren(
      ...(answer.ok
        ? /** @type {T[]} */ (answer.body).map((item) => el('li', {}, ...line(item)))
        : [el('li', { class: 'refusal' }, refusal(answer))]),
    );
  }
  const offerMessage = byId('offer-result');
  const venueMessage = byId('venue-result');
  /** @returns {Promise<void>} */
  const loadOffers = () =>
    loadList('/offers', 'offers', (/** @type {OfferRecord} */ o) => [
      t('admin.offers.line', {
        offerId: o.offerId,
        name: o.name,
        kind: t(`offerKind.${o.kind}`),
        status: state(o.status),
        venues: o.eligibleVenueIds.join(', '),
      }),
      ...(o.status === 'active'
        ? [
            actionButton(
              t('admin.offers.retire', { offerId: o.offerId }),
              `/offers/${encodeURIComponent(o.offerId)}/retire`,
              undefined,
              offerMessage,
              loadOffers,
            ),
          ]
        : []),
    ]);
  const ownMsp = byId('venues').dataset.msp;
  // This municipality suspends a venue for its own passes only; the venue's own organisation suspends it as a whole.
  /** @param {VenueRecord} v */
  const suspendedHere = (v) => (v.suspendedFor ?? []).some((s) => s.mspId === ownMsp);
  /** @param {VenueRecord} v */
  function venueActions(v) {
    const path = `/venues/${encodeURIComponent(v.venueId)}`;
    if (suspendedHere(v)) {
      return [
        actionButton(
          t('admin.venues.reinstate', { venueId: v.venueId }),
          `${path}/reinstate`,
          undefined,
          venueMessage,
          loadVenues,
        ),
      ];
    }
    const reason = el('input', {
      id: `suspend-${v.venueId}`,
      maxlength: 200,
      placeholder: t('admin.venues.suspendHint'),
    });
    return [
      el(
        'label',
        { for: reason.id, class: 'visually-hidden' },
        t('admin.venues.suspendReason', { venueId: v.venueId }),
      ),
      reason,
      actionButton(
        t('admin.venues.suspend', { venueId: v.venueId }),
        `${path}/suspend`,
        () => ({ reason: reason.value.trim() }),
        venueMessage,
        loadVenues,
      ),
    ];
  }
  /** @returns {Promise<void>} */
  const loadVenues = () =>
    loadList('/venues', 'venues', (/** @type {VenueRecord} */ v) => [
      t('admin.venues.line', {
        venueId: v.venueId,
        name: v.name,
        kind: v.kind,
        status: state(suspendedHere(v) ? 'suspended' : v.status),
      }),
      ...venueActions(v),
    ]);

  /** @param {string} id */
  const list = (id) =>
    value(id)
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  /**
   * A discount's tiers as the desk writes them, `2:100, 3:75`: the first 2 bookings at 100%, the next 3 at 75%.
   * @param {string} text
   */
  const discountTiersOf = (text) =>
    text.split(',').map((part) => {
      const [bookings, discountPercent] = part.split(':').map((n) => Number(n.trim()));
      return { bookings, discountPercent };
    });
  /** Where each amount of an offer's terms is entered, read as the API takes it. */
  const amountFields = {
    entriesPerPeriod: () => Number(value('offer-amount')),
    budgetCentsPerPeriod: () => cents(value('offer-amount')),
    discountPercent: () => Number(value('offer-amount')),
    // A discount is bounded twice: the highest price per booking, and the discount per pass and period.
    maxAmountCentsPerBooking: () => cents(value('offer-ceiling')),
    discountCentsPerPeriod: () => cents(value('offer-discountBudget')),
  };
  byId('offer-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const kind = value('offer-kind');
    // The kind's rules come with the page, from the chaincode's table: which amounts it takes, how it is paid.
    /** @type {OfferKindRules | undefined} */
    const rules = JSON.parse(byId('offer-kind').dataset.kinds ?? '{}')[kind];
    if (rules === undefined) {
      return;
    }
    const amounts = Object.fromEntries(rules.amountFields.map((field) => [field, amountFields[field]()]));
    const tiers = value('offer-tiers');
    const remainderAtCounter = byId('offer-remainderAtCounter', HTMLInputElement).checked;
    const answer = await api('POST', '/offers', {
      offerId: value('offer-offerId'),
      name: value('offer-name'),
      kind,
      ...amounts,
      ...(kind === 'discount' && tiers !== '' ? { discountTiers: discountTiersOf(tiers) } : {}),
      ...(kind === 'budget' && remainderAtCounter ? { remainderAtCounter } : {}),
      eligibleVenueIds: list('offer-venues'),
      eligibleCategories: list('offer-categories'),
      reimbursement: rules.reimbursedPerUnit
        ? { perUseCents: cents(value('offer-reimbursement')) }
        : { shareBasisPoints: Math.round(Number(value('offer-reimbursement').replace(',', '.')) * 100) },
      funderMspId: value('offer-funder'),
      validFrom: dayStart(value('offer-validFrom')),
      validUntil: dayStart(value('offer-validUntil'), 1),
      grantByRule: byId('offer-byRule', HTMLInputElement).checked,
    });
    say(
      byId('offer-result'),
      answer.ok ? t('admin.offer.created', { offerId: answer.body.offerId }) : refusal(answer),
      answer.ok ? 'done' : 'refusal',
    );
    void loadOffers();
  });
  byId('venue-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const answer = await api('POST', '/venues', {
      venueId: value('venue-venueId'),
      name: value('venue-name'),
      kind: value('venue-kind'),
      mspId: value('venue-mspId'),
    });
    say(
      byId('venue-result'),
      answer.ok ? t('admin.venue.registered', { venueId: answer.body.venueId }) : refusal(answer),
      answer.ok ? 'done' : 'refusal',
    );
    void loadVenues();
  });

  void loadClaims();
  void loadOffers();
  void loadVenues();
})();
