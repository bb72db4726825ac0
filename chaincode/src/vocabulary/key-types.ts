/**
 * Every ledger key of the chaincode. See README.md "Key layout". Composite keys keep each aggregate
 * in its own namespace; index keys put the sort order (booking time) in the key so listings are
 * partial-key scans, and no key is shared by redemptions on different passes.
 */
export const KeyType = {
  scheme: 'scheme',
  schemeProposal: 'scheme~proposal',
  config: 'config',
  qrKey: 'qrkey',
  venue: 'venue',
  bookByNumber: 'venue~bookbynumber',
  offer: 'offer',
  offerVersion: 'offer~version',
  pass: 'pass',
  voucher: 'voucher',
  redemption: 'redemption',
  redemptionByPass: 'redemption~pass',
  redemptionByVenue: 'redemption~venue',
  redemptionByOffer: 'redemption~offer',
  request: 'request',
  grantRequest: 'voucher~request',
  claim: 'claim',
  claimByVenue: 'claim~venue',
  claimByStatus: 'claim~status',
  holder: 'holder',
} as const;

export type KeyTypeName = (typeof KeyType)[keyof typeof KeyType];

/** Every key type, for requests that name one. */
export const KEY_TYPE_NAMES = Object.values(KeyType) as [KeyTypeName, ...KeyTypeName[]];
