import { mayRead, readFactsOfEvent, type EventName, type Reader } from '../src/vocabulary';

const readers = {
  'Groningen staff': { mspId: 'GemeenteMSP', role: 'staff', municipality: true },
  'Westerkwartier staff': { mspId: 'WesterkwartierMSP', role: 'staff', municipality: true },
  'SVB payer': { mspId: 'SVBMSP', role: 'payer', municipality: false },
  'venues admin': { mspId: 'VenuesMSP', role: 'admin', municipality: false },
  'the pool’s cashier': {
    mspId: 'VenuesMSP',
    role: 'venue',
    venueId: 'zwembad-kardinge',
    municipality: false,
  },
  'the museum’s cashier': {
    mspId: 'VenuesMSP',
    role: 'venue',
    venueId: 'groninger-museum',
    municipality: false,
  },
} as const satisfies Record<string, Reader>;
type ReaderName = keyof typeof readers;

const booking = (funderMspId: string): object => ({
  redemptionId: 'r-1',
  passId: 'SP-0001',
  municipalityMspId: 'GemeenteMSP',
  offerId: 'swim-5',
  venueId: 'zwembad-kardinge',
  venueMspId: 'VenuesMSP',
  funderMspId,
});

/** Each event with what it is about, and who of the readers above sees it. */
const MATRIX: readonly [string, EventName, object, readonly ReaderName[]][] = [
  [
    'an offer',
    'OfferCreated',
    { offerId: 'swim-5', funderMspId: 'GemeenteMSP' },
    Object.keys(readers) as ReaderName[],
  ],
  [
    'a venue',
    'VenueSuspended',
    { venueId: 'zwembad-kardinge', mspId: 'VenuesMSP' },
    Object.keys(readers) as ReaderName[],
  ],
  [
    'a Groningen pass',
    'PassIssued',
    { passId: 'SP-0001', municipalityMspId: 'GemeenteMSP' },
    ['Groningen staff'],
  ],
  [
    'a batch of passes',
    'PassesIssued',
    { passIds: ['SP-1'], municipalityMspId: 'GemeenteMSP' },
    ['Groningen staff'],
  ],
  [
    'a holder',
    'HolderRecorded',
    { passId: 'SP-0001', municipalityMspId: 'GemeenteMSP' },
    ['Groningen staff'],
  ],
  [
    'an SVB grant on a Groningen pass',
    'VoucherGranted',
    { passId: 'SP-0001', municipalityMspId: 'GemeenteMSP', offerId: 'b', funderMspId: 'SVBMSP' },
    ['Groningen staff', 'SVB payer'],
  ],
  [
    'a booking Groningen funds',
    'Redeemed',
    booking('GemeenteMSP'),
    ['Groningen staff', 'venues admin', 'the pool’s cashier'],
  ],
  [
    'a booking SVB funds',
    'Redeemed',
    booking('SVBMSP'),
    ['Groningen staff', 'SVB payer', 'venues admin', 'the pool’s cashier'],
  ],
  [
    'a booking Westerkwartier funds on a Groningen pass',
    'RedemptionReversed',
    booking('WesterkwartierMSP'),
    ['Groningen staff', 'Westerkwartier staff', 'venues admin', 'the pool’s cashier'],
  ],
  [
    'a claim to SVB',
    'ClaimSubmitted',
    { claimId: 'c-1', venueId: 'zwembad-kardinge', funderMspId: 'SVBMSP' },
    ['SVB payer', 'the pool’s cashier'],
  ],
  [
    'a book-by-number permission',
    'BookByNumberGranted',
    { venueId: 'zwembad-kardinge', municipalityMspId: 'GemeenteMSP' },
    ['Groningen staff', 'the pool’s cashier'],
  ],
];

describe('the one read rule of passes and bookings', () => {
  it.each(MATRIX)(
    'when %s is the event, then exactly the readers it names see it',
    (_what, name, payload, seeing) => {
      const seen = (Object.keys(readers) as ReaderName[]).filter((reader) =>
        mayRead(readers[reader], readFactsOfEvent(name, payload)),
      );

      expect(seen).toEqual(seeing);
    },
  );

  it('when an event name is outside the catalogue, then nobody sees it', () => {
    const seen = Object.values(readers).filter((reader) => mayRead(reader, readFactsOfEvent('Invented', {})));

    expect(seen).toEqual([]);
  });

  it('when a cashier of another organisation claims the pool’s venue id, then it sees none of the pool’s bookings', () => {
    const impostor = {
      mspId: 'OtherChainMSP',
      role: 'venue',
      venueId: 'zwembad-kardinge',
      municipality: false,
    };

    expect(mayRead(impostor, readFactsOfEvent('Redeemed', booking('GemeenteMSP')))).toBe(false);
  });
});
