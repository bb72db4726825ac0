import { requireMunicipality } from '../access/roles';
import { fail } from '../errors';
import { nowOf } from '../ledger/clock';
import type { TxContext } from '../ledger/context';
import { emit } from '../ledger/events';
import { type ConfigRecord, type SetConfigRequest } from '../vocabulary';
import { loadConfig, requireConfigChange, saveConfig } from './config-settings';

export { DEFAULT_CONFIG, loadConfig } from './config-settings';

/**
 * Sets the ledger's first pass-year boundary and reversal window, as a municipality admin brings a new ledger up.
 * The settings bind every organisation, so afterwards they change only with the scheme's majority (a scheme
 * proposal that carries them); setting the settings in force again changes nothing, and a setting left out is
 * left as it is.
 *
 * @throws {ChaincodeError} FORBIDDEN unless a municipality admin, and for a change once set; CONFLICT when the
 * pass-year boundary would change after it was set (period keys of existing vouchers depend on it).
 */
export async function setConfig(ctx: TxContext, request: SetConfigRequest): Promise<ConfigRecord> {
  await requireMunicipality(ctx, ['admin']);
  const current = await loadConfig(ctx);
  if (!current.initialised) {
    const config = await saveConfig(ctx, current, request);
    emit(ctx, 'ConfigSet', { ...request, at: nowOf(ctx) });
    return config;
  }
  requireConfigChange(current, request);
  const changes = (Object.keys(request) as (keyof SetConfigRequest)[]).filter(
    (setting) => request[setting] !== current[setting],
  );
  if (changes.length > 0) {
    fail(
      'FORBIDDEN',
      `the ledger-wide settings are set: ${changes.join(', ')} change only with the scheme's majority (scheme:ProposeChange with config)`,
    );
  }
  return current;
}
