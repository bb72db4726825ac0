import { canonicalJson } from '../ledger/json';
import { logRefusalsAsInfo } from './refusal-logging';

// Every contract answers through this module, so loading it is where the chaincode sets how refusals are logged.
logRefusalsAsInfo();

/** Every transaction returns its response as canonical JSON, identical on every endorsing peer. */
export function respond(value: unknown): string {
  return canonicalJson(value);
}
