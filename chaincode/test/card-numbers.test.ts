import { CARD_NUMBER_TRANSIENT_KEY } from '../src/vocabulary';
import { identities, type TestIdentity } from './support/identities';
import { REGION, type InMemoryLedger } from './support/in-memory-ledger';
import {
  cardNumberOf,
  holderTransient,
  issueWithHolder,
  passRequest,
  POOL,
  recordingHolder,
  seededLedger,
} from './support/fixtures';

const staff = identities.municipalityStaff();
const admin = identities.municipalityAdmin();
const pool = identities.venue(POOL);

/** Asks a peer of `peerMspId` (default: the municipality's) which pass a card number names. */
async function lookUp(
  ledger: InMemoryLedger,
  who: TestIdentity,
  cardNumber: string,
  peerMspId = 'GemeenteMSP',
): Promise<string> {
  const answer = await ledger.invoke(who, 'passes:FindPassByCardNumber', [], {
    commit: false,
    transient: { [CARD_NUMBER_TRANSIENT_KEY]: cardNumber },
    peerMspId,
  });
  return (JSON.parse(answer) as { passId: string }).passId;
}

describe('card numbers: printed on the card, never on the shared ledger', () => {
  let ledger: InMemoryLedger;
  beforeEach(async () => {
    ledger = await seededLedger();
  });

  it('when the desk looks up a card number, then it finds the pass, and no key of any state holds the number', async () => {
    const number = cardNumberOf('SP-0001');

    await expect(lookUp(ledger, staff, number)).resolves.toBe('SP-0001');

    const { publicState, privateState } = JSON.parse(ledger.world.snapshot()) as {
      publicState: [string, unknown][];
      privateState: [string, [string, unknown][]][];
    };
    expect(JSON.stringify(publicState)).not.toContain(number);
    const privateKeys = privateState.flatMap(([, entries]) => entries.map(([key]) => key));
    expect(privateKeys.some((key) => key.includes('holder~cardnumber'))).toBe(true);
    expect(privateKeys.join('\n')).not.toContain(number);
  });

  it('when a card number is not known, then the lookup is not found', async () => {
    await expect(lookUp(ledger, staff, '600199999999')).rejects.toThrow(/^NOT_FOUND: no pass of GemeenteMSP/);
  });

  it('when a holder is recorded with the card number of another pass, then it is refused and nothing is written', async () => {
    const before = ledger.world.snapshot();

    await expect(
      ledger.submit(
        staff,
        'passes:RecordHolder',
        undefined,
        recordingHolder(holderTransient('SP-0003', { cardNumber: cardNumberOf('SP-0001') })),
      ),
    ).rejects.toThrow(/^ALREADY_EXISTS: card number \w+ belongs to another pass/);
    expect(ledger.world.snapshot()).toBe(before);
  });

  it('when a holder is recorded with its pass id as card number, then it is refused', async () => {
    await expect(
      ledger.submit(
        staff,
        'passes:RecordHolder',
        undefined,
        recordingHolder(holderTransient('P0003ABCDEF', { cardNumber: 'P0003ABCDEF' })),
      ),
    ).rejects.toThrow(/^INVALID_ARGUMENT: .*cardNumber: must differ from passId/);
  });

  it('when a holder is recorded again with a corrected number, then only the new number names the pass', async () => {
    await ledger.submit(staff, 'passes:RecordHolder', undefined, recordingHolder(holderTransient('SP-0003')));
    await issueWithHolder(
      ledger,
      staff,
      passRequest({ passId: 'SP-0003' }),
      holderTransient('SP-0003', { cardNumber: '600100000003' }),
    );

    await expect(lookUp(ledger, staff, '600100000003')).resolves.toBe('SP-0003');
    await expect(lookUp(ledger, staff, cardNumberOf('SP-0003'))).rejects.toThrow(/^NOT_FOUND/);
  });

  it('when the municipality records its first holder without the index secret, then it is refused', async () => {
    // The seeded ledger's intake sent the municipality's secret; the second municipality has none yet.
    const fresh = await seededLedger(REGION);
    await expect(
      fresh.submit(identities.regionStaff(), 'passes:RecordHolder', undefined, {
        holder: holderTransient('WK-0001'),
      }),
    ).rejects.toThrow(/^INVALID_ARGUMENT: the first holder of a municipality brings the secret/);
  });

  it('when the pass was replaced, then its card number names the replacement', async () => {
    await ledger.submit(staff, 'passes:ReplacePass', { passId: 'SP-0001', newPassId: 'SP-0101' });

    await expect(lookUp(ledger, staff, cardNumberOf('SP-0001'))).resolves.toBe('SP-0101');
  });

  it('when the holder is purged, then the card number names no pass any more', async () => {
    await ledger.submit(admin, 'passes:PurgeHolder', { passId: 'SP-0001' });

    await expect(lookUp(ledger, staff, cardNumberOf('SP-0001'))).rejects.toThrow(/^NOT_FOUND/);
  });

  it('when a venue the municipality did not allow to book by number asks, then it is refused', async () => {
    await expect(lookUp(ledger, pool, cardNumberOf('SP-0001'))).rejects.toThrow(
      /^FORBIDDEN: only GemeenteMSP and the venues it allowed to book by number/,
    );
    await expect(lookUp(ledger, identities.payer(), cardNumberOf('SP-0001'))).rejects.toThrow(/^FORBIDDEN/);
  });

  it('when an allowed venue asks the municipality’s peer, then it learns the pass; its own peer cannot answer', async () => {
    await ledger.submit(admin, 'venues:GrantBookByNumber', { venueId: POOL, reason: 'card reader broken' });

    await expect(lookUp(ledger, pool, cardNumberOf('SP-0001'))).resolves.toBe('SP-0001');
    await expect(lookUp(ledger, pool, cardNumberOf('SP-0001'), 'VenuesMSP')).rejects.toThrow(
      /^FORBIDDEN: card numbers are looked up on a peer of the municipality that issued the card, not of VenuesMSP/,
    );
  });

  it('when the card number is missing or malformed, then the lookup is refused', async () => {
    await expect(
      ledger.invoke(staff, 'passes:FindPassByCardNumber', [], { commit: false, transient: {} }),
    ).rejects.toThrow(/^INVALID_ARGUMENT: the card number travels in the transient map/);
    await expect(lookUp(ledger, staff, '6001 0000')).rejects.toThrow(/^INVALID_ARGUMENT: /);
  });
});
