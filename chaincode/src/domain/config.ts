import { requireMunicipality } from '../access/roles';
import { fail } from '../errors';
import { nowOf } from '../ledger/clock';
import type { TxContext } from '../ledger/context';
import { emit } from '../ledger/events';
import { keys } from '../ledger/keys';
import { writeRecord } from '../ledger/store';
import {
  type ConfigRecord,
  type DiscountNormRecord,
  type SetConfigRequest,
  type SetDiscountNormRequest,
} from '../vocabulary';
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

/**
 * Sets the calling municipality's discount norm: the discount it expects discount offers to give on its passes,
 * which the council's figures set beside each offer's actual discount. A municipality sets only its own.
 *
 * @throws {ChaincodeError} NOT_INITIALISED before the scheme is set up; FORBIDDEN unless a municipality admin.
 */
export async function setDiscountNorm(
  ctx: TxContext,
  request: SetDiscountNormRequest,
): Promise<DiscountNormRecord> {
  const access = await requireMunicipality(ctx, ['admin']);
  const norm: DiscountNormRecord = {
    municipalityMspId: access.caller.mspId,
    discountPercent: request.discountPercent,
    setAt: nowOf(ctx),
  };
  await writeRecord(ctx, keys.discountNorm(norm.municipalityMspId), norm);
  emit(ctx, 'DiscountNormSet', {
    municipalityMspId: norm.municipalityMspId,
    discountPercent: norm.discountPercent,
    at: norm.setAt,
  });
  return norm;
}
