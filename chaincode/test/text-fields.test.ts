import { identities } from './support/identities';
import { InMemoryLedger } from './support/in-memory-ledger';
import { entriesOffer, POOL, seededLedger, venueRequest } from './support/fixtures';

const staff = identities.municipalityStaff();

describe('names and free text', () => {
  it.each([
    ['NUL', 'x\u0000y'],
    ['a line feed', 'x\ny'],
    ['DEL', 'x\u007Fy'],
    ['a C1 control', 'x\u0085y'],
    ['a lone high surrogate', 'x\uD800y'],
    ['a lone low surrogate', 'x\uDC00y'],
    ['a right-to-left override', 'x\u202Ey'],
    ['a left-to-right embedding', 'x\u202Ay'],
    ['a first-strong isolate', 'x\u2068y'],
    ['a right-to-left mark', 'x\u200Fy'],
  ])('when a venue name holds %s, then registering is refused and nothing is stored', async (_case, name) => {
    const ledger = new InMemoryLedger();

    await expect(ledger.submit(staff, 'venues:RegisterVenue', venueRequest({ name }))).rejects.toThrow(
      /^INVALID_ARGUMENT: name: must not hold control characters/,
    );
    await expect(ledger.evaluate(staff, 'venues:ListVenues', undefined)).resolves.toEqual([]);
  });

  it('when a name is decomposed and padded, then it is stored trimmed in NFC form', async () => {
    const ledger = new InMemoryLedger();

    const venue = await ledger.submit(
      staff,
      'venues:RegisterVenue',
      venueRequest({ name: '  Cafe\u0301 de Sluis\t' }),
    );

    expect(venue.name).toBe('Caf\u00e9 de Sluis');
  });

  it('when a name uses letters beyond the basic plane, then it is accepted', async () => {
    const venue = await new InMemoryLedger().submit(
      staff,
      'venues:RegisterVenue',
      venueRequest({ name: 'Zwembad \u{1F3CA} Kardinge' }),
    );

    expect(venue.name).toBe('Zwembad \u{1F3CA} Kardinge');
  });

  it.each([
    ['a suspension reason', 'venues:SuspendVenue', { venueId: POOL, reason: 'x\u0000' }],
    ['a block reason', 'passes:BlockPass', { passId: 'SP-0001', reason: 'lost\u202E' }],
    ['an offer name', 'offers:CreateOffer', entriesOffer({ offerId: 'other', name: '\uDBFFswim' })],
  ] as const)(
    'when %s holds a forbidden character, then it is refused',
    async (_case, transaction, request) => {
      const ledger = await seededLedger();

      await expect(ledger.submit(staff, transaction, request)).rejects.toThrow(/^INVALID_ARGUMENT: /);
    },
  );

  it('when a venue id has capitals, then it is registered as given', async () => {
    const venue = await new InMemoryLedger().submit(
      staff,
      'venues:RegisterVenue',
      venueRequest({ venueId: 'Zwembad-Kardinge' }),
    );

    expect(venue.venueId).toBe('Zwembad-Kardinge');
  });
});
