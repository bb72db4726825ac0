/**
 * The city on three hosts: each organisation's node runs in a network namespace of its own, from a state folder
 * of its own, on a private subnet this suite makes. The organisations exchange only public files (their
 * definitions and the genesis block), each runs its own steps on its own host, and the story runs across
 * them. Then each organisation's whole node is killed in turn under a stream of REST writes at a surviving
 * gateway.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  createContext,
  createOfferWithPasses,
  enrolledCredentials,
  evaluateJson,
  fetchTrusting,
  killGroup,
  loadDemoData,
  municipalityCards,
  nodeProcessNames,
  openGateway,
  peerHeight,
  runningPid,
  operationsOf,
  writeCityClients,
  type CardMaker,
  type GatewaySession,
  type NetworkConfig,
  type NetworkContext,
  type Organisation,
} from '@stadspas/network';
import { PrivateSubnet, runOnHost, type Host } from './support/namespaces';
import { eventually } from './support/network';
import { readClients, restClient, type RestClient } from './support/rest-client';

interface Body {
  readonly qr?: string;
  readonly status?: string;
  readonly claimId?: string;
  readonly redemptionIds?: readonly string[];
  readonly vouchers?: readonly { readonly offerId: string; readonly remaining: number }[];
  readonly redemption?: {
    readonly redemptionId: string;
    readonly passId: string;
    readonly presented: string;
  };
}

interface Answer {
  readonly status: number;
  readonly id?: string;
  /** Milliseconds from the kill to the answer. */
  readonly after: number;
}

const repoRoot = resolve(__dirname, '..', '..');
const base = mkdtempSync(join(tmpdir(), 'stadspas-multihost-'));
const networkFile = join(base, 'network.json');
const subnet = new PrivateSubnet('10.78.0', String(process.pid % 1000));
const description = JSON.parse(
  readFileSync(join(repoRoot, 'network', 'network.json'), 'utf8'),
) as NetworkConfig;
const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;

/** Each organisation as the suite runs it: its description on its host, its namespace and its own state folder. */
interface Site {
  readonly org: Organisation;
  readonly host: Host;
  readonly ctx: NetworkContext;
}
let sites: Site[] = [];
/** The network description once a fourth organisation is described in it (every organisation's copy). */
let description4: string | undefined;

function site(name: string): Site {
  const found = sites.find((s) => s.org.name === name);
  if (!found) {
    throw new Error(`no site ${name}`);
  }
  return found;
}

/** Runs `npm run node -- <command> --org <name>` on the organisation's own host, from its own folder. */
function node(s: Site, ...args: string[]): Promise<string> {
  return runOnHost(
    s.host,
    ['npx', '--no-install', 'tsx', 'network/src/cli.ts', 'node', ...args, '--org', s.org.name],
    { STADSPAS_HOME: s.ctx.paths.home, STADSPAS_NETWORK: description4 ?? networkFile },
  );
}

/** Runs a node command that is expected to fail. @returns what it printed. */
async function refused(s: Site, ...args: string[]): Promise<string> {
  try {
    await node(s, ...args);
  } catch (error) {
    return String(error);
  }
  throw new Error(`npm run node -- ${args.join(' ')} --org ${s.org.name} succeeded`);
}

function onEvery(action: (s: Site) => Promise<unknown>): Promise<unknown[]> {
  return Promise.all(sites.map(action));
}

/** SIGKILLs every process of an organisation's node, as a power cut would. */
function killNode(s: Site): void {
  for (const name of nodeProcessNames(s.org)) {
    const pid = runningPid(s.ctx.paths, name);
    if (pid !== undefined) {
      killGroup(pid);
    }
  }
}

async function sameHeightEverywhere(): Promise<number> {
  return eventually(async () => {
    const heights = await Promise.all(sites.map((s) => peerHeight(s.ctx, s.org)));
    if (heights.includes(undefined) || new Set(heights).size !== 1) {
      throw new Error(`peer heights differ: ${heights.join(', ')}`);
    }
    return heights[0] ?? 0;
  }, 120_000);
}

beforeAll(async () => {
  subnet.create();
  const organisations = description.organisations.map((o) => ({ ...o, host: subnet.addHost().address }));
  writeFileSync(networkFile, JSON.stringify({ ...description, organisations }));
  sites = organisations.map((org, i) => ({
    org,
    host: subnet.hosts[i] as Host,
    ctx: createContext({ repoRoot, home: join(base, `${org.name}-host`), networkFile }),
  }));

  await onEvery((s) => node(s, 'init'));
  const definitions = sites.flatMap((s) => ['--definition', s.ctx.paths.org(s.org).definition]);
  await onEvery((s) => node(s, 'import', ...definitions));
  const [founder, ...others] = sites as [Site, ...Site[]];
  await node(founder, 'genesis');
  const genesis = founder.ctx.paths.org(founder.org).genesisBlock;
  await Promise.all(others.map((s) => node(s, 'import', '--genesis', genesis)));
  await onEvery((s) => node(s, 'start'));
  await onEvery((s) => node(s, 'approve'));
  await node(founder, 'commit');
  await onEvery((s) => node(s, 'start'));

  // The demo's clients of every organisation, gathered as the demo of the city does on one machine.
  const city = createContext({ repoRoot, home: base, networkFile });
  writeCityClients(
    city,
    sites.map((s) => s.ctx.paths.org(s.org).clientsFile),
  );
  await loadDemoData(city);
}, 900_000);

afterAll(async () => {
  try {
    await Promise.allSettled(sites.map((s) => node(s, 'stop')));
  } finally {
    for (const s of sites) {
      killNode(s);
    }
    subnet.remove();
    rmSync(base, { recursive: true, force: true });
  }
}, 120_000);

describe('the city on three hosts', () => {
  let municipality: RestClient<Body>;
  let pool: RestClient<Body>;
  let payer: RestClient<Body>;

  beforeAll(() => {
    const clients = readClients(join(base, 'clients.json'));
    municipality = restClient<Body>(clients, 'gemeente-admin');
    pool = restClient<Body>(clients, 'zwembad-kardinge');
    payer = restClient<Body>(clients, 'svb-payer');
  });

  test("when each organisation runs its own node on its own host from its own folder, then no folder holds another's secrets", () => {
    for (const s of sites) {
      const own = s.ctx.paths.org(s.org);
      expect(JSON.parse(readFileSync(own.gatewayConfig, 'utf8'))).toMatchObject({ host: s.org.host });
      for (const other of sites.filter((o) => o !== s)) {
        expect(() => readFileSync(s.ctx.paths.org(other.org).secretsFile)).toThrow(/ENOENT/);
      }
    }
    expect(municipality.url).toBe(`https://${site('gemeente').org.host}:3000/api/v1`);
  });

  test('when a pass is issued, scanned and booked at a venue, then the venue claims, the municipality approves and SVB pays', async () => {
    const storyStart = new Date(Date.now() - 60_000).toISOString();
    const passId = `HOST-${runId}`;
    const issued = await municipality.post('/passes', {
      passId,
      category: 'adult',
      validFrom: '2026-01-01T00:00:00Z',
      validUntil: '2030-12-31T00:00:00Z',
      personalData: {
        name: 'Sanne Host',
        bsn: '123456782',
        dateOfBirth: '1990-02-03',
        address: 'Vismarkt 1',
      },
    });
    expect(issued.status).toBe(201);
    const qr = issued.body.qr ?? '';

    const scanned = await pool.post('/scan', { qr });
    expect(scanned.body.vouchers?.find((v) => v.offerId === 'swim-5')?.remaining).toBe(5);
    const booked = await pool.post('/redemptions', { qr, offerId: 'swim-5' }, { 'Idempotency-Key': passId });
    expect(booked.status).toBe(201);
    expect(booked.body.redemption).toMatchObject({ passId, presented: 'card' });

    const claim = await pool.post('/claims', {
      claimId: `host-claim-${runId}`,
      funderMspId: 'GemeenteMSP',
      periodFrom: storyStart,
    });
    expect(claim.status).toBe(201);
    expect(claim.body.redemptionIds).toContain(booked.body.redemption?.redemptionId);
    expect((await municipality.post(`/claims/${claim.body.claimId ?? ''}/approve`)).status).toBe(200);
    const paid = await payer.post(`/claims/${claim.body.claimId ?? ''}/payment`, {
      paymentReference: `SVB-${runId}`,
      paidOn: new Date().toISOString().slice(0, 10),
    });
    expect(paid.status).toBe(200);
    expect(paid.body.status).toBe('paid');
  });
});

describe("killing each organisation's whole node in turn", () => {
  const offerId = `hosts-${runId}`;
  const passIds = Array.from({ length: 6 }, (_, i) => `HOSTS-${runId}-${i}`);
  let cardOf: CardMaker;
  let pool: RestClient<Body>;
  let municipality: RestClient<Body>;
  const sessions = new Map<string, GatewaySession>();

  /**
   * The municipality's admin reading through an organisation's own peer (a peer's gateway evaluates on its own
   * organisation's peer), so each read shows what that peer committed; the municipality may read every booking.
   */
  function readerOf(s: Site): GatewaySession {
    const gemeente = site('gemeente');
    const admin = enrolledCredentials(gemeente.ctx, gemeente.org, 'gemeente-admin');
    const session = openGateway(s.ctx, s.org, admin);
    sessions.set(s.org.name, session);
    return session;
  }

  beforeAll(async () => {
    const clients = readClients(join(base, 'clients.json'));
    pool = restClient<Body>(clients, 'zwembad-kardinge');
    municipality = restClient<Body>(clients, 'gemeente-admin');
    const gemeente = site('gemeente');
    const admin = readerOf(gemeente).contract;
    await createOfferWithPasses(admin, { offerId, venueId: 'zwembad-kardinge', entries: 100, passIds });
    cardOf = await municipalityCards(gemeente.ctx, admin);
    for (const s of sites.filter((x) => x !== gemeente)) {
      readerOf(s);
    }
  }, 180_000);

  afterAll(() => {
    for (const session of sessions.values()) {
      session.close();
    }
  });

  /** Sends a write until it gets an answer (a client on trouble retries with the same idempotency key). */
  async function untilAnswered(
    send: () => Promise<{ status: number; id?: string }>,
    killedAt: () => number,
  ): Promise<Answer> {
    for (let attempt = 1; ; attempt += 1) {
      const answer = await send().catch(() => ({ status: 599 }));
      if (answer.status < 500 || attempt >= 60) {
        return { ...answer, after: Date.now() - killedAt() };
      }
      await sleep(1_000);
    }
  }

  /** A booking at the pool with the pass's card. */
  function booking(i: number, victim: string): () => Promise<{ status: number; id?: string }> {
    const key = `hosts-${runId}-${victim}-${i}`;
    return async () => {
      const answer = await pool.post(
        '/redemptions',
        { qr: cardOf(passIds[i % passIds.length] ?? ''), offerId, quantity: 1 },
        { 'Idempotency-Key': key },
      );
      return { status: answer.status, id: answer.body.redemption?.redemptionId };
    };
  }

  /** A pass the municipality issues: its own writes while the venues' node is away. */
  function issuing(i: number, victim: string): () => Promise<{ status: number; id?: string }> {
    const passId = `HOSTS-${runId}-${victim}-${i}`;
    return async () => {
      const answer = await municipality.post('/passes', {
        passId,
        category: 'adult',
        validFrom: '2026-01-01T00:00:00Z',
        validUntil: '2030-12-31T00:00:00Z',
        personalData: {
          name: `Resident ${i}`,
          bsn: '123456782',
          dateOfBirth: '1980-01-01',
          address: 'Grote Markt 1',
        },
      });
      // A retry after an unknown outcome finds the pass issued already: that is its acknowledgement.
      return { status: answer.status === 409 ? 201 : answer.status, id: passId };
    };
  }

  /**
   * Every acknowledged write can be read through the organisation's own peer: each booking by its redemption
   * id; each pass the municipality issued while the venues were away, through the municipality's peer (the
   * others may not read passes).
   */
  async function expectWritesOn(s: Site, victimName: string, ids: readonly string[]): Promise<void> {
    const contract = sessions.get(s.org.name)?.contract;
    if (contract === undefined) {
      throw new Error(`no session for ${s.org.name}`);
    }
    if (victimName !== 'venues') {
      for (const redemptionId of ids) {
        await expect(
          evaluateJson(contract, 'redemptions:GetRedemption', { redemptionId }),
        ).resolves.toMatchObject({
          redemptionId,
        });
      }
    } else if (s.org.name === 'gemeente') {
      for (const passId of ids) {
        await expect(evaluateJson(contract, 'passes:GetPass', { passId })).resolves.toMatchObject({ passId });
      }
    }
  }

  test.each(['gemeente', 'svb', 'venues'])(
    "when %s's whole node is killed under a stream of writes, then the others keep committing, each acknowledged write is on every surviving peer once, and it catches up after its restart",
    async (victimName) => {
      const victim = site(victimName);
      const survivors = sites.filter((s) => s !== victim);
      const write = victimName === 'venues' ? issuing : booking;
      const before = await Promise.all(
        [0, 1].map((i) => untilAnswered(write(i, victimName), () => Date.now())),
      );
      const killedAt = Date.now();
      killNode(victim);
      const during: Answer[] = [];
      for (let i = 2; i < 12; i += 1) {
        during.push(await untilAnswered(write(i, victimName), () => killedAt));
      }
      const within10s = during.filter((a) => a.status === 201 && a.after <= 10_000).length;
      const seconds = during.map((a) => (a.after / 1000).toFixed(1)).join(', ');
      console.log(
        `${victimName} killed: ${within10s} of 10 writes acknowledged within 10 s of the kill (at ${seconds} s)`,
      );

      expect([...before, ...during].map((a) => a.status)).toEqual(Array.from({ length: 12 }, () => 201));
      const ids = [...before, ...during].map((a) => a.id ?? '');
      expect(new Set(ids).size).toBe(12);
      for (const s of survivors) {
        await expectWritesOn(s, victimName, ids);
      }

      await node(victim, 'start');
      await sameHeightEverywhere();
      await expectWritesOn(victim, victimName, ids);
    },
    600_000,
  );

  test('when every node was killed once, then each booking was counted exactly once', async () => {
    const gemeente = sessions.get('gemeente')?.contract;
    let used = 0;
    for (const passId of passIds) {
      const pass = await evaluateJson<{ vouchers: { offerId: string; used: number }[] }>(
        gemeente as NonNullable<typeof gemeente>,
        'passes:GetPass',
        { passId },
      );
      used += pass.vouchers.find((v) => v.offerId === offerId)?.used ?? 0;
    }
    expect(used).toBe(24);
  });
});

describe('a fourth organisation joins the running channel', () => {
  let west: Site;
  let update: string;
  const pool = (): RestClient<Body> =>
    restClient<Body>(readClients(join(base, 'clients.json')), 'zwembad-kardinge');

  beforeAll(async () => {
    const [gemeente] = sites as [Site];
    const joining: Organisation = {
      ...gemeente.org,
      name: 'westerkwartier',
      mspId: 'WesterkwartierMSP',
      displayName: 'Gemeente Westerkwartier',
      roles: ['municipality'],
      host: subnet.addHost().address,
      clients: [
        { name: 'westerkwartier-admin', role: 'admin' },
        { name: 'westerkwartier-staff', role: 'staff' },
      ],
    };
    const organisations = [...sites.map((x) => x.org), joining];
    description4 = join(base, 'network4.json');
    writeFileSync(description4, JSON.stringify({ ...description, organisations }));
    west = {
      org: joining,
      host: subnet.hosts[3] as Host,
      ctx: createContext({ repoRoot, home: join(base, 'westerkwartier-host'), networkFile: description4 }),
    };
    await node(west, 'init');
    // Every member takes in the newcomer's definition: verify compares with every member's peer.
    await onEvery((s) => node(s, 'import', '--definition', west.ctx.paths.org(joining).definition));
  }, 300_000);

  test('when only the proposing member signed the update, then submitting it is refused for too few signatures', async () => {
    const proposed = await node(site('gemeente'), 'propose', '--add', 'westerkwartier');
    update = /: (\S+\.update\.pb)$/m.exec(proposed)?.[1] ?? '';

    expect(update).not.toBe('');
    expect(await refused(site('gemeente'), 'submit', '--update', update)).toContain(
      'too few signatures: the update needs the admins of 2 of the 3 members, it has GemeenteMSP',
    );
  });

  test('when a majority signed it, then the channel takes it, and neither a second proposal nor the same update again is accepted', async () => {
    expect(await node(site('svb'), 'sign', '--update', update)).toContain(
      'now signed by GemeenteMSP, SVBMSP',
    );
    expect(await node(site('gemeente'), 'submit', '--update', update)).toContain(
      'The channel took the update, signed by GemeenteMSP, SVBMSP',
    );

    expect(await refused(site('svb'), 'propose', '--add', 'westerkwartier')).toContain(
      'westerkwartier (WesterkwartierMSP) is a member of channel stadspas already',
    );
    expect(await refused(site('gemeente'), 'submit', '--update', update)).toContain('a stale update');
  });

  test('when the new municipality starts its node from the latest configuration block, then its orderer is a consenter, its peer catches up, and a majority approves the definition with its collection', async () => {
    const gemeente = site('gemeente');
    const definitions = sites.flatMap((x) => ['--definition', x.ctx.paths.org(x.org).definition]);
    await node(
      west,
      'import',
      ...definitions,
      '--genesis',
      gemeente.ctx.paths.org(gemeente.org).genesisBlock,
      '--config-block',
      join(gemeente.ctx.paths.org(gemeente.org).channelConfigDir, 'config.block'),
    );
    await node(west, 'start');
    const approved = /Approved sequence (\d+)/.exec(await node(west, 'approve'))?.[1];
    expect(approved).toBeDefined();
    sites = [...sites, west];
    // The others take in its definition too, so their nodes can dial its peer.
    const westDefinition = west.ctx.paths.org(west.org).definition;
    await node(site('svb'), 'import', '--definition', westDefinition);
    await node(site('venues'), 'import', '--definition', westDefinition);
    // Its collection is new in the definition: three of the four organisations approve the next sequence.
    await node(site('gemeente'), 'approve');
    await node(site('venues'), 'approve');
    expect(await node(site('gemeente'), 'commit')).toContain(`Committed sequence ${approved ?? '?'}.`);
    await node(site('svb'), 'approve');

    await sameHeightEverywhere();
    const westOrderer = operationsOf(west.ctx, west.org, 'ordererOperations');
    const metrics = await (
      await fetchTrusting(
        westOrderer?.caPath,
        westOrderer?.client,
      )(`https://${west.org.host}:${west.org.ports.ordererOperations}/metrics`)
    ).text();
    expect(metrics).toMatch(/^consensus_etcdraft_cluster_size\{channel="stadspas"\} 4$/m);
  });

  test('when admins of a majority approve the scheme change, then the new organisation is a municipality of the scheme, and not before', async () => {
    const proposalId = `add-westerkwartier-${runId}`;
    expect(await node(site('gemeente'), 'scheme-propose', '--proposal', proposalId)).toContain(
      `Proposed ${proposalId}, approved by GemeenteMSP`,
    );
    expect(await refused(west, 'scheme-approve', '--proposal', proposalId)).toContain('FORBIDDEN');
    expect(await node(west, 'scheme')).not.toContain('WesterkwartierMSP');

    expect(await node(site('svb'), 'scheme-approve', '--proposal', proposalId)).toContain('it is in force');
    expect(await node(west, 'scheme')).toMatch(
      /WesterkwartierMSP\s+municipality \(westerkwartierPersonalData\)/,
    );
  });

  test("when the new municipality issues its own pass, then a venue books it with the card, it approves the venue's claim and SVB pays; the first municipality cannot read the pass or its holder", async () => {
    const clients = readClients(west.ctx.paths.org(west.org).clientsFile);
    const desk = restClient<Body>(clients, 'westerkwartier-staff');
    const cityClients = readClients(join(base, 'clients.json'));
    const groningen = restClient<Body>(cityClients, 'gemeente-admin');
    const offerId = `west-swims-${runId}`;
    const passId = `WK-${runId}`;
    const since = new Date(Date.now() - 60_000).toISOString();
    expect(
      (
        await desk.post('/offers', {
          offerId,
          name: 'Zwemmen Westerkwartier',
          kind: 'entries',
          entriesPerPeriod: 5,
          eligibleVenueIds: ['zwembad-kardinge'],
          eligibleCategories: ['adult'],
          reimbursement: { perUseCents: 300 },
          funderMspId: 'WesterkwartierMSP',
          validFrom: '2026-01-01T00:00:00Z',
          validUntil: '2030-12-31T00:00:00Z',
          grantByRule: true,
        })
      ).status,
    ).toBe(201);
    const issued = await desk.post('/passes', {
      passId,
      category: 'adult',
      validFrom: '2026-01-01T00:00:00Z',
      validUntil: '2030-12-31T00:00:00Z',
      personalData: {
        name: 'Wessel Kwartier',
        bsn: '123456782',
        dateOfBirth: '1985-07-01',
        address: 'Zuidhorn',
      },
    });
    expect(issued.status).toBe(201);
    const qr = issued.body.qr ?? '';

    // Its gateway publishes its own QR key once the scheme names it a municipality.
    const booked = await eventually(async () => {
      const answer = await pool().post('/redemptions', { qr, offerId }, { 'Idempotency-Key': passId });
      if (answer.status !== 201) {
        throw new Error(`booking answered ${answer.status}`);
      }
      return answer;
    });
    expect(booked.body.redemption).toMatchObject({ passId, presented: 'card' });
    const refusedHere = await pool().post(
      '/redemptions',
      { qr, offerId: 'swim-5' },
      { 'Idempotency-Key': `${passId}-city` },
    );
    expect(refusedHere.status).toBe(409);

    const claim = await pool().post('/claims', {
      claimId: `west-claim-${runId}`,
      funderMspId: 'WesterkwartierMSP',
      periodFrom: since,
    });
    expect(claim.status).toBe(201);
    expect((await groningen.post(`/claims/${claim.body.claimId ?? ''}/approve`)).status).toBe(403);
    expect((await desk.post(`/claims/${claim.body.claimId ?? ''}/approve`)).status).toBe(200);
    const paid = await restClient<Body>(cityClients, 'svb-payer').post(
      `/claims/${claim.body.claimId ?? ''}/payment`,
      {
        paymentReference: `SVB-W-${runId}`,
        paidOn: new Date().toISOString().slice(0, 10),
      },
    );
    expect(paid.body.status).toBe('paid');

    expect((await groningen.get(`/passes/${passId}`)).status).toBe(403);
    expect((await groningen.get(`/passes/${passId}/history`)).status).toBe(403);
    expect((await desk.get(`/passes/${passId}`)).status).toBe(200);
    // The holder is in Westerkwartier's collection, which Groningen's peer does not hold.
    const gemeente = site('gemeente');
    const session = openGateway(
      gemeente.ctx,
      gemeente.org,
      enrolledCredentials(gemeente.ctx, gemeente.org, 'gemeente-admin'),
    );
    try {
      await expect(evaluateJson(session.contract, 'passes:GetHolder', { passId })).rejects.toThrow(
        /FORBIDDEN: pass WK-\S+ was issued by WesterkwartierMSP/,
      );
    } finally {
      session.close();
    }
  });

  test('when one of the original organisations is down, then bookings commit with the new organisation endorsing', async () => {
    const svb = site('svb');
    await node(svb, 'stop');
    try {
      const passId = `WEST-${runId}`;
      const municipality = restClient<Body>(readClients(join(base, 'clients.json')), 'gemeente-admin');
      const issued = await eventually(async () => {
        const answer = await municipality.post('/passes', {
          passId,
          category: 'adult',
          validFrom: '2026-01-01T00:00:00Z',
          validUntil: '2030-12-31T00:00:00Z',
          personalData: {
            name: 'Wes Kwartier',
            bsn: '123456782',
            dateOfBirth: '1990-02-03',
            address: 'Zuidhorn',
          },
        });
        if (answer.status !== 201 && answer.status !== 409) {
          throw new Error(`issuing answered ${answer.status}`);
        }
        return answer;
      }, 60_000);
      const qr = issued.body.qr ?? (await municipality.get(`/passes/${passId}/qr`)).body.qr ?? '';

      const booked = await pool().post(
        '/redemptions',
        { qr, offerId: 'swim-5' },
        { 'Idempotency-Key': passId },
      );

      expect(booked.status).toBe(201);
    } finally {
      await node(svb, 'start');
    }
  });

  test('when every organisation verifies the books from its own node, then every check passes', async () => {
    await sameHeightEverywhere();
    for (const s of sites) {
      const summary = await runOnHost(
        s.host,
        ['npx', '--no-install', 'tsx', 'network/src/cli.ts', 'verify', '--org', s.org.name],
        { STADSPAS_HOME: s.ctx.paths.home, STADSPAS_NETWORK: description4 ?? networkFile },
      );
      expect(summary).toContain('Every check passed.');
    }
  });
});
