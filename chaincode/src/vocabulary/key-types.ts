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
  discountNorm: 'config~discountnorm',
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
  claimLine: 'redemption~unclaimed',
  request: 'request',
  grantRequest: 'voucher~request',
  claim: 'claim',
  claimByVenue: 'claim~venue',
  claimByStatus: 'claim~status',
  holder: 'holder',
  cardNumber: 'holder~cardnumber',
  cardNumberSecret: 'holder~cardnumbersecret',
  device: 'device',
  linkLetter: 'device~letter',
  cardBlock: 'card~block',
  cardUse: 'card~use',
  offlineUse: 'offline~use',
} as const;

export type KeyTypeName = (typeof KeyType)[keyof typeof KeyType];

/** Every key type, for requests that name one. */
export const KEY_TYPE_NAMES = Object.values(KeyType) as [KeyTypeName, ...KeyTypeName[]];

/** A Fabric composite key's object type and attributes. */
export interface CompositeKey {
  readonly type: string;
  readonly attributes: readonly string[];
}

/**
 * Splits a key the chaincode wrote with `createCompositeKey`: `\u0000type\u0000attr\u0000…\u0000`. A simple
 * (non-composite) key gives undefined. What reads the chaincode's writes from blocks (the gateway's read model,
 * `verify`) parses keys with this one function.
 */
export function parseCompositeKey(key: string): CompositeKey | undefined {
  if (!key.startsWith('\u0000') || !key.endsWith('\u0000') || key.length < 2) {
    return undefined;
  }
  const [type, ...attributes] = key.slice(1, -1).split('\u0000');
  return type === undefined || type === '' ? undefined : { type, attributes };
}

/** The key types whose records are kept under more than one attribute: a pass's device, a voucher. */
const MULTI_ATTRIBUTE_RECORDS: ReadonlySet<string> = new Set([KeyType.device, KeyType.voucher]);

/**
 * Whether a key is a record's own key rather than an index key (`redemption~venue` …): what reads the chaincode's
 * writes from blocks (the read model, an export) keeps records only. Never throws.
 */
export function isRecordKey(key: CompositeKey): boolean {
  return key.attributes.length === 1 || MULTI_ATTRIBUTE_RECORDS.has(key.type);
}
