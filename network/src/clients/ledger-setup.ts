import type { Contract } from '@hyperledger/fabric-gateway';
import { createHash, randomBytes } from 'node:crypto';
import {
  CARD_NUMBER_SECRET_TRANSIENT_KEY,
  HOLDERS_TRANSIENT_KEY,
  LIMITS,
  type ConfigRecord,
} from '@stadspas/chaincode/vocabulary';
import { evaluateJson, submitJson } from './contract-json';

/**
 * Makes sure the ledger is configured (pass year from 1 January, 15 minutes to reverse), as the municipality;
 * leaves a configuration that the demo data or an earlier run set up alone.
 * @throws whatever the gateway client throws when reading the configuration or the submit fails.
 */
export async function ensureConfigured(municipality: Contract): Promise<void> {
  const config = await evaluateJson<ConfigRecord>(municipality, 'config:GetConfig');
  if (!config.initialised) {
    await submitJson(municipality, 'config:SetConfig', {
      passYearStart: '01-01',
      reversalWindowSeconds: 900,
    });
  }
}

/** A venue to register, run by an organisation of the venues role (VenuesMSP unless given). */
export interface VenueToRegister {
  readonly venueId: string;
  readonly name: string;
  readonly kind?: string;
  readonly mspId?: string;
}

/**
 * Registers a venue as the municipality.
 * @throws whatever the gateway client throws when the submit is refused (e.g. `ALREADY_EXISTS`) or does not commit.
 */
export async function registerVenue(municipality: Contract, venue: VenueToRegister): Promise<void> {
  await submitJson(municipality, 'venues:RegisterVenue', {
    venueId: venue.venueId,
    name: venue.name,
    kind: venue.kind ?? 'swimming-pool',
    mspId: venue.mspId ?? 'VenuesMSP',
  });
}

/**
 * Makes sure the ledger is configured and the venue is registered (to VenuesMSP), as the
 * municipality; leaves both alone when the demo data or an earlier run set them up already.
 * @throws whatever the gateway client throws when reading the configuration or a submit fails.
 */
export async function ensureConfiguredWithVenue(
  municipality: Contract,
  venueId: string,
  name: string,
): Promise<void> {
  await ensureConfigured(municipality);
  await evaluateJson(municipality, 'venues:GetVenue', { venueId }).catch(() =>
    registerVenue(municipality, { venueId, name }),
  );
}

function isoDaysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString();
}

/** An offer of a number of uses a year for adults, at the given venues. */
export interface EntriesOffer {
  readonly offerId: string;
  readonly venueIds: readonly string[];
  readonly entries: number;
  /** Days from now until the offer ends; 30 unless given. */
  readonly validDays?: number;
}

/**
 * Creates an offer of `entries` uses a year for adults at the given venues, granted by rule to every
 * adult pass and funded by the municipality (GemeenteMSP), valid from yesterday.
 * @throws whatever the gateway client throws when the submit is refused or does not commit.
 */
export async function createEntriesOffer(municipality: Contract, offer: EntriesOffer): Promise<void> {
  await submitJson(municipality, 'offers:CreateOffer', {
    offerId: offer.offerId,
    name: `${offer.entries} entries`,
    kind: 'entries',
    entriesPerPeriod: offer.entries,
    eligibleVenueIds: [...offer.venueIds],
    eligibleCategories: ['adult'],
    reimbursement: { perUseCents: 100 },
    funderMspId: 'GemeenteMSP',
    validFrom: isoDaysFromNow(-1),
    validUntil: isoDaysFromNow(offer.validDays ?? 30),
    grantByRule: true,
  });
}

/** Splits a list into consecutive chunks of at most `size` items. */
export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}

/**
 * The two requests of one batch issue: the holders (transient data, with a fresh secret for the municipality's
 * card number index in case it has none yet) and the public pass records.
 */
export interface AdultPassBatch {
  /** The transient map of `passes:RecordHolders`. */
  readonly transient: Readonly<Record<string, string>>;
  readonly holders: readonly {
    passId: string;
    salt: string;
    cardNumber: string;
    personalData: { name: string; bsn: string; dateOfBirth: string; address: string };
  }[];
  readonly passes: readonly {
    passId: string;
    category: 'adult';
    validFrom: string;
    validUntil: string;
    holderRef: string;
  }[];
}

/** The card number of a synthetic pass: sixteen hex digits of its id's hash, in capitals. */
export function cardNumberOf(passId: string): string {
  return createHash('sha256').update(passId).digest('hex').slice(0, 16).toUpperCase();
}

/**
 * The requests that issue adult passes with synthetic holders (a valid test BSN), valid from yesterday for
 * `validDays` days: for `passes:RecordHolders` (as transient `holders`) and for `passes:IssuePasses`.
 */
export function adultPassBatch(passIds: readonly string[], validDays = 30): AdultPassBatch {
  const validFrom = isoDaysFromNow(-1);
  const validUntil = isoDaysFromNow(validDays);
  const holders = passIds.map((passId) => ({
    passId,
    salt: randomBytes(16).toString('hex'),
    cardNumber: cardNumberOf(passId),
    personalData: {
      name: 'Test Holder',
      bsn: '111222333',
      dateOfBirth: '1990-01-01',
      address: 'Teststraat 1',
    },
  }));
  return {
    transient: {
      [HOLDERS_TRANSIENT_KEY]: JSON.stringify(holders),
      [CARD_NUMBER_SECRET_TRANSIENT_KEY]: randomBytes(32).toString('hex'),
    },
    holders,
    passes: passIds.map((passId) => ({
      passId,
      category: 'adult',
      validFrom,
      validUntil,
      holderRef: `ref-${passId}`,
    })),
  };
}

/**
 * Issues one batch of adult passes (at most {@link LIMITS.maxBatchPasses}) with synthetic holders (a valid
 * test BSN): the holders in one private transaction of the municipality's collection, then the public pass
 * records in one batch issue, as the municipality's desk does.
 * @throws Error when the batch is larger than the chaincode takes; whatever the gateway client throws when a
 * submit is refused or does not commit.
 */
export async function issueAdultPassBatch(
  municipality: Contract,
  passIds: readonly string[],
  validDays = 30,
): Promise<void> {
  if (passIds.length > LIMITS.maxBatchPasses) {
    throw new Error(`a batch holds at most ${LIMITS.maxBatchPasses} passes, not ${passIds.length}`);
  }
  const { transient, passes } = adultPassBatch(passIds, validDays);
  await municipality.submit('passes:RecordHolders', { transientData: { ...transient } });
  await submitJson(municipality, 'passes:IssuePasses', { passes });
}

/**
 * Issues adult passes with their holders recorded, in batches of at most {@link LIMITS.maxBatchPasses}, one
 * batch after the other.
 * @throws as {@link issueAdultPassBatch}; the batches before the failing one stay issued.
 */
export async function issueAdultPasses(
  municipality: Contract,
  passIds: readonly string[],
  validDays = 30,
): Promise<void> {
  for (const batch of chunksOf(passIds, LIMITS.maxBatchPasses)) {
    await issueAdultPassBatch(municipality, batch, validDays);
  }
}

/**
 * Creates an offer of `entries` uses a year at one venue for adults, granted by rule, funded by the
 * municipality, and issues adult passes for it with synthetic holders (see {@link issueAdultPasses}).
 * @throws whatever the gateway client throws when a submit is refused or does not commit.
 */
export async function createOfferWithPasses(
  municipality: Contract,
  options: { offerId: string; venueId: string; entries: number; passIds: readonly string[] },
): Promise<void> {
  const { offerId, venueId, entries, passIds } = options;
  await createEntriesOffer(municipality, { offerId, venueIds: [venueId], entries });
  await issueAdultPasses(municipality, passIds);
}
