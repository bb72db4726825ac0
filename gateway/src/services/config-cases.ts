import type {
  ConfigRecord,
  QrKeyRecord,
  SetConfigRequest,
  SetDiscountNormRequest,
} from '@stadspas/chaincode/vocabulary';
import type { ClientIdentity } from '../auth/client-identity';
import type { ServiceDeps } from './service-deps';
import type { TypedSubmitted } from '../ledger/typed-ledger';

/** Sets the pass-year boundary and reversal window. @throws {AppError} FORBIDDEN, CONFLICT or a ledger code. */
export const setConfig = (
  deps: ServiceDeps,
  client: ClientIdentity,
  request: SetConfigRequest,
): Promise<TypedSubmitted<'config:SetConfig'>> => deps.ledger.submit(client, 'config:SetConfig', request);

/** The ledger-wide settings. @throws {AppError} a ledger code. */
export const getConfig = (deps: ServiceDeps, client: ClientIdentity): Promise<ConfigRecord> =>
  deps.ledger.evaluate(client, 'config:GetConfig', undefined);

/** The published QR verification keys. @throws {AppError} a ledger code. */
export const listQrKeys = (deps: ServiceDeps, client: ClientIdentity): Promise<QrKeyRecord[]> =>
  deps.ledger.evaluate(client, 'config:ListQrKeys', undefined);

/** Sets the calling municipality's discount norm. @throws {AppError} FORBIDDEN or a ledger code. */
export const setDiscountNorm = (
  deps: ServiceDeps,
  client: ClientIdentity,
  request: SetDiscountNormRequest,
): Promise<TypedSubmitted<'config:SetDiscountNorm'>> =>
  deps.ledger.submit(client, 'config:SetDiscountNorm', request);
