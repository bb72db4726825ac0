import { canonicalJson } from '../ledger/json';

/** Every transaction returns its response as canonical JSON, identical on every endorsing peer. */
export function respond(value: unknown): string {
  return canonicalJson(value);
}
