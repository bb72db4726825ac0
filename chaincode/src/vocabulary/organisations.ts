/** The channel and chaincode names the network deploys under. */
export const CHANNEL_NAME = 'stadspas';
export const CHAINCODE_NAME = 'stadspas';

/** The private data collection holding pass holders' personal data (municipality peers only). */
export const PERSONAL_DATA_COLLECTION = 'gemeentePersonalData';

/** The transient map key carrying one holder (`HolderTransient`) for `passes:RecordHolder`. */
export const HOLDER_TRANSIENT_KEY = 'holder';

/** The transient map key carrying a list of holders (`HolderTransient[]`) for `passes:RecordHolders`. */
export const HOLDERS_TRANSIENT_KEY = 'holders';

/** MSP ids with a fixed role in the scheme. Further organisations (venue chains) may join. */
export const MUNICIPALITY_MSP = 'GemeenteMSP';
export const PAYER_MSP = 'SVBMSP';
export const VENUES_MSP = 'VenuesMSP';

/** The organisations that may fund an offer. */
export const FUNDER_MSP_IDS = [MUNICIPALITY_MSP, PAYER_MSP] as const;
export type FunderMspId = (typeof FUNDER_MSP_IDS)[number];

/** Certificate attribute names set by the Fabric CAs on client identities. */
export const ROLE_ATTRIBUTE = 'role';
export const VENUE_ID_ATTRIBUTE = 'venueId';

/** Values of the `role` attribute. */
export const ROLES = ['admin', 'staff', 'payer', 'venue'] as const;
export type Role = (typeof ROLES)[number];

/** The roles each fixed organisation issues; a venue identity carries `role=venue` plus `venueId`. */
export const ORGANISATION_ROLES: Readonly<Record<string, readonly Role[]>> = {
  [MUNICIPALITY_MSP]: ['admin', 'staff'],
  [PAYER_MSP]: ['admin', 'payer'],
  [VENUES_MSP]: ['admin', 'venue'],
};
