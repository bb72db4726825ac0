import type { TypedLedger } from '../ledger/typed-ledger';
import type { QrSigner } from '../qr/qr-signer';
import type { QrVerifier } from '../qr/qr-verifier';

/** What the use cases need: the typed ledger and the QR keys. */
export interface ServiceDeps {
  readonly ledger: TypedLedger;
  readonly qrVerifier: QrVerifier;
  /** Present on the municipality's gateway only: it alone signs QR payloads. */
  readonly qrSigner: QrSigner | undefined;
}
