import { createHash } from 'node:crypto';
import { parseHolderTransient } from '../src/domain/holders';
import { FakeStub } from './support/fake-stub';
import { identities } from './support/identities';
import type { InMemoryLedger } from './support/in-memory-ledger';
import {
  holderTransient,
  passRequest,
  personalData,
  recordingHolder,
  recordingHolders,
  seededLedger,
} from './support/fixtures';

const staff = identities.municipalityStaff();
const admin = identities.municipalityAdmin();

type PublicState = { publicState: unknown };

function publicStateOf(ledger: InMemoryLedger): unknown {
  return (JSON.parse(ledger.world.snapshot()) as PublicState).publicState;
}

describe('passes:RecordHolder, before the pass is issued', () => {
  let ledger: InMemoryLedger;
  beforeEach(async () => {
    ledger = await seededLedger();
  });

  it('when the municipality records a holder, then only the private collection is written and the event carries no personal data', async () => {
    const publicBefore = publicStateOf(ledger);

    const ack = await ledger.submit(
      staff,
      'passes:RecordHolder',
      undefined,
      recordingHolder(holderTransient('SP-0003')),
    );

    expect(ack).toEqual({ passId: 'SP-0003' });
    expect(ledger.lastKeys.written).toEqual([]);
    expect(publicStateOf(ledger)).toEqual(publicBefore);
    expect(ledger.lastEvent()).toMatchObject({ name: 'HolderRecorded', payload: { passId: 'SP-0003' } });
    const eventText = JSON.stringify(ledger.lastEvent());
    expect(eventText).not.toContain('111222333');
    expect(eventText).not.toContain('de Vries');
  });

  it('when the pass is then issued, then its holderHash is the sha256 of the stored salted record', async () => {
    const holder = holderTransient('SP-0003', { salt: 'another-salt-value-123' });
    await ledger.submit(staff, 'passes:RecordHolder', undefined, recordingHolder(holder));
    const recordedAt = ledger.now();

    const pass = await ledger.submit(staff, 'passes:IssuePass', passRequest({ passId: 'SP-0003' }));

    // Written out by hand in sorted key order: what the chaincode stores, computed without it.
    const data = holder.personalData;
    const stored = JSON.stringify({
      cardNumber: holder.cardNumber,
      passId: 'SP-0003',
      personalData: { address: data.address, bsn: data.bsn, dateOfBirth: data.dateOfBirth, name: data.name },
      recordedAt,
      salt: 'another-salt-value-123',
    });
    expect(pass.holderHash).toBe(createHash('sha256').update(stored).digest('hex'));
    const record = await ledger.evaluate(staff, 'passes:GetHolder', { passId: 'SP-0003' });
    expect(record).toEqual({
      passId: 'SP-0003',
      salt: holder.salt,
      cardNumber: holder.cardNumber,
      personalData: data,
      recordedAt,
    });
  });

  it('when a holder is recorded with a padded, decomposed name, then it is stored trimmed in NFC form', async () => {
    const holder = holderTransient('SP-0003', {
      personalData: personalData({ name: ' Jose\u0301 de Vries ' }),
    });
    await ledger.submit(staff, 'passes:RecordHolder', undefined, recordingHolder(holder));
    await ledger.submit(staff, 'passes:IssuePass', passRequest({ passId: 'SP-0003' }));

    const record = await ledger.evaluate(staff, 'passes:GetHolder', { passId: 'SP-0003' });
    expect(record.personalData.name).toBe('Jos\u00e9 de Vries');
  });

  it('when a holder is recorded again before issuance, then the retry overwrites and the pass carries the latest', async () => {
    await ledger.submit(staff, 'passes:RecordHolder', undefined, recordingHolder(holderTransient('SP-0003')));
    const corrected = holderTransient('SP-0003', { personalData: personalData({ name: 'J. van Dijk' }) });
    ledger.advanceSeconds(60);
    await ledger.submit(staff, 'passes:RecordHolder', undefined, recordingHolder(corrected));

    const pass = await ledger.submit(staff, 'passes:IssuePass', passRequest({ passId: 'SP-0003' }));

    const record = await ledger.evaluate(staff, 'passes:GetHolder', { passId: 'SP-0003' });
    expect(record.personalData.name).toBe('J. van Dijk');
    expect(record.recordedAt).toBe(ledger.now());
    expect(pass).toMatchObject({ holderHash: hashOfRecord(record) });
  });

  it('when the pass is issued already, then recording its holder is refused and nothing changes', async () => {
    const before = ledger.world.snapshot();

    await expect(
      ledger.submit(staff, 'passes:RecordHolder', undefined, {
        holder: holderTransient('SP-0001', { personalData: personalData({ name: 'Someone Else' }) }),
      }),
    ).rejects.toThrow(/^ALREADY_EXISTS: pass SP-0001 is issued/);
    expect(ledger.world.snapshot()).toBe(before);
  });

  it('when a purged holder is recorded again, then it is refused: a purged holder stays purged', async () => {
    await ledger.submit(admin, 'passes:PurgeHolder', { passId: 'SP-0001' });

    await expect(
      ledger.submit(staff, 'passes:RecordHolder', undefined, recordingHolder(holderTransient('SP-0001'))),
    ).rejects.toThrow(/^ALREADY_EXISTS: /);
    await expect(ledger.evaluate(staff, 'passes:GetHolder', { passId: 'SP-0001' })).rejects.toThrow(
      /^NOT_FOUND: /,
    );
  });

  it.each([
    ['no transient entry', {}],
    ['a list instead of one holder', { holder: [holderTransient('SP-0003')] }],
    ['a missing passId', { holder: { salt: holderTransient('X').salt, personalData: personalData() } }],
    [
      'a BSN failing the eleven test',
      { holder: holderTransient('SP-0003', { personalData: personalData({ bsn: '111222334' }) }) },
    ],
    [
      'a BSN of eight digits',
      { holder: holderTransient('SP-0003', { personalData: personalData({ bsn: '11122233' }) }) },
    ],
    [
      'a name holding NUL',
      { holder: holderTransient('SP-0003', { personalData: personalData({ name: 'J. de\u0000Vries' }) }) },
    ],
    [
      'an address holding a right-to-left override',
      { holder: holderTransient('SP-0003', { personalData: personalData({ address: 'Markt 1\u202E' }) }) },
    ],
    [
      'a name holding a lone surrogate',
      { holder: holderTransient('SP-0003', { personalData: personalData({ name: 'J. \uD800Vries' }) }) },
    ],
    ['a short salt', { holder: holderTransient('SP-0003', { salt: 'short' }) }],
    [
      'a bad date of birth',
      { holder: holderTransient('SP-0003', { personalData: personalData({ dateOfBirth: '17-05-1980' }) }) },
    ],
    [
      'an extra personal field',
      { holder: { ...holderTransient('SP-0003'), personalData: { ...personalData(), iban: 'NL00' } } },
    ],
    ['an extra top-level field', { holder: { ...holderTransient('SP-0003'), holderRef: 'H-3' } }],
  ])('when RecordHolder gets %s, then it is refused', async (_case, transient) => {
    await expect(ledger.submit(staff, 'passes:RecordHolder', undefined, transient)).rejects.toThrow(
      /^INVALID_ARGUMENT: /,
    );
  });

  it.each(['SVBMSP', 'VenuesMSP'])(
    'when a holder reaches a peer of %s, then its chaincode refuses before reading it and nothing is written',
    async (peerMspId) => {
      const before = ledger.world.snapshot();

      await expect(
        ledger.invoke(staff, 'passes:RecordHolder', [], {
          commit: true,
          transient: { holder: holderTransient('SP-0003') },
          peerMspId,
        }),
      ).rejects.toThrow(/^FORBIDDEN: personal data of GemeenteMSP is endorsed by its own peers only/);
      expect(ledger.world.snapshot()).toBe(before);
    },
  );

  it('when the transient holder is not JSON, then it is refused', () => {
    const stub = new FakeStub(ledger.world, {
      txId: 'raw',
      millis: 0,
      creatorMspId: 'GemeenteMSP',
      transient: new Map([['holder', Buffer.from('{not json')]]),
    });

    expect(() => parseHolderTransient({ stub, clientIdentity: staff })).toThrow(
      /^INVALID_ARGUMENT: transient "holder" must be JSON/,
    );
  });

  it.each([
    ['the SVB', identities.payerAdmin()],
    ['a venue', identities.venue('zwembad-kardinge')],
  ])('when %s records a holder, then it is forbidden', async (_who, who) => {
    await expect(
      ledger.submit(who, 'passes:RecordHolder', undefined, recordingHolder(holderTransient('SP-0003'))),
    ).rejects.toThrow(/^FORBIDDEN: /);
  });
});

describe('passes:RecordHolders, for a batch', () => {
  let ledger: InMemoryLedger;
  beforeEach(async () => {
    ledger = await seededLedger();
  });

  it('when a batch of holders is recorded, then each is stored privately in one transaction with one event', async () => {
    const publicBefore = publicStateOf(ledger);
    const eventsBefore = ledger.events.length;
    const holders = ['B-1', 'B-2', 'B-3'].map((passId) => holderTransient(passId));

    const result = await ledger.submit(staff, 'passes:RecordHolders', undefined, recordingHolders(holders));

    expect(result).toEqual({ recorded: 3, passIds: ['B-1', 'B-2', 'B-3'] });
    expect(publicStateOf(ledger)).toEqual(publicBefore);
    expect(ledger.events.slice(eventsBefore)).toEqual([
      {
        txId: expect.any(String) as string,
        name: 'HoldersRecorded',
        payload: { passIds: ['B-1', 'B-2', 'B-3'], municipalityMspId: 'GemeenteMSP', at: ledger.now() },
      },
    ]);
    const issued = await ledger.submit(staff, 'passes:IssuePasses', {
      passes: ['B-1', 'B-2', 'B-3'].map((passId) => passRequest({ passId })),
    });
    expect(issued.issued).toBe(3);
    const record = await ledger.evaluate(staff, 'passes:GetHolder', { passId: 'B-2' });
    const pass = await ledger.evaluate(staff, 'passes:GetPass', { passId: 'B-2' });
    expect(pass).toMatchObject({ holderHash: hashOfRecord(record) });
  });

  it('when one pass of the batch is issued already, then no holder of it is recorded', async () => {
    const before = ledger.world.snapshot();

    await expect(
      ledger.submit(
        staff,
        'passes:RecordHolders',
        undefined,
        recordingHolders([holderTransient('B-1'), holderTransient('SP-0002')]),
      ),
    ).rejects.toThrow(/^ALREADY_EXISTS: pass SP-0002 is issued/);
    expect(ledger.world.snapshot()).toBe(before);
  });

  it.each([
    ['no transient entry', {}],
    ['one holder instead of a list', { holders: holderTransient('B-1') }],
    ['an empty list', { holders: [] }],
    ['a non-object item', { holders: [holderTransient('B-1'), 'B-2'] }],
    ['a pass twice', { holders: [holderTransient('B-1'), holderTransient('B-1')] }],
    [
      'a BSN failing the eleven test',
      {
        holders: [
          holderTransient('B-1'),
          holderTransient('B-2', { personalData: personalData({ bsn: '123456789' }) }),
        ],
      },
    ],
    ['too many holders', { holders: Array.from({ length: 501 }, (_, i) => holderTransient(`B-${i}`)) }],
  ])('when RecordHolders gets %s, then it is refused', async (_case, transient) => {
    await expect(ledger.submit(staff, 'passes:RecordHolders', undefined, transient)).rejects.toThrow(
      /^INVALID_ARGUMENT: /,
    );
  });

  it('when a venue records holders, then it is forbidden', async () => {
    await expect(
      ledger.submit(
        identities.venue('zwembad-kardinge'),
        'passes:RecordHolders',
        undefined,
        recordingHolders([holderTransient('B-1')]),
      ),
    ).rejects.toThrow(/^FORBIDDEN: /);
  });
});

describe('passes: reading and purging holder data', () => {
  let ledger: InMemoryLedger;
  beforeEach(async () => {
    ledger = await seededLedger();
  });

  it('when a venue or the SVB asks for personal data, then it is forbidden', async () => {
    await expect(
      ledger.evaluate(identities.venue('zwembad-kardinge'), 'passes:GetHolder', { passId: 'SP-0001' }),
    ).rejects.toThrow(/^FORBIDDEN: /);
    await expect(
      ledger.evaluate(identities.payerAdmin(), 'passes:GetHolder', { passId: 'SP-0001' }),
    ).rejects.toThrow(/^FORBIDDEN: /);
  });

  it('when the pass is unknown, then reading its holder is not found', async () => {
    await expect(ledger.evaluate(staff, 'passes:GetHolder', { passId: 'SP-0404' })).rejects.toThrow(
      /^NOT_FOUND: pass SP-0404 does not exist/,
    );
  });

  it('when a card is replaced twice, then the holder data stays reachable through the newest card', async () => {
    await ledger.submit(staff, 'passes:ReplacePass', { passId: 'SP-0001', newPassId: 'SP-0100' });
    await ledger.submit(staff, 'passes:ReplacePass', { passId: 'SP-0100', newPassId: 'SP-0200' });

    const holder = await ledger.evaluate(staff, 'passes:GetHolder', { passId: 'SP-0200' });
    const newest = await ledger.evaluate(staff, 'passes:GetPass', { passId: 'SP-0200' });

    expect(holder).toMatchObject({ passId: 'SP-0001', personalData: { bsn: '111222333' } });
    expect(newest).toMatchObject({ holderHash: hashOfRecord(holder) });
  });

  it('when a replacement chain is longer than the limit, then reading the holder is a conflict', async () => {
    let passId = 'SP-0001';
    for (let i = 1; i <= 51; i++) {
      await ledger.submit(staff, 'passes:ReplacePass', { passId, newPassId: `R-${i}` });
      passId = `R-${i}`;
    }

    await expect(ledger.evaluate(staff, 'passes:GetHolder', { passId })).rejects.toThrow(/^CONFLICT: /);
    await expect(ledger.evaluate(staff, 'passes:GetHolder', { passId: 'R-50' })).resolves.toMatchObject({
      passId: 'SP-0001',
    });
  });

  it('when an admin purges the holder through a replacement card, then the personal data is gone', async () => {
    await ledger.submit(staff, 'passes:ReplacePass', { passId: 'SP-0001', newPassId: 'SP-0100' });

    const ack = await ledger.submit(admin, 'passes:PurgeHolder', { passId: 'SP-0100' });

    expect(ack).toEqual({ passId: 'SP-0100', holderRef: 'H-SP-0001' });
    expect(ledger.lastEvent()?.name).toBe('HolderPurged');
    await expect(ledger.evaluate(staff, 'passes:GetHolder', { passId: 'SP-0001' })).rejects.toThrow(
      /^NOT_FOUND: no personal data recorded/,
    );
    // SP-0002's holder shares the BSN of the fixture: only SP-0001's record may be gone.
    expect(
      ledger.world.getPrivate('gemeentePersonalData', '\u0000holder\u0000SP-0001\u0000'),
    ).toBeUndefined();
    expect(ledger.world.getPrivate('gemeentePersonalData', '\u0000holder\u0000SP-0002\u0000')).toBeDefined();
  });

  it('when staff purge, or nothing is recorded any more, then purge is refused', async () => {
    await expect(ledger.submit(staff, 'passes:PurgeHolder', { passId: 'SP-0001' })).rejects.toThrow(
      /^FORBIDDEN: /,
    );
    await ledger.submit(admin, 'passes:PurgeHolder', { passId: 'SP-0001' });
    await expect(ledger.submit(admin, 'passes:PurgeHolder', { passId: 'SP-0001' })).rejects.toThrow(
      /^NOT_FOUND: /,
    );
  });
});

describe('passes:PurgeHolder, for a holder whose pass was never issued', () => {
  let ledger: InMemoryLedger;
  beforeEach(async () => {
    ledger = await seededLedger();
    await ledger.submit(staff, 'passes:RecordHolder', undefined, recordingHolder(holderTransient('SP-0003')));
  });

  it('when staff erase it, then the personal data is gone and the event names only the pass', async () => {
    const ack = await ledger.submit(staff, 'passes:PurgeHolder', { passId: 'SP-0003' });

    expect(ack).toEqual({ passId: 'SP-0003' });
    expect(ledger.lastEvent()).toMatchObject({ name: 'HolderPurged', payload: { passId: 'SP-0003' } });
    expect(
      ledger.world.getPrivate('gemeentePersonalData', '\u0000holder\u0000SP-0003\u0000'),
    ).toBeUndefined();
    await expect(
      ledger.submit(staff, 'passes:IssuePass', passRequest({ passId: 'SP-0003' })),
    ).rejects.toThrow(/^NOT_FOUND: /);
  });

  it('when it was erased, then erasing again is NOT_FOUND and the pass can be recorded afresh', async () => {
    await ledger.submit(staff, 'passes:PurgeHolder', { passId: 'SP-0003' });

    await expect(ledger.submit(staff, 'passes:PurgeHolder', { passId: 'SP-0003' })).rejects.toThrow(
      /^NOT_FOUND: /,
    );
    await ledger.submit(staff, 'passes:RecordHolder', undefined, recordingHolder(holderTransient('SP-0003')));
    await expect(
      ledger.submit(staff, 'passes:IssuePass', passRequest({ passId: 'SP-0003' })),
    ).resolves.toMatchObject({ passId: 'SP-0003' });
  });

  it('when another organisation erases it, then it is refused and the record stays', async () => {
    await expect(
      ledger.submit(identities.payerAdmin(), 'passes:PurgeHolder', { passId: 'SP-0003' }),
    ).rejects.toThrow(/^FORBIDDEN: /);

    expect(ledger.world.getPrivate('gemeentePersonalData', '\u0000holder\u0000SP-0003\u0000')).toBeDefined();
  });
});

describe('private data hashes in the in-memory ledger', () => {
  it('when a non-member reads a private data hash, then it gets it like a Fabric peer, while the data stays refused', async () => {
    const ledger = await seededLedger();
    const record = await ledger.evaluate(staff, 'passes:GetHolder', { passId: 'SP-0001' });
    const svbStub = new FakeStub(ledger.world, {
      txId: 'svb',
      millis: 0,
      creatorMspId: 'SVBMSP',
      transient: new Map(),
    });
    const key = svbStub.createCompositeKey('holder', ['SP-0001']);

    const hash = await svbStub.getPrivateDataHash('gemeentePersonalData', key);
    const absent = await svbStub.getPrivateDataHash('gemeentePersonalData', 'no-such-key');

    expect(Buffer.from(hash).toString('hex')).toBe(hashOfRecord(record));
    expect(absent).toHaveLength(0);
    expect(() => svbStub.getPrivateData('gemeentePersonalData', key)).toThrow(/read access/);
    expect(() => svbStub.getPrivateDataHash('unknownCollection', key)).toThrow(/not defined/);
  });
});

/** sha256 of a holder record as stored: keys sorted at every depth, no whitespace. */
function hashOfRecord(record: object): string {
  const sorted = (value: unknown): unknown =>
    value !== null && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([key, field]) => [key, sorted(field)]),
        )
      : value;
  return createHash('sha256')
    .update(JSON.stringify(sorted(record)))
    .digest('hex');
}
