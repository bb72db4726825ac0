import type { Contract } from '@hyperledger/fabric-gateway';
import type { ConfigRecord } from '../../../chaincode/src/vocabulary';
import { evaluateJson, submitJson } from './fabric-client';

/**
 * Makes sure the ledger is configured and the venue is registered (to VenuesMSP), as the
 * municipality; leaves both alone when the demo data or an earlier run set them up already.
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
