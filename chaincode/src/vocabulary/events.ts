import type { IsoTimestamp, Presentation } from './records';
import type { SetConfigRequest } from './config-requests';
import type { ClaimStatus, OfferKind, PassStatus, VenueStatus } from './statuses';

/**
 * Every chaincode event. Each write transaction emits exactly one (Fabric keeps only the last
 * `setEvent` of a transaction); an idempotent replay of a redemption emits none because it books
 * nothing. Payloads never carry personal data.
 */
export interface EventPayloads {
  SchemeSetUp: SchemeEvent;
  SchemeChangeProposed: SchemeProposalEvent;
  SchemeChangeApproved: SchemeProposalEvent;
  SchemeChanged: SchemeEvent & {
    proposalId: string;
    config?: SetConfigRequest;
  };
  ConfigSet: SetConfigRequest & { at: IsoTimestamp };
  DiscountNormSet: { municipalityMspId: string; discountPercent: number; at: IsoTimestamp };
  QrKeyAdded: {
    keyId: string;
    mspId: string;
    validFrom: IsoTimestamp;
    validUntil?: IsoTimestamp;
    at: IsoTimestamp;
  };
  QrKeyRetired: { keyId: string; validUntil: IsoTimestamp; at: IsoTimestamp };
  VenueRegistered: VenueEvent;
  VenueUpdated: VenueEvent;
  VenueSuspended: VenueEvent;
  VenueReinstated: VenueEvent;
  BookByNumberGranted: BookByNumberEvent;
  BookByNumberRevoked: BookByNumberEvent;
  OfferCreated: OfferEvent;
  OfferUpdated: OfferEvent;
  OfferRetired: OfferEvent;
  PassIssued: PassEvent;
  PassesIssued: { passIds: string[]; municipalityMspId: string; at: IsoTimestamp };
  PassesImported: { passIds: string[]; municipalityMspId: string; openingBalances: number; at: IsoTimestamp };
  PassBlocked: PassEvent;
  PassUnblocked: PassEvent;
  PassReplaced: {
    passId: string;
    newPassId: string;
    municipalityMspId: string;
    movedVouchers: number;
    at: IsoTimestamp;
  };
  PassRenewed: PassEvent;
  HolderRecorded: { passId: string; municipalityMspId: string; at: IsoTimestamp };
  HoldersRecorded: { passIds: string[]; municipalityMspId: string; at: IsoTimestamp };
  HolderPurged: { passId: string; municipalityMspId: string; holderRef?: string; at: IsoTimestamp };
  LinkLetterIssued: { passId: string; municipalityMspId: string; at: IsoTimestamp };
  DeviceLinked: DeviceEvent;
  DeviceUnlinked: DeviceEvent & { by: 'holder' | 'municipality' };
  CardBlocked: { passId: string; municipalityMspId: string; at: IsoTimestamp };
  VoucherGranted: {
    passId: string;
    municipalityMspId: string;
    offerId: string;
    funderMspId: string;
    periodKey: string;
    amount: number;
    remaining: number;
    at: IsoTimestamp;
  };
  Redeemed: RedemptionEvent;
  RedemptionReversed: RedemptionEvent & { reversesId: string };
  ClaimSubmitted: ClaimEvent;
  ClaimApproved: ClaimEvent;
  ClaimRejected: ClaimEvent;
  ClaimPaid: ClaimEvent;
}

export interface DeviceEvent {
  passId: string;
  deviceId: string;
  municipalityMspId: string;
  at: IsoTimestamp;
}

export interface SchemeEvent {
  version: number;
  /** Each organisation's MSP id with its roles, e.g. `GemeenteMSP: municipality`. */
  organisations: string[];
  at: IsoTimestamp;
}

export interface SchemeProposalEvent {
  proposalId: string;
  approvals: string[];
  at: IsoTimestamp;
}

export interface VenueEvent {
  venueId: string;
  mspId: string;
  status: VenueStatus;
  at: IsoTimestamp;
}

export interface BookByNumberEvent {
  venueId: string;
  municipalityMspId: string;
  reason: string;
  at: IsoTimestamp;
}

export interface OfferEvent {
  offerId: string;
  version: number;
  kind: OfferKind;
  funderMspId: string;
  at: IsoTimestamp;
}

export interface PassEvent {
  passId: string;
  /** The municipality that issued the pass. */
  municipalityMspId: string;
  category: string;
  status: PassStatus;
  validUntil: IsoTimestamp;
  at: IsoTimestamp;
}

export interface RedemptionEvent {
  redemptionId: string;
  requestId: string;
  passId: string;
  /** The municipality that issued the pass. */
  municipalityMspId?: string;
  offerId: string;
  venueId: string;
  /** The organisation the venue belonged to when it booked. */
  venueMspId?: string;
  funderMspId: string;
  periodKey: string;
  presented: Presentation;
  units: number;
  amountCents?: number;
  reimbursementCents: number;
  at: IsoTimestamp;
  /** When an offline counter made it (absent online). */
  offlineAt?: IsoTimestamp;
  /** Units beyond the balance an offline booking took. */
  overdrawnUnits?: number;
}

export interface ClaimEvent {
  claimId: string;
  venueId: string;
  funderMspId: string;
  status: ClaimStatus;
  totalCents: number;
  redemptionCount: number;
  at: IsoTimestamp;
}

/** A chaincode event name. */
export type EventName = keyof EventPayloads;

/** Every event name, in catalogue order. */
export const EVENT_NAMES = [
  'SchemeSetUp',
  'SchemeChangeProposed',
  'SchemeChangeApproved',
  'SchemeChanged',
  'ConfigSet',
  'DiscountNormSet',
  'QrKeyAdded',
  'QrKeyRetired',
  'VenueRegistered',
  'VenueUpdated',
  'VenueSuspended',
  'VenueReinstated',
  'BookByNumberGranted',
  'BookByNumberRevoked',
  'OfferCreated',
  'OfferUpdated',
  'OfferRetired',
  'PassIssued',
  'PassesIssued',
  'PassesImported',
  'PassBlocked',
  'PassUnblocked',
  'PassReplaced',
  'PassRenewed',
  'HolderRecorded',
  'HoldersRecorded',
  'HolderPurged',
  'VoucherGranted',
  'Redeemed',
  'RedemptionReversed',
  'ClaimSubmitted',
  'ClaimApproved',
  'ClaimRejected',
  'ClaimPaid',
] as const satisfies readonly EventName[];
