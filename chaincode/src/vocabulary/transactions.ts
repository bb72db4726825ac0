import type { z } from 'zod';
import {
  claimIdRequest,
  listClaimsRequest,
  recordPaymentRequest,
  rejectClaimRequest,
  submitClaimRequest,
} from './claim-requests';
import { addQrKeyRequest, retireQrKeyRequest, setConfigRequest } from './config-requests';
import { createOfferRequest, offerIdRequest, updateOfferRequest } from './offer-requests';
import {
  blockPassRequest,
  grantVoucherRequest,
  issuePassRequest,
  issuePassesRequest,
  passIdRequest,
  renewPassRequest,
  replacePassRequest,
} from './pass-requests';
import {
  listRedemptionsByPassRequest,
  listRedemptionsByVenueRequest,
  redeemRequest,
  redemptionIdRequest,
  reverseRequest,
  scanRequest,
} from './redemption-requests';
import {
  bookByNumberRequest,
  registerVenueRequest,
  suspendVenueRequest,
  updateVenueRequest,
  venueIdRequest,
} from './venue-requests';
import type {
  BookByNumberRecord,
  ClaimRecord,
  ConfigRecord,
  HistoryEntry,
  HolderRecord,
  OfferRecord,
  Page,
  PassRecord,
  PassView,
  QrKeyRecord,
  RedemptionRecord,
  ScanView,
  VenueRecord,
  VoucherView,
} from './records';
import type {
  HolderAck,
  RecordHolderResponse,
  RecordHoldersResponse,
  RedeemResponse,
  ReplacePassResponse,
} from './responses';

/** No argument. */
export type NoRequest = undefined;

/**
 * Every transaction: name -> request type, response type and whether it is submitted (writes) or
 * evaluated (reads). Each takes its request as one JSON string argument (reads without a request
 * take none) and returns a JSON string of the response.
 */
export interface TransactionMap {
  'config:SetConfig': { request: z.input<typeof setConfigRequest>; response: ConfigRecord; submit: true };
  'config:GetConfig': { request: NoRequest; response: ConfigRecord; submit: false };
  'config:AddQrKey': { request: z.input<typeof addQrKeyRequest>; response: QrKeyRecord; submit: true };
  'config:RetireQrKey': { request: z.input<typeof retireQrKeyRequest>; response: QrKeyRecord; submit: true };
  'config:ListQrKeys': { request: NoRequest; response: QrKeyRecord[]; submit: false };

  'venues:RegisterVenue': {
    request: z.input<typeof registerVenueRequest>;
    response: VenueRecord;
    submit: true;
  };
  'venues:UpdateVenue': { request: z.input<typeof updateVenueRequest>; response: VenueRecord; submit: true };
  'venues:SuspendVenue': {
    request: z.input<typeof suspendVenueRequest>;
    response: VenueRecord;
    submit: true;
  };
  'venues:ReinstateVenue': { request: z.input<typeof venueIdRequest>; response: VenueRecord; submit: true };
  'venues:GetVenue': { request: z.input<typeof venueIdRequest>; response: VenueRecord; submit: false };
  'venues:GrantBookByNumber': {
    request: z.input<typeof bookByNumberRequest>;
    response: BookByNumberRecord;
    submit: true;
  };
  'venues:RevokeBookByNumber': {
    request: z.input<typeof bookByNumberRequest>;
    response: BookByNumberRecord;
    submit: true;
  };
  'venues:ListVenues': { request: NoRequest; response: VenueRecord[]; submit: false };

  'offers:CreateOffer': { request: z.input<typeof createOfferRequest>; response: OfferRecord; submit: true };
  'offers:UpdateOffer': { request: z.input<typeof updateOfferRequest>; response: OfferRecord; submit: true };
  'offers:RetireOffer': { request: z.input<typeof offerIdRequest>; response: OfferRecord; submit: true };
  'offers:GetOffer': { request: z.input<typeof offerIdRequest>; response: OfferRecord; submit: false };
  'offers:ListOffers': { request: NoRequest; response: OfferRecord[]; submit: false };
  'offers:GetOfferHistory': {
    request: z.input<typeof offerIdRequest>;
    response: OfferRecord[];
    submit: false;
  };

  'passes:IssuePass': { request: z.input<typeof issuePassRequest>; response: PassRecord; submit: true };
  'passes:IssuePasses': {
    request: z.input<typeof issuePassesRequest>;
    response: { issued: number; passIds: string[] };
    submit: true;
  };
  'passes:BlockPass': { request: z.input<typeof blockPassRequest>; response: PassRecord; submit: true };
  'passes:UnblockPass': { request: z.input<typeof passIdRequest>; response: PassRecord; submit: true };
  'passes:ReplacePass': {
    request: z.input<typeof replacePassRequest>;
    response: ReplacePassResponse;
    submit: true;
  };
  'passes:RenewPass': { request: z.input<typeof renewPassRequest>; response: PassRecord; submit: true };
  'passes:GetPass': { request: z.input<typeof passIdRequest>; response: PassView; submit: false };
  'passes:GetPassHistory': {
    request: z.input<typeof passIdRequest>;
    response: HistoryEntry<PassRecord>[];
    submit: false;
  };
  /** Argument: none; the personal data travels in the transient map under `holder`. */
  'passes:RecordHolder': { request: NoRequest; response: RecordHolderResponse; submit: true };
  /** Argument: none; a list of holders travels in the transient map under `holders`. */
  'passes:RecordHolders': { request: NoRequest; response: RecordHoldersResponse; submit: true };
  'passes:GetHolder': { request: z.input<typeof passIdRequest>; response: HolderRecord; submit: false };
  'passes:PurgeHolder': { request: z.input<typeof passIdRequest>; response: HolderAck; submit: true };

  'vouchers:GrantVoucher': {
    request: z.input<typeof grantVoucherRequest>;
    response: VoucherView;
    submit: true;
  };
  'vouchers:ListVouchers': { request: z.input<typeof passIdRequest>; response: VoucherView[]; submit: false };

  'redemptions:Scan': { request: z.input<typeof scanRequest>; response: ScanView; submit: false };
  'redemptions:Redeem': { request: z.input<typeof redeemRequest>; response: RedeemResponse; submit: true };
  'redemptions:Reverse': { request: z.input<typeof reverseRequest>; response: RedeemResponse; submit: true };
  'redemptions:GetRedemption': {
    request: z.input<typeof redemptionIdRequest>;
    response: RedemptionRecord;
    submit: false;
  };
  'redemptions:ListRedemptionsByPass': {
    request: z.input<typeof listRedemptionsByPassRequest>;
    response: Page<RedemptionRecord>;
    submit: false;
  };
  'redemptions:ListRedemptionsByVenue': {
    request: z.input<typeof listRedemptionsByVenueRequest>;
    response: Page<RedemptionRecord>;
    submit: false;
  };

  'claims:SubmitClaim': { request: z.input<typeof submitClaimRequest>; response: ClaimRecord; submit: true };
  'claims:ApproveClaim': { request: z.input<typeof claimIdRequest>; response: ClaimRecord; submit: true };
  'claims:RejectClaim': { request: z.input<typeof rejectClaimRequest>; response: ClaimRecord; submit: true };
  'claims:RecordPayment': {
    request: z.input<typeof recordPaymentRequest>;
    response: ClaimRecord;
    submit: true;
  };
  'claims:GetClaim': { request: z.input<typeof claimIdRequest>; response: ClaimRecord; submit: false };
  'claims:ListClaims': {
    request: z.input<typeof listClaimsRequest>;
    response: Page<ClaimRecord>;
    submit: false;
  };
}

/** A transaction name, `<contract>:<Function>`. */
export type TransactionName = keyof TransactionMap;
export type RequestOf<T extends TransactionName> = TransactionMap[T]['request'];
export type ResponseOf<T extends TransactionName> = TransactionMap[T]['response'];

/** The schema of a transaction's request: parses what `RequestOf` describes; none for no argument. */
export type RequestSchemaOf<T extends TransactionName> =
  RequestOf<T> extends NoRequest ? undefined : z.ZodType<unknown, RequestOf<T>>;

/**
 * Every transaction: whether it is submitted (`true`) or evaluated (`false`), and the schema it
 * parses its request with (the one that yields its request type), so a client can check a request,
 * or its documentation, against exactly what the chaincode accepts.
 */
export const TRANSACTIONS: {
  readonly [T in TransactionName]: {
    readonly submit: TransactionMap[T]['submit'];
    readonly request: RequestSchemaOf<T>;
  };
} = {
  'config:SetConfig': { submit: true, request: setConfigRequest },
  'config:GetConfig': { submit: false, request: undefined },
  'config:AddQrKey': { submit: true, request: addQrKeyRequest },
  'config:RetireQrKey': { submit: true, request: retireQrKeyRequest },
  'config:ListQrKeys': { submit: false, request: undefined },
  'venues:RegisterVenue': { submit: true, request: registerVenueRequest },
  'venues:UpdateVenue': { submit: true, request: updateVenueRequest },
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
  'passes:BlockPass': { submit: true, request: blockPassRequest },
  'passes:UnblockPass': { submit: true, request: passIdRequest },
  'passes:ReplacePass': { submit: true, request: replacePassRequest },
  'passes:RenewPass': { submit: true, request: renewPassRequest },
  'passes:GetPass': { submit: false, request: passIdRequest },
  'passes:GetPassHistory': { submit: false, request: passIdRequest },
  'passes:RecordHolder': { submit: true, request: undefined },
  'passes:RecordHolders': { submit: true, request: undefined },
  'passes:GetHolder': { submit: false, request: passIdRequest },
  'passes:PurgeHolder': { submit: true, request: passIdRequest },
  'vouchers:GrantVoucher': { submit: true, request: grantVoucherRequest },
  'vouchers:ListVouchers': { submit: false, request: passIdRequest },
  'redemptions:Scan': { submit: false, request: scanRequest },
  'redemptions:Redeem': { submit: true, request: redeemRequest },
  'redemptions:Reverse': { submit: true, request: reverseRequest },
  'redemptions:GetRedemption': { submit: false, request: redemptionIdRequest },
  'redemptions:ListRedemptionsByPass': { submit: false, request: listRedemptionsByPassRequest },
  'redemptions:ListRedemptionsByVenue': { submit: false, request: listRedemptionsByVenueRequest },
  'claims:SubmitClaim': { submit: true, request: submitClaimRequest },
  'claims:ApproveClaim': { submit: true, request: claimIdRequest },
  'claims:RejectClaim': { submit: true, request: rejectClaimRequest },
  'claims:RecordPayment': { submit: true, request: recordPaymentRequest },
  'claims:GetClaim': { submit: false, request: claimIdRequest },
  'claims:ListClaims': { submit: false, request: listClaimsRequest },
};
