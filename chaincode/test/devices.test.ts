import {
  CARD_TRANSIENT_KEY,
  HOLDER_REQUEST_TRANSIENT_KEY,
  LINK_CODE_TRANSIENT_KEY,
  linkCodeDigest,
  type DeviceRecord,
  type RedeemResponse,
} from '../src/vocabulary';
import { identities, type TestIdentity } from './support/identities';
import type { InMemoryLedger } from './support/in-memory-ledger';
import { cardOf, POOL, redeemRequest, seededLedger } from './support/fixtures';
import { Phone } from './support/phones';

const staff = identities.municipalityStaff();
const admin = identities.municipalityAdmin();
const pool = identities.venue(POOL);
const LINK_CODE = 'ABCDE-FGHJK-LMNPQ-RSTUV';

/** The desk prints a pass letter whose link code is `code`. */
async function printLetter(ledger: InMemoryLedger, passId = 'SP-0001', code = LINK_CODE): Promise<void> {
  await ledger.submit(staff, 'devices:IssueLinkLetter', { passId, codeDigest: linkCodeDigest(code) });
}

/** The holder links a phone, with the printed card and the letter's code, through any organisation's client. */
function link(
  ledger: InMemoryLedger,
  phone: Phone,
  options: { card?: string; code?: string; who?: TestIdentity } = {},
): Promise<DeviceRecord> {
  return ledger.submit(
    options.who ?? identities.municipalityReader(),
    'devices:LinkDevice',
    { publicKey: phone.publicKey },
    {
      [CARD_TRANSIENT_KEY]: options.card ?? cardOf('SP-0001'),
      [LINK_CODE_TRANSIENT_KEY]: options.code ?? LINK_CODE,
    },
  );
}

/** A seeded ledger where the holder of SP-0001 linked a phone with the desk's letter. */
async function withLinkedPhone(): Promise<{ ledger: InMemoryLedger; phone: Phone }> {
  const ledger = await seededLedger();
  const phone = new Phone();
  await printLetter(ledger);
  await link(ledger, phone);
  return { ledger, phone };
}

/** A booking of one swim presenting the app's code shown now. */
function bookWithApp(
  ledger: InMemoryLedger,
  phone: Phone,
  code = phone.code('SP-0001', ledger.now()),
): Promise<RedeemResponse> {
  return ledger.redeem(pool, { ...redeemRequest(), qr: code });
}

describe('the holder app: linking a phone', () => {
  let ledger: InMemoryLedger;
  let phone: Phone;
  beforeEach(async () => {
    ledger = await seededLedger();
    phone = new Phone();
    await printLetter(ledger);
  });

  it('when a phone is linked with the card and the letter’s code, then its rotating code books, recorded as the app', async () => {
    const device = await link(ledger, phone);

    expect(device).toMatchObject({
      passId: 'SP-0001',
      deviceId: phone.deviceId,
      municipalityMspId: 'GemeenteMSP',
    });
    expect(ledger.lastEvent()).toMatchObject({ name: 'DeviceLinked', payload: { deviceId: phone.deviceId } });
    const booked = await bookWithApp(ledger, phone);
    expect(booked.redemption).toMatchObject({ passId: 'SP-0001', presented: 'app' });
  });

  it('when a phone is linked, then neither the link code nor the card’s code is written anywhere', async () => {
    await link(ledger, phone);

    const written =
      ledger.world
        .keysWithPrefix('')
        .map((key) => key + Buffer.from(ledger.world.get(key) ?? new Uint8Array()).toString('utf8'))
        .join('\n') + JSON.stringify(ledger.events);
    expect(written).not.toContain(LINK_CODE);
    expect(written).not.toContain(LINK_CODE.replace(/-/g, ''));
    expect(written).not.toContain(cardOf('SP-0001').split('.')[2]);
  });

  it('when the link code is wrong, then linking is refused and nothing is written', async () => {
    const before = ledger.world.snapshot();

    await expect(link(ledger, phone, { code: 'ABCDE-FGHJK-LMNPQ-RSTUW' })).rejects.toThrow(
      /^FORBIDDEN: the link code is not that of the newest letter/,
    );
    expect(ledger.world.snapshot()).toBe(before);
  });

  it('when the letter’s code linked a phone once, then a second phone is refused until the desk prints a new letter', async () => {
    await link(ledger, phone);
    const second = new Phone();

    await expect(link(ledger, second)).rejects.toThrow(/^FORBIDDEN: the letter's link code was used/);
    await printLetter(ledger, 'SP-0001', 'ZZZZZ-YYYYY-XXXXX-WWWWW');
    await expect(link(ledger, second, { code: 'zzzzz yyyyy xxxxx wwwww' })).resolves.toMatchObject({
      deviceId: second.deviceId,
    });
  });

  it('when a newer letter is printed, then the older letter’s code no longer links', async () => {
    await printLetter(ledger, 'SP-0001', 'ZZZZZ-YYYYY-XXXXX-WWWWW');

    await expect(link(ledger, phone)).rejects.toThrow(
      /^FORBIDDEN: the link code is not that of the newest letter/,
    );
  });

  it('when the card of another pass is presented with the letter’s code, then linking is refused', async () => {
    await expect(link(ledger, phone, { card: cardOf('SP-0002') })).rejects.toThrow(
      /^FORBIDDEN: the link code/,
    );
  });

  it('when a phone links with an app’s code instead of the printed card, then it is refused', async () => {
    await link(ledger, phone);
    await printLetter(ledger, 'SP-0001', 'ZZZZZ-YYYYY-XXXXX-WWWWW');

    await expect(
      link(ledger, new Phone(), {
        card: phone.code('SP-0001', ledger.now()),
        code: 'ZZZZZ-YYYYY-XXXXX-WWWWW',
      }),
    ).rejects.toThrow(/^INVALID_ARGUMENT: a phone is linked with the printed card's code/);
  });

  it('when a venue prints a letter for a pass, then it is refused: only the pass’s municipality prints letters', async () => {
    await expect(
      ledger.submit(pool, 'devices:IssueLinkLetter', { passId: 'SP-0001', codeDigest: linkCodeDigest('X') }),
    ).rejects.toThrow(/^FORBIDDEN/);
  });

  it('when the public key is not a P-256 key, then linking is refused', async () => {
    await expect(
      ledger.submit(
        identities.municipalityReader(),
        'devices:LinkDevice',
        { publicKey: 'MCowBQYDK2VwAyEA' },
        {},
      ),
    ).rejects.toThrow(/^INVALID_ARGUMENT: .*ECDSA P-256/);
  });

  it('when an identity of no organisation of the scheme links a phone, then it is refused', async () => {
    await expect(
      link(ledger, phone, { who: identities.custom('StrangerMSP', { role: 'admin' }) }),
    ).rejects.toThrow(/^FORBIDDEN: StrangerMSP is no organisation of the scheme/);
  });
});

describe('the holder app: its rotating code', () => {
  let ledger: InMemoryLedger;
  let phone: Phone;
  beforeEach(async () => {
    ({ ledger, phone } = await withLinkedPhone());
  });

  it('when the code shown is scanned within its window, then the venue sees the pass', async () => {
    const code = phone.code('SP-0001', ledger.now());
    ledger.advanceSeconds(50);

    await expect(ledger.scan(pool, code)).resolves.toMatchObject({ passId: 'SP-0001' });
  });

  it('when a screenshot of the code is shown a minute later, then it is refused as an expired code', async () => {
    const code = phone.code('SP-0001', ledger.now());
    ledger.advanceSeconds(61);

    await expect(ledger.scan(pool, code)).rejects.toThrow(/^INVALID_QR: the code expired/);
    await expect(bookWithApp(ledger, phone, code)).rejects.toThrow(/^INVALID_QR: the code expired/);
  });

  it('when a code is made for a time more than half a minute ahead, then it is refused', async () => {
    const ahead = new Date(Date.parse(ledger.now()) + 61_000).toISOString();

    await expect(ledger.scan(pool, phone.code('SP-0001', ahead))).rejects.toThrow(
      /^INVALID_QR: the code expired/,
    );
  });

  it('when a code’s pass is changed, or its signature, then it is refused', async () => {
    const code = phone.code('SP-0001', ledger.now());
    const [tag, claims, signature] = code.split('.') as [string, string, string];
    const otherPass = Buffer.from(
      Buffer.from(claims, 'base64url').toString('utf8').replace('SP-0001', 'SP-0002'),
    ).toString('base64url');
    const flipped = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;

    await expect(ledger.scan(pool, `${tag}.${otherPass}.${signature}`)).rejects.toThrow(
      /^INVALID_QR: the app/,
    );
    await expect(ledger.scan(pool, `${tag}.${claims}.${flipped}`)).rejects.toThrow(
      /^INVALID_QR: the code signature/,
    );
  });

  it('when a phone that was never linked signs a code, then it is refused', async () => {
    await expect(ledger.scan(pool, new Phone().code('SP-0001', ledger.now()))).rejects.toThrow(
      /^INVALID_QR: the app D-[0-9a-f]+ is not linked/,
    );
  });

  it('when a holder’s signed request is scanned as a code, then it is refused', async () => {
    await expect(ledger.scan(pool, phone.request('view', 'SP-0001', ledger.now()))).rejects.toThrow(
      /^INVALID_QR: a holder's request is not a code to scan/,
    );
  });
});

describe('the holder app: unlinking a phone and reporting the card lost', () => {
  let ledger: InMemoryLedger;
  let phone: Phone;
  beforeEach(async () => {
    ({ ledger, phone } = await withLinkedPhone());
  });

  function holderAsks(action: 'unlink' | 'block-card', request: string): Promise<unknown> {
    const reader = identities.municipalityReader();
    const transient = { [HOLDER_REQUEST_TRANSIENT_KEY]: request };
    return action === 'unlink'
      ? ledger.submit(
          reader,
          'devices:UnlinkDevice',
          { passId: 'SP-0001', deviceId: phone.deviceId },
          transient,
        )
      : ledger.submit(reader, 'devices:BlockCard', { passId: 'SP-0001' }, transient);
  }

  it('when the holder unlinks the phone, then its codes are refused from then on', async () => {
    await holderAsks('unlink', phone.request('unlink', 'SP-0001', ledger.now()));

    expect(ledger.lastEvent()).toMatchObject({ name: 'DeviceUnlinked', payload: { by: 'holder' } });
    await expect(bookWithApp(ledger, phone)).rejects.toThrow(/^INVALID_QR: the app .* is not linked/);
  });

  it('when the desk unlinks a lost phone, then its codes are refused', async () => {
    await ledger.submit(staff, 'devices:UnlinkDevice', { passId: 'SP-0001', deviceId: phone.deviceId });

    expect(ledger.lastEvent()).toMatchObject({ name: 'DeviceUnlinked', payload: { by: 'municipality' } });
    await expect(ledger.scan(pool, phone.code('SP-0001', ledger.now()))).rejects.toThrow(/^INVALID_QR/);
  });

  it('when the desk lists a pass’s phones, then it sees the linked ones; a venue may not list them', async () => {
    await expect(ledger.evaluate(staff, 'devices:ListDevices', { passId: 'SP-0001' })).resolves.toEqual([
      { deviceId: phone.deviceId, linkedAt: expect.any(String) as string },
    ]);
    await expect(ledger.evaluate(pool, 'devices:ListDevices', { passId: 'SP-0001' })).rejects.toThrow(
      /^FORBIDDEN/,
    );
  });

  it('when a venue unlinks a phone without the holder’s request, then it is refused', async () => {
    await expect(
      ledger.submit(pool, 'devices:UnlinkDevice', { passId: 'SP-0001', deviceId: phone.deviceId }),
    ).rejects.toThrow(/^FORBIDDEN/);
  });

  it('when a holder’s request is old, or asks for something else, then it is refused', async () => {
    const old = phone.request('unlink', 'SP-0001', ledger.now());
    ledger.advanceSeconds(90);

    await expect(holderAsks('unlink', old)).rejects.toThrow(/^INVALID_QR: the code expired/);
    await expect(holderAsks('unlink', phone.request('view', 'SP-0001', ledger.now()))).rejects.toThrow(
      /^INVALID_QR: the holder's request does not ask to unlink/,
    );
  });

  it('when the holder reports the card lost, then the next scan of the card is refused and the app still books', async () => {
    await holderAsks('block-card', phone.request('block-card', 'SP-0001', ledger.now()));

    expect(ledger.lastEvent()).toMatchObject({ name: 'CardBlocked', payload: { passId: 'SP-0001' } });
    await expect(ledger.scan(pool, cardOf('SP-0001'))).rejects.toThrow(
      /^PASS_BLOCKED: the holder reported the card/,
    );
    await expect(ledger.redeem(pool, redeemRequest())).rejects.toThrow(/^PASS_BLOCKED/);
    await expect(bookWithApp(ledger, phone)).resolves.toMatchObject({ redemption: { presented: 'app' } });
  });

  it('when someone reports a card lost without a linked phone’s request, then it is refused', async () => {
    await expect(ledger.submit(staff, 'devices:BlockCard', { passId: 'SP-0001' })).rejects.toThrow(
      /^INVALID_ARGUMENT: the holder's signed request/,
    );
    await expect(
      holderAsks('block-card', new Phone().request('block-card', 'SP-0001', ledger.now())),
    ).rejects.toThrow(/^INVALID_QR/);
  });
});

describe('the holder’s view of the pass, from any organisation', () => {
  let ledger: InMemoryLedger;
  let phone: Phone;
  beforeEach(async () => {
    ({ ledger, phone } = await withLinkedPhone());
  });

  it('when opened with the app’s signed request on a venue organisation’s peer, then it shows every voucher and the phones', async () => {
    const view = await ledger.evaluate(pool, 'devices:HolderPass', undefined, {
      [HOLDER_REQUEST_TRANSIENT_KEY]: phone.request('view', 'SP-0001', ledger.now()),
    });

    expect(view).toMatchObject({ passId: 'SP-0001', proof: 'app', devices: [{ deviceId: phone.deviceId }] });
    expect(view.vouchers.length).toBeGreaterThan(1);
  });

  it('when opened with the printed card alone, then it shows the balances and nothing of the phones', async () => {
    const view = await ledger.evaluate(identities.payerAdmin(), 'devices:HolderPass', undefined, {
      [CARD_TRANSIENT_KEY]: cardOf('SP-0001'),
    });

    expect(view).toMatchObject({ passId: 'SP-0001', proof: 'card' });
    expect(view.devices).toBeUndefined();
  });

  it('when opened without any proof, then it is refused', async () => {
    await expect(ledger.evaluate(pool, 'devices:HolderPass', undefined)).rejects.toThrow(/^INVALID_ARGUMENT/);
  });
});

describe('the printed card’s daily limit', () => {
  let ledger: InMemoryLedger;
  beforeEach(async () => {
    ledger = await seededLedger();
    await ledger.submit(admin, 'config:SetConfig', {
      passYearStart: '01-01',
      reversalWindowSeconds: 3600,
      cardUsesPerDay: 2,
    });
  });

  it('when the card booked the most a day allows, then the next card booking is refused, the app’s books, and the next day the card books again', async () => {
    const phone = new Phone();
    await printLetter(ledger);
    await link(ledger, phone);
    await ledger.redeem(pool, redeemRequest());
    await ledger.redeem(pool, redeemRequest());
    const before = ledger.world.snapshot();

    await expect(ledger.redeem(pool, redeemRequest())).rejects.toThrow(
      /^DAILY_LIMIT_REACHED: the printed card of pass SP-0001 booked 2 times/,
    );
    expect(ledger.world.snapshot()).toBe(before);
    await expect(bookWithApp(ledger, phone)).resolves.toMatchObject({ redemption: { presented: 'app' } });
    ledger.advanceSeconds(24 * 3600);
    await expect(ledger.redeem(pool, redeemRequest())).resolves.toMatchObject({
      redemption: { presented: 'card' },
    });
  });

  it('when the limit is changed by one municipality alone once set, then it is refused: it changes with the majority', async () => {
    await expect(
      ledger.submit(admin, 'config:SetConfig', {
        passYearStart: '01-01',
        reversalWindowSeconds: 3600,
        cardUsesPerDay: 9,
      }),
    ).rejects.toThrow(/^FORBIDDEN: the ledger-wide settings are set/);
  });
});
