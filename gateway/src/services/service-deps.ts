import type { ClaimRecord, Page, RedemptionRecord } from '@stadspas/chaincode/vocabulary';
import type { ClientIdentity } from '../auth/client-identity';
import type { TypedLedger } from '../ledger/typed-ledger';
import type { BookingsFilter, ClaimsFilter } from '../read-model/listings';
import type { QrSigner } from '../qr/qr-signer';
import type { QrVerifier } from '../qr/qr-verifier';

/** The listings the read model serves, once it has applied every block the peer has. */
export interface ReadModelListings {
  bookings(client: ClientIdentity, filter: BookingsFilter): Promise<Page<RedemptionRecord>>;
  claims(client: ClientIdentity, filter: ClaimsFilter): Promise<Page<ClaimRecord>>;
}

/** What the use cases need: the typed ledger, the QR keys and, with a read model, its listings. */
export interface ServiceDeps {
  readonly ledger: TypedLedger;
  readonly qrVerifier: QrVerifier;
  /** Present on the municipality's gateway only: it alone signs QR payloads. */
  readonly qrSigner: QrSigner | undefined;
  /** Absent on a gateway without a read model. */
  readonly listings?: ReadModelListings | undefined;
}
