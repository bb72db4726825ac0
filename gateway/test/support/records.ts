import type {
  CreateOfferRequest,
  OfferRecord,
  PassView,
  RedemptionRecord,
  VoucherView,
} from '@stadspas/chaincode/vocabulary';

const at = '2026-03-01T09:30:00.000Z';

/** A voucher view as the chaincode returns it. */
export function makeVoucher(overrides: Partial<VoucherView> = {}): VoucherView {
  return {
    passId: 'SP-0001',
    offerId: 'swim-5',
    periodKey: '2026',
    granted: 0,
    used: 0,
    offerName: '5 free swims a year',
    kind: 'entries',
    unit: 'entries',
    byRule: 5,
    remaining: 5,
    ...overrides,
  };
}

/** A pass view as the chaincode returns it. */
export function makePass(overrides: Partial<PassView> = {}): PassView {
  return {
    passId: 'SP-0001',
    category: 'adult',
    status: 'active',
    validFrom: '2026-01-01T00:00:00.000Z',
    validUntil: '2026-12-31T23:59:59.000Z',
    municipalityMspId: 'GemeenteMSP',
    holderRef: 'holder-1',
    holderHash: 'a'.repeat(64),
    issuedAt: at,
    updatedAt: at,
    vouchers: [makeVoucher()],
    ...overrides,
  };
}

/** A request to create an offer: 5 free swims a year at the pool. */
export function makeOfferRequest(overrides: Partial<CreateOfferRequest> = {}): CreateOfferRequest {
  return {
    offerId: 'swim-5',
    name: '5 free swims a year',
    kind: 'entries',
    entriesPerPeriod: 5,
    eligibleVenueIds: ['zwembad-kardinge'],
    eligibleCategories: ['adult', 'child'],
    reimbursement: { perUseCents: 450 },
    funderMspId: 'GemeenteMSP',
    validFrom: '2026-01-01T00:00:00.000Z',
    validUntil: '2026-12-31T23:59:59.000Z',
    grantByRule: true,
    ...overrides,
  };
}

/** An offer record, as the ledger holds it after creation. */
export function makeOffer(overrides: Partial<OfferRecord> = {}): OfferRecord {
  return {
    ...makeOfferRequest(),
    passIssuers: ['GemeenteMSP'],
    version: 1,
    status: 'active',
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

/** A redemption record. */
export function makeRedemption(overrides: Partial<RedemptionRecord> = {}): RedemptionRecord {
  return {
    redemptionId: 'tx-redeem-1',
    type: 'redemption',
    requestId: 'req-1',
    passId: 'SP-0001',
    offerId: 'swim-5',
    offerVersion: 1,
    venueId: 'zwembad-kardinge',
    venueMspId: 'VenuesMSP',
    municipalityMspId: 'GemeenteMSP',
    funderMspId: 'GemeenteMSP',
    periodKey: '2026',
    quantity: 1,
    units: 1,
    reimbursementCents: 450,
    at,
    presented: 'card',
    ...overrides,
  };
}
