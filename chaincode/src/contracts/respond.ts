import { canonicalJson } from '../ledger/json';
import { logRefusalsAsInfo } from './refusal-logging';
import { checkLevelBeforeFormatting } from './shim-log-levels';

// Every contract answers through this module, so loading it is where the chaincode sets how the framework logs:
// refusals as info, and messages below the level dropped before they are formatted.
logRefusalsAsInfo();
checkLevelBeforeFormatting();

/** Every transaction returns its response as canonical JSON, identical on every endorsing peer. */
export function respond(value: unknown): string {
  return canonicalJson(value);
}
