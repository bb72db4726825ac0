import type { Contract } from '@hyperledger/fabric-gateway';
import { randomBytes } from 'node:crypto';
import type { ConfigRecord } from '@stadspas/chaincode/vocabulary';
import { evaluateJson, submitJson } from './contract-json';

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
  const config = await evaluateJson<ConfigRecord>(municipality, 'config:GetConfig');
  if (!config.initialised) {
    await submitJson(municipality, 'config:SetConfig', {
      passYearStart: '01-01',
      reversalWindowSeconds: 900,
    });
  }
  await evaluateJson(municipality, 'venues:GetVenue', { venueId }).catch(() =>
    submitJson(municipality, 'venues:RegisterVenue', {
      venueId,
      name,
      kind: 'swimming-pool',
      mspId: 'VenuesMSP',
    }),
  );
}

function isoDaysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString();
}

/**
 * Creates an offer of `entries` uses a year at one venue for adults, granted by rule, funded by the
 * municipality, and issues adult passes for it with synthetic holders (a valid test BSN), recorded in
 * one private transaction before one batch issue.
 * @throws whatever the gateway client throws when a submit is refused or does not commit.
 */
export async function createOfferWithPasses(
  municipality: Contract,
  options: { offerId: string; venueId: string; entries: number; passIds: readonly string[] },
): Promise<void> {
  const { offerId, venueId, entries, passIds } = options;
  await submitJson(municipality, 'offers:CreateOffer', {
    offerId,
    name: `${entries} entries`,
    kind: 'entries',
    entriesPerPeriod: entries,
    eligibleVenueIds: [venueId],
    eligibleCategories: ['adult'],
    reimbursement: { perUseCents: 100 },
    funderMspId: 'GemeenteMSP',
    validFrom: isoDaysFromNow(-1),
    validUntil: isoDaysFromNow(30),
    grantByRule: true,
  });
  const holders = passIds.map((passId) => ({
    passId,
    salt: randomBytes(16).toString('hex'),
    personalData: {
      name: 'Test Holder',
      bsn: '111222333',
      dateOfBirth: '1990-01-01',
      address: 'Teststraat 1',
    },
  }));
  await municipality.submit('passes:RecordHolders', { transientData: { holders: JSON.stringify(holders) } });
  const passes = passIds.map((passId) => ({
    passId,
    category: 'adult',
    validFrom: isoDaysFromNow(-1),
    validUntil: isoDaysFromNow(30),
    holderRef: `ref-${passId}`,
  }));
  await submitJson(municipality, 'passes:IssuePasses', { passes });
}
