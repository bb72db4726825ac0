import { fail } from '../errors';
import { nowOf } from '../ledger/clock';
import type { TxContext } from '../ledger/context';
import { keys } from '../ledger/keys';
import { readRecord, writeRecord } from '../ledger/store';
import type { ConfigRecord, SetConfigRequest } from '../vocabulary';

// The ledger-wide settings as records, apart from who may set them, so the scheme can apply them too.

/**
 * In force until the municipality sets its own. The ledger initialises lazily because
 * `--init-required` cannot be used with the Gateway API.
 */
export const DEFAULT_CONFIG: Readonly<ConfigRecord> = {
  passYearStart: '01-01',
  reversalWindowSeconds: 24 * 3600,
  initialised: false,
};

/** The configuration in force (defaults when never set). */
export async function loadConfig(ctx: TxContext): Promise<ConfigRecord> {
  return (await readRecord<ConfigRecord>(ctx, keys.config())) ?? { ...DEFAULT_CONFIG };
}

/**
 * Refuses a change the ledger cannot take at all.
 *
 * @throws {ChaincodeError} CONFLICT when the pass-year boundary would change after it was set.
 */
export function requireConfigChange(current: ConfigRecord, request: SetConfigRequest): void {
  if (current.initialised && current.passYearStart !== request.passYearStart) {
    fail('CONFLICT', `passYearStart is ${current.passYearStart} and cannot change once set`);
  }
}

/**
 * Writes the ledger-wide settings, those the request leaves out as they are; the caller announces them.
 *
 * @throws {ChaincodeError} CONFLICT when the pass-year boundary would change after it was set.
 */
export async function saveConfig(
  ctx: TxContext,
  current: ConfigRecord,
  request: SetConfigRequest,
): Promise<ConfigRecord> {
  requireConfigChange(current, request);
  // A setting the request leaves out keeps its value.
  const config: ConfigRecord = { ...current, ...request, initialised: true, updatedAt: nowOf(ctx) };
  await writeRecord(ctx, keys.config(), config);
  return config;
}
