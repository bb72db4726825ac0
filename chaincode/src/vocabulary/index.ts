/**
 * The public language of the Stadspas chaincode: transaction names with the schemas of their
 * requests (which yield the request types and both sides' validation), records, error codes, event
 * names and identifiers, and the QR card format with its verification (shared so both sides judge a card
 * alike). Its only runtime dependency is zod, which the gateway shares.
 */
export * from './claim-requests';
export * from './config-requests';
export * from './device-codes';
export * from './device-records';
export * from './device-requests';
export * from './errors';
export * from './events';
export * from './fields';
export * from './invalid-qr-error';
export * from './key-types';
export * from './limits';
export * from './majority';
export * from './offer-kinds';
export * from './offer-requests';
export * from './organisations';
export * from './pass-requests';
export * from './periods';
export * from './personal-data';
export * from './qr-payload';
export * from './qr-verification';
export * from './read-rule';
export * from './records';
export * from './statuses';
export * from './redemption-requests';
export * from './responses';
export * from './scheme-requests';
export * from './text';
export * from './transactions';
export * from './venue-requests';
