import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import {
  CARD_NUMBER_SECRET_TRANSIENT_KEY,
  HOLDER_TRANSIENT_KEY,
  HOLDERS_TRANSIENT_KEY,
  joinQr,
  qrSignedPart,
  type AddQrKeyRequest,
  type CreateOfferRequest,
  type HolderTransient,
  type IssuePassRequest,
  type PassRecord,
  type PersonalData,
  type RegisterVenueRequest,
  type SchemeOrganisation,
  type UpdateOfferRequest,
} from '../../src/vocabulary';
import { identities, type TestIdentity } from './identities';
import { CITY, InMemoryLedger, type CardBooking } from './in-memory-ledger';

export const POOL = 'zwembad-kardinge';
export const MUSEUM = 'groninger-museum';
export const SWIMS = 'zwemmen-2026';
export const SPORTS_BUDGET = 'sportbudget-kind';
export const MUSEUM_DISCOUNT = 'museum-korting';

/** The municipality's QR signing key of the tests, published by {@link seededLedger}. */
export const QR_KEY_ID = 'qr-test-1';
const qrKeyPair = generateKeyPairSync('ed25519');

/** Publishes a QR verification key (default: the tests' municipality key, valid from 2020 on). */
export function qrKeyRequest(overrides: Partial<AddQrKeyRequest> = {}): AddQrKeyRequest {
  return {
    keyId: QR_KEY_ID,
    publicKeyPem: qrKeyPair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    validFrom: '2020-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** The QR payload of a pass's card, signed by the tests' municipality key (or the given one). */
export function cardOf(
  passId: string,
  keyId = QR_KEY_ID,
  privateKey: KeyObject = qrKeyPair.privateKey,
): string {
  const signedPart = qrSignedPart({ passId, keyId });
  return joinQr(signedPart, sign(null, Buffer.from(signedPart, 'utf8'), privateKey));
}

export function venueRequest(overrides: Partial<RegisterVenueRequest> = {}): RegisterVenueRequest {
  return { venueId: POOL, name: 'Zwembad Kardinge', kind: 'swimming-pool', mspId: 'VenuesMSP', ...overrides };
}

/** The changeable terms of an offer, for offers:UpdateOffer. */
export function termsOf(offer: CreateOfferRequest): UpdateOfferRequest {
  const terms: Partial<CreateOfferRequest> = { ...offer };
  delete terms.kind;
  delete terms.funderMspId;
  return terms as UpdateOfferRequest;
}

/** An entries offer: 5 swims a year for adults and children, EUR 4.50 reimbursed per swim. */
export function entriesOffer(overrides: Partial<CreateOfferRequest> = {}): CreateOfferRequest {
  return {
    offerId: SWIMS,
    name: 'Vijf keer gratis zwemmen',
    kind: 'entries',
    entriesPerPeriod: 5,
    eligibleVenueIds: [POOL],
    eligibleCategories: ['adult', 'child'],
    reimbursement: { perUseCents: 450 },
    funderMspId: 'GemeenteMSP',
    validFrom: '2026-01-01T00:00:00.000Z',
    validUntil: '2027-01-01T00:00:00.000Z',
    grantByRule: true,
    ...overrides,
  };
}

/** A budget offer funded by the SVB, granted individually (no rule), fully reimbursed. */
export function budgetOffer(overrides: Partial<CreateOfferRequest> = {}): CreateOfferRequest {
  return {
    offerId: SPORTS_BUDGET,
    name: 'Sportbudget kind',
    kind: 'budget',
    budgetCentsPerPeriod: 15000,
    eligibleVenueIds: [POOL],
    eligibleCategories: ['child'],
    reimbursement: { shareBasisPoints: 10000 },
    funderMspId: 'SVBMSP',
    validFrom: '2026-01-01T00:00:00.000Z',
    validUntil: '2027-01-01T00:00:00.000Z',
    grantByRule: false,
    ...overrides,
  };
}

/**
 * A discount offer: 50% off at the museum on a ticket of at most EUR 50, at most EUR 40 of discount per pass a year;
 * the funder pays 25% of the price.
 */
export function discountOffer(overrides: Partial<CreateOfferRequest> = {}): CreateOfferRequest {
  return {
    offerId: MUSEUM_DISCOUNT,
    name: 'Halve prijs museum',
    kind: 'discount',
    discountPercent: 50,
    maxAmountCentsPerBooking: 5000,
    discountCentsPerPeriod: 4000,
    eligibleVenueIds: [MUSEUM],
    eligibleCategories: ['adult', 'child', 'senior'],
    reimbursement: { shareBasisPoints: 2500 },
    funderMspId: 'GemeenteMSP',
    validFrom: '2026-01-01T00:00:00.000Z',
    validUntil: '2027-01-01T00:00:00.000Z',
    grantByRule: false,
    ...overrides,
  };
}

export function personalData(overrides: Partial<PersonalData> = {}): PersonalData {
  return {
    name: 'J. de Vries',
    bsn: '111222333',
    dateOfBirth: '1980-05-17',
    address: 'Oude Ebbingestraat 1, 9712 HA Groningen',
    ...overrides,
  };
}

const SALT = 'c2FsdC1mb3ItdGVzdHMtb25seQ';

/** The number printed on the card of a pass in these tests: 12 characters, nothing like its pass id. */
export function cardNumberOf(passId: string): string {
  return `6001${createHash('sha256').update(passId).digest('hex').slice(0, 8).toUpperCase()}`;
}

/** The secret of the card number index that the municipality's intake sends with its holders. */
export const CARD_NUMBER_SECRET = 'a'.repeat(64);

/** The holder of a pass as the municipality's intake sends it in the transient map. */
export function holderTransient(passId: string, overrides: Partial<HolderTransient> = {}): HolderTransient {
  return { passId, salt: SALT, cardNumber: cardNumberOf(passId), personalData: personalData(), ...overrides };
}

/** The transient map of `passes:RecordHolder` as the intake sends it: the holder and the index secret. */
export function recordingHolder(holder: HolderTransient): Record<string, unknown> {
  return { [HOLDER_TRANSIENT_KEY]: holder, [CARD_NUMBER_SECRET_TRANSIENT_KEY]: CARD_NUMBER_SECRET };
}

/** The transient map of `passes:RecordHolders` as the intake sends it. */
export function recordingHolders(holders: HolderTransient[]): Record<string, unknown> {
  return { [HOLDERS_TRANSIENT_KEY]: holders, [CARD_NUMBER_SECRET_TRANSIENT_KEY]: CARD_NUMBER_SECRET };
}

export function passRequest(overrides: Partial<IssuePassRequest> = {}): IssuePassRequest {
  const passId = overrides.passId ?? 'SP-0001';
  return {
    passId,
    category: 'adult',
    validFrom: '2026-01-01T00:00:00.000Z',
    validUntil: '2027-01-01T00:00:00.000Z',
    holderRef: `H-${passId}`,
    ...overrides,
  };
}

/** Records the pass's holder (default: the standard one), then issues the pass, as the intake does. */
export async function issueWithHolder(
  ledger: InMemoryLedger,
  who: TestIdentity,
  request: IssuePassRequest,
  holder: HolderTransient = holderTransient(request.passId),
): Promise<PassRecord> {
  await ledger.submit(who, 'passes:RecordHolder', undefined, recordingHolder(holder));
  return ledger.submit(who, 'passes:IssuePass', request);
}

/**
 * A ledger with the tests' QR key published, the pool and museum registered, the swims, sports budget
 * and museum discount offers created, and passes SP-0001 (adult) and SP-0002 (child) issued.
 */
export async function seededLedger(scheme: readonly SchemeOrganisation[] = CITY): Promise<InMemoryLedger> {
  const ledger = new InMemoryLedger(undefined, scheme);
  const staff = identities.municipalityStaff();
  await ledger.submit(identities.municipalityAdmin(), 'config:AddQrKey', qrKeyRequest());
  await ledger.submit(staff, 'venues:RegisterVenue', venueRequest());
  await ledger.submit(
    staff,
    'venues:RegisterVenue',
    venueRequest({ venueId: MUSEUM, name: 'Groninger Museum', kind: 'museum' }),
  );
  await ledger.submit(staff, 'offers:CreateOffer', entriesOffer());
  await ledger.submit(identities.payerAdmin(), 'offers:CreateOffer', budgetOffer());
  await ledger.submit(staff, 'offers:CreateOffer', discountOffer());
  await issueWithHolder(ledger, staff, passRequest());
  await issueWithHolder(ledger, staff, passRequest({ passId: 'SP-0002', category: 'child' }));
  return ledger;
}

/** A booking with a fresh request id, presenting the card of the pass (default SP-0001). */
let requestCounter = 0;
export function redeemRequest(
  overrides: Partial<{
    requestId: string;
    passId: string;
    offerId: string;
    quantity: number;
    amountCents: number;
  }> = {},
): CardBooking {
  requestCounter += 1;
  const { passId = 'SP-0001', ...rest } = overrides;
  return { requestId: `req-${requestCounter}`, qr: cardOf(passId), offerId: SWIMS, ...rest };
}
