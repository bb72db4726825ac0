import type { EventName, EventPayloads } from './events';

/** Who reads: an identity of an organisation, and whether that organisation is a municipality of the scheme. */
export interface Reader {
  readonly mspId: string;
  /** The identity's role (`admin`, `staff`, `payer`, `venue`, …). */
  readonly role: string | undefined;
  /** Set for a venue's cashier identity. */
  readonly venueId?: string | undefined;
  /** Whether the reader's organisation holds the municipality role. */
  readonly municipality: boolean;
}

/**
 * What a record or event is about, as far as reading goes: `open` facts (offers, venues, configuration, keys,
 * the scheme) are everyone's; facts about passes and bookings name the parties that may read them.
 */
export type ReadFacts =
  | { readonly open: true }
  | {
      readonly open: false;
      /** The municipality that issued the pass. */
      readonly municipalityMspId?: string | undefined;
      /** The funder of the offer. */
      readonly funderMspId?: string | undefined;
      /** The venue that booked. */
      readonly venueId?: string | undefined;
      /** The organisation that venue belongs to. */
      readonly venueMspId?: string | undefined;
    };

const OPEN: ReadFacts = { open: true };

/**
 * The one read rule of passes and bookings, shared by the chaincode's queries and the gateway's streams, webhooks
 * and reports: a cashier reads its own venue's; a municipality its own passes' and what it funds; a funder what it
 * funds; a venues organisation's admin its own venues' bookings. Nobody else reads them. Never throws.
 */
export function mayRead(reader: Reader, facts: ReadFacts): boolean {
  if (facts.open) {
    return true;
  }
  if (reader.venueId !== undefined) {
    return (
      facts.venueId === reader.venueId &&
      (facts.venueMspId === undefined || facts.venueMspId === reader.mspId)
    );
  }
  return (
    (reader.municipality && facts.municipalityMspId === reader.mspId) ||
    facts.funderMspId === reader.mspId ||
    (reader.role === 'admin' && facts.venueMspId === reader.mspId)
  );
}

type FactsOf = { readonly [N in EventName]: (payload: EventPayloads[N]) => ReadFacts };

const aboutPass = (payload: { municipalityMspId?: string }): ReadFacts => ({
  open: false,
  municipalityMspId: payload.municipalityMspId,
});

/** The parties of a booking, as its record, its event and the read model's row all name them. */
export interface BookingParties {
  readonly municipalityMspId?: string | undefined;
  readonly funderMspId: string;
  readonly venueId: string;
  readonly venueMspId?: string | undefined;
}

/** What a booking (redemption or reversal) is about. Never throws. */
export function readFactsOfBooking(booking: BookingParties): ReadFacts {
  return {
    open: false,
    municipalityMspId: booking.municipalityMspId,
    funderMspId: booking.funderMspId,
    venueId: booking.venueId,
    venueMspId: booking.venueMspId,
  };
}

/** What each event is about; the compiler checks that every event is here. */
const EVENT_FACTS: FactsOf = {
  SchemeSetUp: () => OPEN,
  SchemeChangeProposed: () => OPEN,
  SchemeChangeApproved: () => OPEN,
  SchemeChanged: () => OPEN,
  ConfigSet: () => OPEN,
  DiscountNormSet: () => OPEN,
  QrKeyAdded: () => OPEN,
  QrKeyRetired: () => OPEN,
  VenueRegistered: () => OPEN,
  VenueUpdated: () => OPEN,
  VenueSuspended: () => OPEN,
  VenueReinstated: () => OPEN,
  BookByNumberGranted: (p) => ({ open: false, venueId: p.venueId, municipalityMspId: p.municipalityMspId }),
  BookByNumberRevoked: (p) => ({ open: false, venueId: p.venueId, municipalityMspId: p.municipalityMspId }),
  OfferCreated: () => OPEN,
  OfferUpdated: () => OPEN,
  OfferRetired: () => OPEN,
  PassIssued: aboutPass,
  PassesIssued: aboutPass,
  PassesImported: aboutPass,
  PassBlocked: aboutPass,
  PassUnblocked: aboutPass,
  PassReplaced: aboutPass,
  PassRenewed: aboutPass,
  HolderRecorded: aboutPass,
  HoldersRecorded: aboutPass,
  HolderPurged: aboutPass,
  LinkLetterIssued: aboutPass,
  DeviceLinked: aboutPass,
  DeviceUnlinked: aboutPass,
  CardBlocked: aboutPass,
  VoucherGranted: (p) => ({
    open: false,
    municipalityMspId: p.municipalityMspId,
    funderMspId: p.funderMspId,
  }),
  Redeemed: readFactsOfBooking,
  RedemptionReversed: readFactsOfBooking,
  ClaimSubmitted: (p) => ({ open: false, funderMspId: p.funderMspId, venueId: p.venueId }),
  ClaimApproved: (p) => ({ open: false, funderMspId: p.funderMspId, venueId: p.venueId }),
  ClaimRejected: (p) => ({ open: false, funderMspId: p.funderMspId, venueId: p.venueId }),
  ClaimPaid: (p) => ({ open: false, funderMspId: p.funderMspId, venueId: p.venueId }),
};

/**
 * What an event is about. An event name outside the catalogue is about nothing anyone may be shown. Never throws.
 */
export function readFactsOfEvent(eventName: string, payload: unknown): ReadFacts {
  const facts = (EVENT_FACTS as Readonly<Record<string, ((payload: never) => ReadFacts) | undefined>>)[
    eventName
  ];
  if (facts === undefined || typeof payload !== 'object' || payload === null) {
    return { open: false };
  }
  return facts(payload as never);
}
