import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClaimRecord } from '@stadspas/chaincode/vocabulary';
import { decodeBlock } from '../src/read-model/block-transactions';
import { parseCompositeKey } from '@stadspas/chaincode/vocabulary';
import { openReadModel, type ReadModel } from '../src/read-model/read-model';
import { reportScopeOf } from '../src/reports/report-scope';
import { passUses } from '../src/reports/pass-uses';
import { usageReport } from '../src/reports/usage-report';
import { compositeKey, makeBlock, type TestTransaction } from './support/blocks';
import { makeClient, standardClients } from './support/clients';
import { makeOffer, makeRedemption } from './support/records';

const clients = standardClients();
/** The municipality as a reader of reports: its own passes' bookings and what it funds. */
const municipality = { mspId: 'GemeenteMSP', role: 'staff', municipality: true };
const nov = '2026-11-03T10:00:00.000Z';
const dec = '2026-12-01T08:00:00.000Z';

const redemption = (
  id: string,
  overrides: Parameters<typeof makeRedemption>[0] = {},
): TestTransaction['writes'] => [
  { key: compositeKey('redemption', id), value: makeRedemption({ redemptionId: id, at: nov, ...overrides }) },
  { key: compositeKey('redemption~venue', 'zwembad-kardinge', nov, id), value: {} },
];

function claim(
  claimId: string,
  status: ClaimRecord['status'],
): NonNullable<TestTransaction['writes']>[number] {
  return {
    key: compositeKey('claim', claimId),
    value: {
      claimId,
      venueId: 'zwembad-kardinge',
      funderMspId: 'GemeenteMSP',
      status,
      totalCents: 450,
      submittedAt: dec,
    },
  };
}

/** The ledger of the story: setup, three swims (one reversed, one invalid), a budget use, a claim that is paid. */
function storyBlocks(): ReturnType<typeof makeBlock>[] {
  return [
    makeBlock(0, [{ txId: 'genesis', config: true }]),
    makeBlock(1, [
      {
        txId: 'v',
        writes: [
          {
            key: compositeKey('venue', 'zwembad-kardinge'),
            value: { venueId: 'zwembad-kardinge', mspId: 'VenuesMSP' },
          },
        ],
      },
      {
        txId: 'o1',
        writes: [{ key: compositeKey('offer', 'swim-5'), value: makeOffer({ offerId: 'swim-5' }) }],
      },
      {
        txId: 'o2',
        writes: [
          {
            key: compositeKey('offer', 'budget'),
            value: makeOffer({ offerId: 'budget', funderMspId: 'SVBMSP' }),
          },
        ],
      },
    ]),
    makeBlock(2, [
      { txId: 'r1', writes: redemption('r1'), event: { name: 'Redeemed', payload: { redemptionId: 'r1' } } },
      { txId: 'r2', writes: redemption('r2', { quantity: 2, units: 2, reimbursementCents: 900 }) },
      { txId: 'bad', writes: redemption('bad'), valid: false },
      { txId: 'other', writes: redemption('foreign'), namespace: 'othercc' },
    ]),
    makeBlock(3, [
      {
        txId: 'rev',
        writes: redemption('rev', {
          type: 'reversal',
          reversesId: 'r2',
          quantity: 2,
          units: 2,
          reimbursementCents: 900,
        }),
      },
      {
        txId: 'b1',
        writes: redemption('b1', {
          offerId: 'budget',
          funderMspId: 'SVBMSP',
          units: 2500,
          amountCents: 2500,
          reimbursementCents: 1250,
        }),
      },
      { txId: 'r3', writes: redemption('r3', { at: dec }) },
    ]),
    makeBlock(4, [
      { txId: 'c1', writes: [...(redemption('r1', { claimId: 'c-1' }) ?? []), claim('c-1', 'submitted')] },
    ]),
    makeBlock(5, [{ txId: 'c1-paid', writes: [claim('c-1', 'paid')] }]),
  ];
}

function applyAll(model: ReadModel, blocks: ReturnType<typeof makeBlock>[]): void {
  for (const block of blocks) {
    model.applyBlock(decodeBlock(block, 'stadspas'));
  }
}

async function tempFile(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'read-model-')), 'read-model.sqlite');
}

describe('decoding blocks', () => {
  it('when a block holds valid, invalid, configuration and other chaincodes’ transactions, then only valid writes and events of the chaincode remain', () => {
    const decoded = decodeBlock(storyBlocks()[2] as ReturnType<typeof makeBlock>, 'stadspas');

    expect(decoded.blockNumber).toBe(2n);
    expect(decoded.transactions.map((t) => t.transactionId)).toEqual(['r1', 'r2', 'other']);
    expect(decoded.transactions[0]?.event?.eventName).toBe('Redeemed');
    expect(decoded.transactions[1]?.event).toBeUndefined();
    expect(decoded.transactions[2]?.writes).toEqual([]);
    expect(decodeBlock(storyBlocks()[0] as ReturnType<typeof makeBlock>, 'stadspas').transactions).toEqual(
      [],
    );
  });

  it('when a key is composite, then its type and attributes are read; a simple key is not', () => {
    expect(parseCompositeKey(compositeKey('redemption', 'tx-1'))).toEqual({
      type: 'redemption',
      attributes: ['tx-1'],
    });
    expect(parseCompositeKey('config')).toBeUndefined();
  });
});

describe('the read model', () => {
  it('when the story is applied, then the report counts uses, units and cents per venue, offer and month net of reversals', () => {
    const model = openReadModel({ path: ':memory:' });
    applyAll(model, storyBlocks());

    const rows = usageReport(model.db, municipality, {});

    expect(rows).toEqual([
      {
        venueId: 'zwembad-kardinge',
        offerId: 'budget',
        month: '2026-11',
        uses: 1,
        units: 2500,
        amountCents: 2500,
        reimbursementCents: 1250,
        claimedCents: 0,
        paidCents: 0,
      },
      {
        venueId: 'zwembad-kardinge',
        offerId: 'swim-5',
        month: '2026-11',
        uses: 1,
        units: 1,
        amountCents: 0,
        reimbursementCents: 450,
        claimedCents: 450,
        paidCents: 450,
      },
      {
        venueId: 'zwembad-kardinge',
        offerId: 'swim-5',
        month: '2026-12',
        uses: 1,
        units: 1,
        amountCents: 0,
        reimbursementCents: 450,
        claimedCents: 0,
        paidCents: 0,
      },
    ]);
    expect(usageReport(model.db, municipality, { month: '2026-12' })).toHaveLength(1);
    expect(model.nextBlock()).toBe(6n);
  });

  it('when a block comes out of order, then it is refused and the checkpoint stays', () => {
    const model = openReadModel({ path: ':memory:' });
    applyAll(model, storyBlocks().slice(0, 2));

    expect(() => {
      model.applyBlock(decodeBlock(storyBlocks()[3] as ReturnType<typeof makeBlock>, 'stadspas'));
    }).toThrow(/expects block 2, got 3/);
    expect(model.nextBlock()).toBe(2n);
  });

  it('when the file is reopened, then it resumes at its checkpoint; when it is missing or a rebuild is asked for, then at block 0', async () => {
    const path = await tempFile();
    const first = openReadModel({ path });
    expect(first.rebuilt).toBe(true);
    applyAll(first, storyBlocks().slice(0, 4));
    first.close();

    const reopened = openReadModel({ path });
    expect([reopened.rebuilt, reopened.nextBlock()]).toEqual([false, 4n]);
    applyAll(reopened, storyBlocks().slice(4));
    const report = usageReport(reopened.db, municipality, {});
    reopened.close();

    const rebuilt = openReadModel({ path, rebuild: true });
    expect([rebuilt.rebuilt, rebuilt.nextBlock()]).toEqual([true, 0n]);
    expect(usageReport(rebuilt.db, municipality, {})).toEqual([]);
    applyAll(rebuilt, storyBlocks());
    expect(usageReport(rebuilt.db, municipality, {})).toEqual(report);
    rebuilt.close();
  });

  it('when clients ask, then each sees what the chaincode lets it read: the municipality all, a venue its own, a funder what it funds', () => {
    const model = openReadModel({ path: ':memory:' });
    applyAll(model, storyBlocks());
    const offersSeenBy = (client: keyof typeof clients): string[] =>
      usageReport(model.db, reportScopeOf(model.db, clients[client].record, client === 'staff'), {}).map(
        (r) => `${r.offerId} ${r.month}`,
      );

    expect(offersSeenBy('staff')).toEqual(['budget 2026-11', 'swim-5 2026-11', 'swim-5 2026-12']);
    expect(offersSeenBy('venue')).toEqual(['budget 2026-11', 'swim-5 2026-11', 'swim-5 2026-12']);
    expect(offersSeenBy('otherVenue')).toEqual([]);
    expect(offersSeenBy('payer')).toEqual(['budget 2026-11']);
  });

  it('when another municipality and the venues’ admin ask, then the first sees none of Groningen’s passes and the second its venues’ bookings', () => {
    const model = openReadModel({ path: ':memory:' });
    applyAll(model, storyBlocks());
    const westStaff = makeClient('west-staff', { role: 'staff', mspId: 'WesterkwartierMSP' }).record;
    const venuesAdmin = makeClient('venues-admin', { role: 'admin', mspId: 'VenuesMSP' }).record;

    const west = usageReport(model.db, reportScopeOf(model.db, westStaff, true), {});
    const venues = usageReport(model.db, reportScopeOf(model.db, venuesAdmin, false), {});

    expect(west).toEqual([]);
    expect(venues.map((r) => `${r.offerId} ${r.month}`)).toEqual([
      'budget 2026-11',
      'swim-5 2026-11',
      'swim-5 2026-12',
    ]);
  });

  it('when an organisation funds no offer and is no venue, then its report is refused', () => {
    const model = openReadModel({ path: ':memory:' });
    applyAll(model, storyBlocks().slice(0, 1));

    expect(() => reportScopeOf(model.db, clients.payer.record, false)).toThrow(/FORBIDDEN/);
  });
});

describe('a pass’s uses for its holder', () => {
  /** 250 uses of one pass a minute apart (two in the same minute at the end), and one of another pass. */
  function history(): ReadModel {
    const model = openReadModel({ path: ':memory:' });
    const uses = Array.from({ length: 250 }, (_, i) => ({
      txId: `tx-${String(i)}`,
      writes: redemption(`use-${String(i).padStart(3, '0')}`, {
        passId: 'SP-0001',
        at: new Date(Date.UTC(2026, 0, 1) + Math.min(i, 248) * 60_000).toISOString(),
      }),
    }));
    applyAll(model, [
      makeBlock(0, uses),
      makeBlock(1, [{ txId: 'tx-other', writes: redemption('other', { passId: 'SP-0002', at: dec }) }]),
    ]);
    return model;
  }

  it('when the holder pages through, then the newest come first and every use comes once, to the oldest', () => {
    const model = history();
    const seen: string[] = [];
    let before: string | undefined;
    let pages = 0;
    do {
      const page = passUses(model.db, 'SP-0001', { limit: 20, ...(before === undefined ? {} : { before }) });
      seen.push(...page.items.map((u) => u.redemptionId));
      before = page.older;
      pages += 1;
    } while (before !== undefined);

    expect(pages).toBe(13);
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
    expect(seen.slice(0, 3)).toEqual(['use-249', 'use-248', 'use-247']);
    expect(seen.at(-1)).toBe('use-000');
  });

  it('when a cursor is not one the page handed out, then the listing starts at the newest', () => {
    const page = passUses(history().db, 'SP-0001', { limit: 5, before: 'not-a-cursor' });

    expect(page.items.map((u) => u.redemptionId)).toEqual([
      'use-249',
      'use-248',
      'use-247',
      'use-246',
      'use-245',
    ]);
    expect(page.older).toEqual(expect.any(String));
  });
});
