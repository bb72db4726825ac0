import {
  configRecord,
  offerRecord,
  passView,
  redeemResponse,
  replacePassResponse,
  venueRecord,
} from '../src/vocabulary';
import { identities } from './support/identities';
import { POOL, redeemRequest, seededLedger, SWIMS } from './support/fixtures';

const staff = identities.municipalityStaff();

describe('record schemas', () => {
  it('when the chaincode answers with its records, then each fits the vocabulary schema that documents it', async () => {
    const ledger = await seededLedger();

    const booking = await ledger.redeem(identities.venue(POOL), redeemRequest());
    const replaced = await ledger.submit(staff, 'passes:ReplacePass', {
      passId: 'SP-0002',
      newPassId: 'SP-0003',
    });

    expect(
      venueRecord.parse(await ledger.evaluate(staff, 'venues:GetVenue', { venueId: POOL })),
    ).toBeDefined();
    expect(
      offerRecord.parse(await ledger.evaluate(staff, 'offers:GetOffer', { offerId: SWIMS })),
    ).toBeDefined();
    expect(
      passView.parse(await ledger.evaluate(staff, 'passes:GetPass', { passId: 'SP-0001' })),
    ).toBeDefined();
    expect(configRecord.parse(await ledger.evaluate(staff, 'config:GetConfig', undefined))).toBeDefined();
    expect(redeemResponse.parse(booking)).toBeDefined();
    expect(replacePassResponse.parse(replaced)).toBeDefined();
  });
});
