/**
 * Answers of the REST gateways at their edges, against the real network: empty pages and foreign bookmarks,
 * malformed paths, bodies and event cursors, a pass request refused before any personal data is recorded, the
 * erasure of a holder whose pass was never issued, HTTP hygiene, and how a refused redemption is logged.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { cardNumberOf, enrolledCredentials, openGateway } from '@stadspas/network';
import { eventually, orgByMsp, testNetwork } from './support/network';
import { readClients, restClient, type Answer, type RestClient } from './support/rest-client';

interface Body {
  readonly error?: { readonly code: string };
  readonly items?: readonly unknown[];
  readonly bookmark?: string;
  readonly initialised?: boolean;
  readonly qr?: string;
  readonly passId?: string;
  readonly holderRef?: string;
}

const ctx = testNetwork();
const clients = readClients(ctx.paths.clientsFile);
const as = (name: string): RestClient<Body> => restClient<Body>(clients, name);
const admin = as('gemeente-admin');
const staff = as('gemeente-staff');
const pool = as('zwembad-kardinge');
const club = as('sportclub-helpman');

// eslint-disable-next-line no-control-regex -- the escape character is what the pattern looks for
const ansiColour = /\u001b\[[0-9;]*m/g;
const unique = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const day = 86_400_000;
const iso = (offsetMs: number): string => new Date(Date.now() + offsetMs).toISOString();
const personalData = {
  name: `Rand Geval ${unique}`,
  bsn: '111222333',
  dateOfBirth: '1990-01-01',
  address: `Randweg ${unique}, 9700 AA Groningen`,
};

/** An event stream read in the background: its status once open, and all text received so far. */
interface CollectedEvents {
  readonly opened: Promise<number>;
  text(): string;
  close(): void;
}

/** The chaincode events a gateway streams to a client from now on, collected in the background. */
function collectEvents(url: string, apiKey: string): CollectedEvents {
  const controller = new AbortController();
  let text = '';
  const opened = fetch(`${url}/events?from=now`, {
    headers: { Authorization: `Bearer ${apiKey}` },
    signal: controller.signal,
  }).then((res): number => {
    const reader = res.body?.getReader();
    const decoder = new TextDecoder();
    void (async (): Promise<void> => {
      for (;;) {
        const chunk = (await reader?.read().catch(() => undefined)) as
          { readonly done: boolean; readonly value?: Uint8Array } | undefined;
        if (chunk === undefined || chunk.done) {
          return;
        }
        text += decoder.decode(chunk.value, { stream: true });
      }
    })();
    return res.status;
  });
  return {
    opened,
    text: (): string => text,
    close: (): void => {
      controller.abort();
    },
  };
}

/** Everything the chaincode processes logged after `offsets` were taken. */
function chaincodeLogSince(offsets: ReadonlyMap<string, number>): string {
  return [...offsets]
    .map(([file, offset]) => readFileSync(file).subarray(offset).toString('utf8'))
    .join('\n');
}

function chaincodeLogOffsets(): Map<string, number> {
  const files = ctx.network.organisations.map((org) => ctx.paths.logFile(`chaincode-${org.name}`));
  return new Map(files.map((file) => [file, statSync(file).size]));
}

async function ensureVenue(venueId: string, name: string, kind: string): Promise<void> {
  if ((await staff.get(`/venues/${venueId}`)).status === 404) {
    expect((await staff.post('/venues', { venueId, name, kind, mspId: 'VenuesMSP' })).status).toBe(201);
  }
}

beforeAll(async () => {
  const config = await admin.get('/config');
  if (config.status !== 200 || config.body.initialised !== true) {
    expect((await admin.put('/config', { passYearStart: '01-01', reversalWindowSeconds: 900 })).status).toBe(
      200,
    );
  }
  await ensureVenue('zwembad-kardinge', 'Sportcentrum Kardinge', 'swimming-pool');
  await ensureVenue('sportclub-helpman', 'Sportclub Helpman', 'sports-club');
});

describe('lists', () => {
  it('an empty list is 200 with no items and no bookmark', async () => {
    const byPass = await staff.get('/redemptions?passId=NOPE-1');
    const noClaims = await club.get('/claims');

    expect([byPass.status, byPass.body.items, byPass.body.bookmark]).toEqual([200, [], '']);
    expect([noClaims.status, noClaims.body.items, noClaims.body.bookmark]).toEqual([200, [], '']);
  });

  it('a bookmark that is not one of the list is refused with 400 INVALID_ARGUMENT', async () => {
    const res = await staff.get('/claims?bookmark=xyz');

    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('INVALID_ARGUMENT');
  });
});

describe('malformed requests are the client’s mistake', () => {
  it.each(['/passes/%FF', '/passes/%', '/passes/%E0%A4%A'])(
    'GET %s is 400 INVALID_ARGUMENT',
    async (path) => {
      const res = await staff.get(path);

      expect(res.status).toBe(400);
      expect(res.body.error?.code).toBe('INVALID_ARGUMENT');
    },
  );

  it('a body that is not gzip although Content-Encoding says so is 400 INVALID_ARGUMENT', async () => {
    const res = await staff.post('/venues', { venueId: 'x' }, { 'Content-Encoding': 'gzip' });

    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('INVALID_ARGUMENT');
  });

  it('an event cursor beyond 64-bit block numbers is 400 INVALID_ARGUMENT', async () => {
    const res = await staff.get('/events?from=99999999999999999999.0');

    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('INVALID_ARGUMENT');
  });
});

describe('personal data of passes', () => {
  it('a pass that ends before it starts is refused before its holder is recorded', async () => {
    const events = collectEvents(staff.url, staff.apiKey);
    try {
      expect(await events.opened).toBe(200);
      const refusedId = `hd-${unique}-bad`;
      const markerId = `hd-${unique}-ok`;

      const refused = await staff.post('/passes', {
        passId: refusedId,
        category: 'adult',
        validFrom: iso(365 * day),
        validUntil: iso(-day),
        personalData,
      });
      const marker = await staff.post('/passes', {
        passId: markerId,
        category: 'adult',
        validFrom: iso(-day),
        validUntil: iso(365 * day),
        personalData,
      });

      expect(refused.status).toBe(400);
      expect(marker.status).toBe(201);
      // Events arrive in commit order: once the marker's pass is streamed, a recording of the refused one would be too.
      await eventually(
        () =>
          events.text().includes(`"passId":"${markerId}"`)
            ? Promise.resolve()
            : Promise.reject(new Error('marker not streamed yet')),
        30_000,
      );
      expect(events.text()).not.toContain(refusedId);
    } finally {
      events.close();
    }
  });

  it('the holder of a pass that was never issued can be erased', async () => {
    const passId = `hd-${unique}-orphan`;
    const gemeente = orgByMsp(ctx, 'GemeenteMSP');
    const session = openGateway(ctx, gemeente, enrolledCredentials(ctx, gemeente, 'gemeente-staff'));
    try {
      await session.contract.submit('passes:RecordHolder', {
        transientData: {
          holder: JSON.stringify({
            passId,
            salt: randomBytes(16).toString('hex'),
            cardNumber: cardNumberOf(passId),
            personalData,
          }),
          cardNumberSecret: randomBytes(32).toString('hex'),
        },
      });
    } finally {
      session.close();
    }

    const erased = await staff.del(`/passes/${passId}/holder`);
    const again = await staff.del(`/passes/${passId}/holder`);

    expect([erased.status, erased.body]).toEqual([200, { passId }]);
    expect(again.status).toBe(404);
  });
});

describe('HTTP hygiene', () => {
  it('API answers carry nosniff, a policy against framing and no-store', async () => {
    const res = await staff.get('/offers');

    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('a fifth event stream of one API key is refused with 429 TOO_MANY_STREAMS', async () => {
    const streams = Array.from({ length: 4 }, () => collectEvents(pool.url, pool.apiKey));
    try {
      expect(await Promise.all(streams.map((s) => s.opened))).toEqual([200, 200, 200, 200]);

      const fifth = await pool.get('/events?from=now');

      expect(fifth.status).toBe(429);
      expect(fifth.body.error?.code).toBe('TOO_MANY_STREAMS');
    } finally {
      streams.forEach((s) => {
        s.close();
      });
    }
  });
});

describe('the chaincode log', () => {
  it('a refused redemption is normal operation: no error line and no stack trace', async () => {
    const offerId = `hd-swim-${unique}`;
    const passId = `hd-${unique}-swim`;
    expect(
      (
        await staff.post('/offers', {
          offerId,
          name: 'One swim',
          kind: 'entries',
          entriesPerPeriod: 1,
          eligibleVenueIds: ['zwembad-kardinge'],
          eligibleCategories: ['adult'],
          reimbursement: { perUseCents: 450 },
          grantByRule: true,
          funderMspId: 'GemeenteMSP',
          validFrom: iso(-day),
          validUntil: iso(365 * day),
        })
      ).status,
    ).toBe(201);
    const issued = await staff.post('/passes', {
      passId,
      category: 'adult',
      validFrom: iso(-day),
      validUntil: iso(365 * day),
      personalData,
    });
    expect(issued.status).toBe(201);
    const booking = { qr: issued.body.qr, offerId, quantity: 1 };
    const redeem = (): Promise<Answer<Body>> =>
      pool.post('/redemptions', booking, {
        'Idempotency-Key': `hd-${unique}-${randomBytes(4).toString('hex')}`,
      });
    // The municipality's QR key may still be on its way to the ledger.
    await eventually(async () => {
      const first = await redeem();
      if (first.status !== 201) {
        throw new Error(`redeem answered ${String(first.status)}`);
      }
    });
    const offsets = chaincodeLogOffsets();

    const refused = await redeem();

    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('INSUFFICIENT_BALANCE');
    const log = chaincodeLogSince(offsets);
    // A log line is `<time> <level> [<logger>] <message>`, the level coloured with ANSI escapes.
    const levelOf = (line: string): string | undefined => line.replace(ansiColour, '').split(/\s+/)[1];
    const refusalLines = log.split('\n').filter((line) => line.includes('INSUFFICIENT_BALANCE'));
    expect(refusalLines.filter((line) => levelOf(line) === 'error')).toEqual([]);
    expect(log).not.toMatch(/^\s+at /m);
  });
});
