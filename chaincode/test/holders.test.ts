import { identities } from './support/identities';
import type { InMemoryLedger } from './support/in-memory-ledger';
import { hashOf, holderTransient, personalData, seededLedger } from './support/fixtures';

const staff = identities.municipalityStaff();
const admin = identities.municipalityAdmin();

describe('passes: holder personal data', () => {
  let ledger: InMemoryLedger;
  beforeEach(async () => {
    ledger = await seededLedger();
  });

  it('when the municipality records a holder, then only the private collection is written and the event carries no personal data', async () => {
    const publicBefore = JSON.parse(ledger.world.snapshot()) as { publicState: unknown };

    const ack = await ledger.submit(staff, 'passes:RecordHolder', undefined, {
      holder: holderTransient('SP-0001'),
    });

    expect(ack).toEqual({ passId: 'SP-0001', holderRef: 'H-SP-0001' });
    expect(ledger.lastKeys.written).toEqual([]);
    expect((JSON.parse(ledger.world.snapshot()) as { publicState: unknown }).publicState).toEqual(
      publicBefore.publicState,
    );
    const eventText = JSON.stringify(ledger.lastEvent());
    expect(eventText).not.toContain('111222333');
    expect(eventText).not.toContain('de Vries');
    const holder = await ledger.evaluate(staff, 'passes:GetHolder', { passId: 'SP-0001' });
    expect(holder.personalData).toEqual(personalData());
  });

  it('when the personal data does not match the public hash, then it is refused', async () => {
    const other = holderTransient('SP-0001', { personalData: personalData({ name: 'Someone Else' }) });

    await expect(ledger.submit(staff, 'passes:RecordHolder', undefined, { holder: other })).rejects.toThrow(
      /^INVALID_ARGUMENT: personal data does not match/,
    );
  });

  it('when the hash is computed the same way outside the chaincode, then it matches', async () => {
    const transient = holderTransient('SP-0003', { salt: 'another-salt-value-123' });
    await ledger.submit(staff, 'passes:IssuePass', {
      passId: 'SP-0003',
      category: 'adult',
      validFrom: '2026-01-01T00:00:00Z',
      validUntil: '2027-01-01T00:00:00Z',
      holderRef: 'H-3',
      holderHash: hashOf(transient.salt, transient.personalData),
    });

    await expect(
      ledger.submit(staff, 'passes:RecordHolder', undefined, { holder: transient }),
    ).resolves.toEqual({
      passId: 'SP-0003',
      holderRef: 'H-3',
    });
  });

  it.each([
    ['no transient entry', {}],
    [
      'a BSN failing the eleven test',
      { holder: holderTransient('SP-0001', { personalData: personalData({ bsn: '111222334' }) }) },
    ],
    [
      'a BSN of eight digits',
      { holder: holderTransient('SP-0001', { personalData: personalData({ bsn: '11122233' }) }) },
    ],
    [
      'a padded name',
      { holder: holderTransient('SP-0001', { personalData: personalData({ name: ' J. de Vries' }) }) },
    ],
    ['a short salt', { holder: holderTransient('SP-0001', { salt: 'short' }) }],
    [
      'a bad date of birth',
      { holder: holderTransient('SP-0001', { personalData: personalData({ dateOfBirth: '17-05-1980' }) }) },
    ],
    [
      'an extra personal field',
      { holder: { ...holderTransient('SP-0001'), personalData: { ...personalData(), iban: 'NL00' } } },
    ],
  ])('when RecordHolder gets %s, then it is refused', async (_case, transient) => {
    await expect(ledger.submit(staff, 'passes:RecordHolder', undefined, transient)).rejects.toThrow(
      /^INVALID_ARGUMENT: /,
    );
  });

  it('when a venue or the SVB asks for personal data, then it is forbidden', async () => {
    await ledger.submit(staff, 'passes:RecordHolder', undefined, { holder: holderTransient('SP-0001') });

    await expect(
      ledger.evaluate(identities.venue('zwembad-kardinge'), 'passes:GetHolder', { passId: 'SP-0001' }),
    ).rejects.toThrow(/^FORBIDDEN: /);
    await expect(
      ledger.evaluate(identities.payerAdmin(), 'passes:GetHolder', { passId: 'SP-0001' }),
    ).rejects.toThrow(/^FORBIDDEN: /);
  });

  it('when no personal data was recorded, then reading it is not found', async () => {
    await expect(ledger.evaluate(staff, 'passes:GetHolder', { passId: 'SP-0002' })).rejects.toThrow(
      /^NOT_FOUND: /,
    );
  });

  it('when a card is replaced, then the holder data stays reachable through the new card', async () => {
    await ledger.submit(staff, 'passes:RecordHolder', undefined, { holder: holderTransient('SP-0001') });
    await ledger.submit(staff, 'passes:ReplacePass', { passId: 'SP-0001', newPassId: 'SP-0100' });

    const holder = await ledger.evaluate(staff, 'passes:GetHolder', { passId: 'SP-0100' });

    expect(holder.personalData.bsn).toBe('111222333');
  });

  it('when an admin purges the holder, then the personal data is gone', async () => {
    await ledger.submit(staff, 'passes:RecordHolder', undefined, { holder: holderTransient('SP-0001') });

    await ledger.submit(admin, 'passes:PurgeHolder', { passId: 'SP-0001' });

    expect(ledger.world.snapshot()).not.toContain(Buffer.from('111222333').toString('hex'));
    await expect(ledger.evaluate(staff, 'passes:GetHolder', { passId: 'SP-0001' })).rejects.toThrow(
      /^NOT_FOUND: /,
    );
    expect(ledger.lastEvent()?.name).toBe('HolderPurged');
  });

  it('when staff purge, or nothing is recorded, then purge is refused', async () => {
    await expect(ledger.submit(staff, 'passes:PurgeHolder', { passId: 'SP-0001' })).rejects.toThrow(
      /^FORBIDDEN: /,
    );
    await expect(ledger.submit(admin, 'passes:PurgeHolder', { passId: 'SP-0001' })).rejects.toThrow(
      /^NOT_FOUND: /,
    );
  });
});
