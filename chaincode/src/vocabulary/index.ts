/**
 * The public language of the Stadspas chaincode: transaction names with their request and response
 * types, records, error codes, event names and identifiers, and the QR card format with its
 * verification (shared so both sides judge a card alike). Needs nothing beyond Node's own modules,
 * so the gateway can import it.
 */
export * from './errors';
export * from './events';
export * from './invalid-qr-error';
export * from './limits';
export * from './organisations';
export * from './personal-data';
export * from './qr-payload';
export * from './qr-verification';
export * from './records';
export * from './requests';
export * from './transactions';
