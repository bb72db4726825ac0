import type {
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
  VenueRecord,
  VoucherView,
} from './records';
import type {
  AddQrKeyRequest,
  BlockPassRequest,
  ClaimIdRequest,
  CreateOfferRequest,
  GrantVoucherRequest,
  IssuePassesRequest,
  IssuePassRequest,
  ListClaimsRequest,
  ListRedemptionsByPassRequest,
  ListRedemptionsByVenueRequest,
  OfferIdRequest,
  PassIdRequest,
  RecordPaymentRequest,
  RedeemRequest,
  RedemptionIdRequest,
  RegisterVenueRequest,
  RejectClaimRequest,
  RenewPassRequest,
  ReplacePassRequest,
  RetireQrKeyRequest,
  ReverseRequest,
  SetConfigRequest,
  SubmitClaimRequest,
  SuspendVenueRequest,
  UpdateOfferRequest,
  UpdateVenueRequest,
  VenueIdRequest,
} from './requests';

/** No argument. */
export type NoRequest = undefined;

/**
 * The response of `passes:PurgeHolder`: never echoes personal data. `holderRef` is absent when the
 * holder was recorded for a pass that was never issued.
 */
export interface HolderAck {
  passId: string;
  holderRef?: string;
}

/** The response of `passes:RecordHolder`: the pass the holder awaits (not yet issued). */
export interface RecordHolderResponse {
  passId: string;
}

/** The response of `passes:RecordHolders`. */
export interface RecordHoldersResponse {
  recorded: number;
  passIds: string[];
}

/** The response of `redemptions:Redeem` and `redemptions:Reverse`. */
export interface RedeemResponse {
  redemption: RedemptionRecord;
  /** `true` when the request id was seen before with the same content: nothing was booked now. */
  replayed: boolean;
  /** The balance of the voucher after the booking (absent for discount offers). */
  remaining?: number;
}

/** The response of `passes:ReplacePass`. */
export interface ReplacePassResponse {
  oldPass: PassRecord;
  newPass: PassRecord;
  movedVouchers: number;
}

/**
 * Every transaction: name -> request type, response type and whether it is submitted (writes) or
 * evaluated (reads). Each takes its request as one JSON string argument (reads without a request
 * take none) and returns a JSON string of the response.
 */
export interface TransactionMap {
  'config:SetConfig': { request: SetConfigRequest; response: ConfigRecord; submit: true };
  'config:GetConfig': { request: NoRequest; response: ConfigRecord; submit: false };
  'config:AddQrKey': { request: AddQrKeyRequest; response: QrKeyRecord; submit: true };
  'config:RetireQrKey': { request: RetireQrKeyRequest; response: QrKeyRecord; submit: true };
  'config:ListQrKeys': { request: NoRequest; response: QrKeyRecord[]; submit: false };

  'venues:RegisterVenue': { request: RegisterVenueRequest; response: VenueRecord; submit: true };
  'venues:UpdateVenue': { request: UpdateVenueRequest; response: VenueRecord; submit: true };
  'venues:SuspendVenue': { request: SuspendVenueRequest; response: VenueRecord; submit: true };
  'venues:ReinstateVenue': { request: VenueIdRequest; response: VenueRecord; submit: true };
  'venues:GetVenue': { request: VenueIdRequest; response: VenueRecord; submit: false };
  'venues:ListVenues': { request: NoRequest; response: VenueRecord[]; submit: false };

  'offers:CreateOffer': { request: CreateOfferRequest; response: OfferRecord; submit: true };
  'offers:UpdateOffer': { request: UpdateOfferRequest; response: OfferRecord; submit: true };
  'offers:RetireOffer': { request: OfferIdRequest; response: OfferRecord; submit: true };
  'offers:GetOffer': { request: OfferIdRequest; response: OfferRecord; submit: false };
  'offers:ListOffers': { request: NoRequest; response: OfferRecord[]; submit: false };
  'offers:GetOfferHistory': { request: OfferIdRequest; response: OfferRecord[]; submit: false };

  'passes:IssuePass': { request: IssuePassRequest; response: PassRecord; submit: true };
  'passes:IssuePasses': {
    request: IssuePassesRequest;
    response: { issued: number; passIds: string[] };
    submit: true;
  };
  'passes:BlockPass': { request: BlockPassRequest; response: PassRecord; submit: true };
  'passes:UnblockPass': { request: PassIdRequest; response: PassRecord; submit: true };
  'passes:ReplacePass': { request: ReplacePassRequest; response: ReplacePassResponse; submit: true };
  'passes:RenewPass': { request: RenewPassRequest; response: PassRecord; submit: true };
  'passes:GetPass': { request: PassIdRequest; response: PassView; submit: false };
  'passes:GetPassHistory': { request: PassIdRequest; response: HistoryEntry<PassRecord>[]; submit: false };
  /** Argument: none; the personal data travels in the transient map under `holder`. */
  'passes:RecordHolder': { request: NoRequest; response: RecordHolderResponse; submit: true };
  /** Argument: none; a list of holders travels in the transient map under `holders`. */
  'passes:RecordHolders': { request: NoRequest; response: RecordHoldersResponse; submit: true };
  'passes:GetHolder': { request: PassIdRequest; response: HolderRecord; submit: false };
  'passes:PurgeHolder': { request: PassIdRequest; response: HolderAck; submit: true };

  'vouchers:GrantVoucher': { request: GrantVoucherRequest; response: VoucherView; submit: true };
  'vouchers:ListVouchers': { request: PassIdRequest; response: VoucherView[]; submit: false };

  'redemptions:Redeem': { request: RedeemRequest; response: RedeemResponse; submit: true };
  'redemptions:Reverse': { request: ReverseRequest; response: RedeemResponse; submit: true };
  'redemptions:GetRedemption': { request: RedemptionIdRequest; response: RedemptionRecord; submit: false };
  'redemptions:ListRedemptionsByPass': {
    request: ListRedemptionsByPassRequest;
    response: Page<RedemptionRecord>;
    submit: false;
  };
  'redemptions:ListRedemptionsByVenue': {
    request: ListRedemptionsByVenueRequest;
    response: Page<RedemptionRecord>;
    submit: false;
  };

  'claims:SubmitClaim': { request: SubmitClaimRequest; response: ClaimRecord; submit: true };
  'claims:ApproveClaim': { request: ClaimIdRequest; response: ClaimRecord; submit: true };
  'claims:RejectClaim': { request: RejectClaimRequest; response: ClaimRecord; submit: true };
  'claims:RecordPayment': { request: RecordPaymentRequest; response: ClaimRecord; submit: true };
  'claims:GetClaim': { request: ClaimIdRequest; response: ClaimRecord; submit: false };
  'claims:ListClaims': { request: ListClaimsRequest; response: Page<ClaimRecord>; submit: false };
}

/** A transaction name, `<contract>:<Function>`. */
export type TransactionName = keyof TransactionMap;
export type RequestOf<T extends TransactionName> = TransactionMap[T]['request'];
export type ResponseOf<T extends TransactionName> = TransactionMap[T]['response'];

/** Every transaction name with whether it is submitted (`true`) or evaluated (`false`). */
export const TRANSACTIONS: { readonly [T in TransactionName]: TransactionMap[T]['submit'] } = {
  'config:SetConfig': true,
  'config:GetConfig': false,
  'config:AddQrKey': true,
  'config:RetireQrKey': true,
  'config:ListQrKeys': false,
  'venues:RegisterVenue': true,
  'venues:UpdateVenue': true,
  'venues:SuspendVenue': true,
  'venues:ReinstateVenue': true,
  'venues:GetVenue': false,
  'venues:ListVenues': false,
  'offers:CreateOffer': true,
  'offers:UpdateOffer': true,
  'offers:RetireOffer': true,
  'offers:GetOffer': false,
  'offers:ListOffers': false,
  'offers:GetOfferHistory': false,
  'passes:IssuePass': true,
  'passes:IssuePasses': true,
  'passes:BlockPass': true,
  'passes:UnblockPass': true,
  'passes:ReplacePass': true,
  'passes:RenewPass': true,
  'passes:GetPass': false,
  'passes:GetPassHistory': false,
  'passes:RecordHolder': true,
  'passes:RecordHolders': true,
  'passes:GetHolder': false,
  'passes:PurgeHolder': true,
  'vouchers:GrantVoucher': true,
  'vouchers:ListVouchers': false,
  'redemptions:Redeem': true,
  'redemptions:Reverse': true,
  'redemptions:GetRedemption': false,
  'redemptions:ListRedemptionsByPass': false,
  'redemptions:ListRedemptionsByVenue': false,
  'claims:SubmitClaim': true,
  'claims:ApproveClaim': true,
  'claims:RejectClaim': true,
  'claims:RecordPayment': true,
  'claims:GetClaim': false,
  'claims:ListClaims': false,
};
