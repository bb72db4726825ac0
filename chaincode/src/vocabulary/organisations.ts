/** The channel and chaincode names the network deploys under. */
export const CHANNEL_NAME = 'stadspas';
export const CHAINCODE_NAME = 'stadspas';

/** The transient map key carrying one holder (`HolderTransient`) for `passes:RecordHolder`. */
export const HOLDER_TRANSIENT_KEY = 'holder';

/** The transient map key carrying a list of holders (`HolderTransient[]`) for `passes:RecordHolders`. */
export const HOLDERS_TRANSIENT_KEY = 'holders';

/**
 * The transient map key carrying the presented card's QR payload (UTF-8 text) for `redemptions:Scan` and
 * `redemptions:Redeem`. The payload is a bearer credential: as an argument it would sit in every block on every
 * peer, so it travels only in the transient map, which Fabric never stores.
 */
export const CARD_TRANSIENT_KEY = 'card';

/**
 * The transient map key carrying the number printed on a card for `passes:FindPassByCardNumber`. The ledger
 * knows passes by a pseudonym only; which card number belongs to which pass stays in the issuing municipality's
 * private collection.
 */
export const CARD_NUMBER_TRANSIENT_KEY = 'cardNumber';

/**
 * The transient map key carrying a fresh random secret (64 hex digits) with `passes:RecordHolder(s)`: the first
 * holder a municipality records makes it the key of its card number index; later ones leave it unused.
 */
export const CARD_NUMBER_SECRET_TRANSIENT_KEY = 'cardNumberSecret';

/**
 * What an organisation does in the scheme. Which organisation holds which role is ledger configuration (the
 * scheme, `scheme:GetScheme`), never written into the chaincode:
 * - `municipality`: issues its own passes, keeps its residents' personal data in its own private data collection,
 *   signs its own cards' QR codes, registers venues, creates and funds offers and approves their claims;
 * - `payer`: funds offers and records the payments of approved claims;
 * - `venues`: its venue identities book redemptions and claim them.
 */
export const SCHEME_ROLES = ['municipality', 'payer', 'venues'] as const;
export type SchemeRole = (typeof SCHEME_ROLES)[number];

/** The scheme roles whose organisations may fund an offer. */
export const FUNDER_ROLES: readonly SchemeRole[] = ['municipality', 'payer'];

/** Certificate attribute names set by the Fabric CAs on client identities. */
export const ROLE_ATTRIBUTE = 'role';
export const VENUE_ID_ATTRIBUTE = 'venueId';

/**
 * Values of the `role` attribute. `reader` is no organisation's client: each gateway's own identity for what it
 * shows without a client (the holder page, health, the read model), which may read only that.
 */
export const ROLES = ['admin', 'staff', 'payer', 'venue', 'reader'] as const;
export type Role = (typeof ROLES)[number];

/** The identity roles an organisation of each scheme role issues; a venue identity carries `venueId` too. */
export const IDENTITY_ROLES: Readonly<Record<SchemeRole, readonly Role[]>> = {
  municipality: ['admin', 'staff'],
  payer: ['admin', 'payer'],
  venues: ['admin', 'venue'],
};

/** The private data collection of a municipality's holders: `<organisation name>PersonalData`. */
export const PERSONAL_DATA_COLLECTION_PATTERN = /^[a-z][a-z0-9-]{1,30}PersonalData$/;
