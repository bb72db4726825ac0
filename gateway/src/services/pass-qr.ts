import type { ClientIdentity } from '../auth/client-identity';
import { AppError } from '../errors/app-error';
import { renderQr, type QrImage, type QrImageFormat } from '../qr/qr-image';
import type { ServiceDeps } from './service-deps';

/**
 * The printable QR image of an existing pass.
 * @throws {AppError} FORBIDDEN when this gateway holds no signing key; NOT_FOUND for an unknown pass.
 */
export async function passQrImage(
  deps: ServiceDeps,
  client: ClientIdentity,
  passId: string,
  format: QrImageFormat,
): Promise<QrImage> {
  if (deps.qrSigner === undefined) {
    throw new AppError('FORBIDDEN', 'only the municipality’s gateway signs QR payloads');
  }
  // Reading the pass first means no card is ever printed for a number the ledger does not know.
  await deps.ledger.evaluate(client, 'passes:GetPass', { passId });
  return renderQr(deps.qrSigner.sign(passId), format);
}
