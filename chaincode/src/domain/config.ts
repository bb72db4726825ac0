import { requireMunicipality } from '../access/roles';
import { fail } from '../errors';
import { nowOf } from '../ledger/clock';
import type { TxContext } from '../ledger/context';
import { emit } from '../ledger/events';
import { keys } from '../ledger/keys';
import { readRecord, writeRecord } from '../ledger/store';
import { type ConfigRecord, type SetConfigRequest } from '../vocabulary';

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
 * Sets the pass-year boundary and the reversal window.
 *
 * @throws {ChaincodeError} FORBIDDEN unless a municipality admin; CONFLICT when the pass-year
 * boundary would change after it was set (period keys of existing vouchers depend on it).
 */
export async function setConfig(ctx: TxContext, request: SetConfigRequest): Promise<ConfigRecord> {
  await requireMunicipality(ctx, ['admin']);
  const current = await loadConfig(ctx);
  if (current.initialised && current.passYearStart !== request.passYearStart) {
    fail('CONFLICT', `passYearStart is ${current.passYearStart} and cannot change once set`);
  }
  const at = nowOf(ctx);
  const config: ConfigRecord = { ...request, initialised: true, updatedAt: at };
  await writeRecord(ctx, keys.config(), config);
  emit(ctx, 'ConfigSet', { ...request, at });
  return config;
}
