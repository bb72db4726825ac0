import {
  claimRecord,
  configRecord,
  discountNormRecord,
  holderRecord,
  KeyType,
  mayRead,
  offerRecord,
  passRecord,
  qrKeyRecord,
  readFactsOfBooking,
  redemptionRecord,
  schemeRecord,
  venueRecord,
  voucherRecord,
  type ClaimRecord,
  type OfferRecord,
  type PassRecord,
  type ReadFacts,
  type Reader,
  type RedemptionRecord,
  type VenueRecord,
  type VoucherRecord,
} from '@stadspas/chaincode/vocabulary';
import type { ZodType } from 'zod';

/** The records an export holds of the others, to judge who may read a record that names them. */
export interface Lookups {
  readonly passes: ReadonlyMap<string, PassRecord>;
  readonly offers: ReadonlyMap<string, OfferRecord>;
  readonly venues: ReadonlyMap<string, VenueRecord>;
}

/** One kind of record of an export: its file, its schema, and what it is about as far as reading goes. */
export interface RecordKind {
  /** The name of its file (`<name>.jsonl`) and of its schema (`schemas/<name>.schema.json`). */
  readonly name: string;
  readonly description: string;
  readonly schema: ZodType;
  /** The key type of its records on the ledger; absent for holders, which are private data. */
  readonly keyType?: string;
  readonly facts: (record: never, lookups: Lookups) => ReadFacts;
}

const OPEN: ReadFacts = { open: true };

/** Every kind an export writes, in the order an import needs them. */
export const RECORD_KINDS: readonly RecordKind[] = [
  {
    name: 'scheme',
    description: 'Who does what in the scheme',
    schema: schemeRecord,
    keyType: KeyType.scheme,
    facts: () => OPEN,
  },
  {
    name: 'config',
    description: 'The ledger-wide settings',
    schema: configRecord,
    keyType: KeyType.config,
    facts: () => OPEN,
  },
  {
    name: 'discount-norms',
    description: "Each municipality's discount norm",
    schema: discountNormRecord,
    keyType: KeyType.discountNorm,
    facts: () => OPEN,
  },
  {
    name: 'qr-keys',
    description: "The public keys that verify the municipalities' cards",
    schema: qrKeyRecord,
    keyType: KeyType.qrKey,
    facts: () => OPEN,
  },
  {
    name: 'venues',
    description: 'The places where passes are used, with the account each is paid on',
    schema: venueRecord,
    keyType: KeyType.venue,
    facts: () => OPEN,
  },
  {
    name: 'offers',
    description: 'What a pass can be used for, in its current terms',
    schema: offerRecord,
    keyType: KeyType.offer,
    facts: () => OPEN,
  },
  {
    name: 'passes',
    description: 'The passes, under their pseudonyms',
    schema: passRecord,
    keyType: KeyType.pass,
    facts: (pass: PassRecord) => ({ open: false, municipalityMspId: pass.municipalityMspId }),
  },
  {
    name: 'holders',
    description: 'The personal data of each pass’s holder, from the municipality’s private collection',
    schema: holderRecord,
    facts: () => ({ open: false }),
  },
  {
    name: 'vouchers',
    description: 'What each pass was granted and used per offer and period',
    schema: voucherRecord,
    keyType: KeyType.voucher,
    facts: (voucher: VoucherRecord, { passes, offers }) => ({
      open: false,
      municipalityMspId: passes.get(voucher.passId)?.municipalityMspId,
      funderMspId: offers.get(voucher.offerId)?.funderMspId,
    }),
  },
  {
    name: 'redemptions',
    description: 'Every booking and reversal',
    schema: redemptionRecord,
    keyType: KeyType.redemption,
    facts: (redemption: RedemptionRecord, { venues }) =>
      readFactsOfBooking({
        ...redemption,
        venueMspId: redemption.venueMspId ?? venues.get(redemption.venueId)?.mspId,
      }),
  },
  {
    name: 'claims',
    description: 'The venues’ claims, their decisions and payments',
    schema: claimRecord,
    keyType: KeyType.claim,
    facts: (claim: ClaimRecord, { venues }) => ({
      open: false,
      funderMspId: claim.funderMspId,
      venueId: claim.venueId,
      venueMspId: venues.get(claim.venueId)?.mspId,
    }),
  },
];

/** Whether a reader may see a record of a kind (the chaincode's own read rule). Never throws. */
export function mayExport(reader: Reader, kind: RecordKind, record: unknown, lookups: Lookups): boolean {
  return mayRead(reader, kind.facts(record as never, lookups));
}
