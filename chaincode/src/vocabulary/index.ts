/**
 * The public language of the Stadspas chaincode: transaction names with their request and response
 * types, records, error codes, event names and identifiers. Free of runtime dependencies so the
 * gateway can import it.
 */
export * from './errors';
export * from './events';
export * from './limits';
export * from './organisations';
export * from './personal-data';
export * from './records';
export * from './requests';
export * from './transactions';
