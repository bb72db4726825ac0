import type { z } from 'zod';
import {
  claimIdRequest,
  listClaimsRequest,
  recordPaymentRequest,
  rejectClaimRequest,
  submitClaimRequest,
} from './claim-requests';
import {
  addQrKeyRequest,
  listStateDigestsRequest,
  retireQrKeyRequest,
  setConfigRequest,
  setDiscountNormRequest,
} from './config-requests';
import { issueLinkLetterRequest, linkDeviceRequest, unlinkDeviceRequest } from './device-requests';
import type {
  CardBlockRecord,
  DeviceRecord,
  HolderPassView,
  LinkedDeviceView,
  LinkLetterRecord,
} from './device-records';
import { createOfferRequest, offerIdRequest, updateOfferRequest } from './offer-requests';
import {
  blockPassRequest,
  grantVoucherRequest,
  issuePassRequest,
  importPassesRequest,
  issuePassesRequest,
  passIdRequest,
  renewPassRequest,
  replacePassRequest,
} from './pass-requests';
import {
  listRedemptionsByPassRequest,
  redeemRequest,
  redemptionIdRequest,
  reverseRequest,
} from './redemption-requests';
import { proposeSchemeChangeRequest, schemeProposalIdRequest, setUpSchemeRequest } from './scheme-requests';
import {
  bookByNumberRequest,
  registerVenueRequest,
  suspendVenueRequest,
  setBankAccountRequest,
  updateVenueRequest,
  venueIdRequest,
} from './venue-requests';
import type {
  BookByNumberRecord,
  ClaimRecord,
  ConfigRecord,
  DiscountNormRecord,
  FundedPassView,
  HistoryEntry,
  HolderRecord,
  OfferRecord,
  Page,
  PassRecord,
  PassView,
  QrKeyRecord,
  RedemptionRecord,
  ScanView,
  SchemeProposalRecord,
  SchemeRecord,
  StateDigest,
  VenueRecord,
  VoucherView,
} from './records';
import type {
  CardNumberPass,
  HolderAck,
  RecordHolderResponse,
  RecordHoldersResponse,
  RedeemResponse,
  ReplacePassResponse,
} from './responses';

/** No argument. */
export type NoRequest = undefined;

/** What the TRANSACTIONS table holds of each transaction. */
interface TransactionSpec {
  /** Submitted (writes, `true`) or evaluated (reads, `false`). */
  readonly submit: boolean;
  /** The schema the chaincode parses its one JSON string argument with; none when it takes no argument. */
  readonly request: z.ZodType | undefined;
}

/**
 * Every transaction: whether it is submitted (`true`) or evaluated (`false`), and the schema it parses its
 * request with (the one that yields its request type), so a client can check a request, or its
 * documentation, against exactly what the chaincode accepts. Each returns a JSON string of its response.
 */
export const TRANSACTIONS = {
  'scheme:SetUp': { submit: true, request: setUpSchemeRequest },
  'scheme:GetScheme': { submit: false, request: undefined },
  'scheme:ProposeChange': { submit: true, request: proposeSchemeChangeRequest },
  'scheme:ApproveChange': { submit: true, request: schemeProposalIdRequest },
  'scheme:GetProposal': { submit: false, request: schemeProposalIdRequest },
  'config:SetConfig': { submit: true, request: setConfigRequest },
  'config:GetConfig': { submit: false, request: undefined },
  'config:AddQrKey': { submit: true, request: addQrKeyRequest },
  'config:RetireQrKey': { submit: true, request: retireQrKeyRequest },
  'config:ListQrKeys': { submit: false, request: undefined },
  'config:ListStateDigests': { submit: false, request: listStateDigestsRequest },
  'config:SetDiscountNorm': { submit: true, request: setDiscountNormRequest },
  'venues:RegisterVenue': { submit: true, request: registerVenueRequest },
  'venues:UpdateVenue': { submit: true, request: updateVenueRequest },
  'venues:SetBankAccount': { submit: true, request: setBankAccountRequest },
  'venues:SuspendVenue': { submit: true, request: suspendVenueRequest },
  'venues:ReinstateVenue': { submit: true, request: venueIdRequest },
  'venues:GetVenue': { submit: false, request: venueIdRequest },
  'venues:GrantBookByNumber': { submit: true, request: bookByNumberRequest },
  'venues:RevokeBookByNumber': { submit: true, request: bookByNumberRequest },
  'venues:ListVenues': { submit: false, request: undefined },
  'offers:CreateOffer': { submit: true, request: createOfferRequest },
  'offers:UpdateOffer': { submit: true, request: updateOfferRequest },
  'offers:RetireOffer': { submit: true, request: offerIdRequest },
  'offers:GetOffer': { submit: false, request: offerIdRequest },
  'offers:ListOffers': { submit: false, request: undefined },
  'offers:GetOfferHistory': { submit: false, request: offerIdRequest },
  'passes:IssuePass': { submit: true, request: issuePassRequest },
  'passes:IssuePasses': { submit: true, request: issuePassesRequest },
  'passes:ImportPasses': { submit: true, request: importPassesRequest },
  'passes:BlockPass': { submit: true, request: blockPassRequest },
  'passes:UnblockPass': { submit: true, request: passIdRequest },
  'passes:ReplacePass': { submit: true, request: replacePassRequest },
  'passes:RenewPass': { submit: true, request: renewPassRequest },
  'passes:GetPass': { submit: false, request: passIdRequest },
  'passes:GetPassHistory': { submit: false, request: passIdRequest },
  /** Argument: none; the personal data travels in the transient map under `holder`. */
  'passes:RecordHolder': { submit: true, request: undefined },
  /** Argument: none; a list of holders travels in the transient map under `holders`. */
  'passes:RecordHolders': { submit: true, request: undefined },
  'passes:GetHolder': { submit: false, request: passIdRequest },
  /** Argument: none; the card number travels in the transient map under `cardNumber`. */
  'passes:FindPassByCardNumber': { submit: false, request: undefined },
  'passes:PurgeHolder': { submit: true, request: passIdRequest },
  'devices:IssueLinkLetter': { submit: true, request: issueLinkLetterRequest },
  // The printed card and the link code travel in the transient map.
  'devices:LinkDevice': { submit: true, request: linkDeviceRequest },
  'devices:UnlinkDevice': { submit: true, request: unlinkDeviceRequest },
  'devices:BlockCard': { submit: true, request: passIdRequest },
  'devices:ListDevices': { submit: false, request: passIdRequest },
  // The holder's signed request, or a code, travels in the transient map.
  'devices:HolderPass': { submit: false, request: undefined },
  'vouchers:GrantVoucher': { submit: true, request: grantVoucherRequest },
  'vouchers:ListVouchers': { submit: false, request: passIdRequest },
  /** Argument: none; the card's QR payload travels in the transient map under `card`. */
  'redemptions:Scan': { submit: false, request: undefined },
  /** A booking by card carries the card's QR payload in the transient map under `card`. */
  'redemptions:Redeem': { submit: true, request: redeemRequest },
  'redemptions:Reverse': { submit: true, request: reverseRequest },
  'redemptions:GetRedemption': { submit: false, request: redemptionIdRequest },
  'redemptions:ListRedemptionsByPass': { submit: false, request: listRedemptionsByPassRequest },
  'claims:SubmitClaim': { submit: true, request: submitClaimRequest },
  'claims:ApproveClaim': { submit: true, request: claimIdRequest },
  'claims:RejectClaim': { submit: true, request: rejectClaimRequest },
  'claims:RecordPayment': { submit: true, request: recordPaymentRequest },
  'claims:IndexClaimLines': { submit: true, request: venueIdRequest },
  'claims:GetClaim': { submit: false, request: claimIdRequest },
  'claims:ListClaims': { submit: false, request: listClaimsRequest },
} as const satisfies Readonly<Record<string, TransactionSpec>>;

/** A transaction name, `<contract>:<Function>`. */
export type TransactionName = keyof typeof TRANSACTIONS;

/** What each transaction answers with (as JSON); a transaction missing here does not compile. */
interface Responses {
  'scheme:SetUp': SchemeRecord;
  'scheme:GetScheme': SchemeRecord;
  'scheme:ProposeChange': SchemeProposalRecord;
  'scheme:ApproveChange': SchemeProposalRecord;
  'scheme:GetProposal': SchemeProposalRecord;
  'config:SetConfig': ConfigRecord;
  'config:GetConfig': ConfigRecord;
  'config:AddQrKey': QrKeyRecord;
  'config:RetireQrKey': QrKeyRecord;
  'config:ListQrKeys': QrKeyRecord[];
  'config:ListStateDigests': Page<StateDigest>;
  'config:SetDiscountNorm': DiscountNormRecord;
  'venues:RegisterVenue': VenueRecord;
  'venues:UpdateVenue': VenueRecord;
  'venues:SetBankAccount': VenueRecord;
  'venues:SuspendVenue': VenueRecord;
  'venues:ReinstateVenue': VenueRecord;
  'venues:GetVenue': VenueRecord;
  'venues:GrantBookByNumber': BookByNumberRecord;
  'venues:RevokeBookByNumber': BookByNumberRecord;
  'venues:ListVenues': VenueRecord[];
  'offers:CreateOffer': OfferRecord;
  'offers:UpdateOffer': OfferRecord;
  'offers:RetireOffer': OfferRecord;
  'offers:GetOffer': OfferRecord;
  'offers:ListOffers': OfferRecord[];
  'offers:GetOfferHistory': OfferRecord[];
  'passes:IssuePass': PassRecord;
  'passes:IssuePasses': { issued: number; passIds: string[] };
  'passes:ImportPasses': { imported: number; passIds: string[]; openingBalances: number };
  'passes:BlockPass': PassRecord;
  'passes:UnblockPass': PassRecord;
  'passes:ReplacePass': ReplacePassResponse;
  'passes:RenewPass': PassRecord;
  /** The whole pass for the municipality; a funder's view for a funder. */
  'passes:GetPass': PassView | FundedPassView;
  'passes:GetPassHistory': HistoryEntry<PassRecord>[];
  'passes:RecordHolder': RecordHolderResponse;
  'passes:RecordHolders': RecordHoldersResponse;
  'passes:GetHolder': HolderRecord;
  'passes:FindPassByCardNumber': CardNumberPass;
  'passes:PurgeHolder': HolderAck;
  'devices:IssueLinkLetter': LinkLetterRecord;
  'devices:LinkDevice': DeviceRecord;
  'devices:UnlinkDevice': DeviceRecord;
  'devices:BlockCard': CardBlockRecord;
  'devices:ListDevices': LinkedDeviceView[];
  'devices:HolderPass': HolderPassView;
  'vouchers:GrantVoucher': VoucherView;
  'vouchers:ListVouchers': VoucherView[];
  'redemptions:Scan': ScanView;
  'redemptions:Redeem': RedeemResponse;
  'redemptions:Reverse': RedeemResponse;
  'redemptions:GetRedemption': RedemptionRecord;
  'redemptions:ListRedemptionsByPass': Page<RedemptionRecord>;
  'claims:SubmitClaim': ClaimRecord;
  'claims:ApproveClaim': ClaimRecord;
  'claims:RejectClaim': ClaimRecord;
  'claims:RecordPayment': ClaimRecord;
  'claims:IndexClaimLines': VenueRecord;
  'claims:GetClaim': ClaimRecord;
  'claims:ListClaims': Page<ClaimRecord>;
}

/**
 * Every transaction: name -> request type (what its schema accepts), response type and whether it is
 * submitted, all derived from {@link TRANSACTIONS} and the responses, so they cannot disagree.
 */
export type TransactionMap = {
  readonly [T in TransactionName]: {
    request: (typeof TRANSACTIONS)[T]['request'] extends z.ZodType
      ? z.input<(typeof TRANSACTIONS)[T]['request']>
      : NoRequest;
    response: Responses[T];
    submit: (typeof TRANSACTIONS)[T]['submit'];
  };
};
export type RequestOf<T extends TransactionName> = TransactionMap[T]['request'];
export type ResponseOf<T extends TransactionName> = TransactionMap[T]['response'];
