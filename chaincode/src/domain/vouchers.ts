import { accessOf, isMemberOf, isMunicipality } from '../access/roles';
import { fail } from '../errors';
import { nowOf } from '../ledger/clock';
import type { TxContext } from '../ledger/context';
import { emit } from '../ledger/events';
import { KeyType, keys, type KeyParts } from '../ledger/keys';
import { readRecord, scan, writeRecord } from '../ledger/store';
import {
  amountPerPeriod,
  rulesOf,
  type GrantVoucherRequest,
  type OfferRecord,
  type PassIdRequest,
  type PassRecord,
  type VoucherRecord,
  type VoucherView,
} from '../vocabulary';
import { loadConfig } from './config';
import { fingerprintOf, sameFingerprint } from './idempotency';
import { fundedVouchers, requirePassDataReader } from './funder-reader';
import { getOffer, isOfferValidAt, listOffers, requireTakesPass, takesPass } from './offers';
import { getPassRecord } from './passes';
import { periodKeyAt, requirePeriodKey } from './period';

/** What an organisation's grant request id is bound to: the grant's content and the voucher it left. */
interface GrantRequestRecord {
  fingerprint: string;
  view: VoucherView;
}

/**
 * The voucher an earlier grant under the same request id left, or undefined for a new request id.
 *
 * @throws {ChaincodeError} IDEMPOTENCY_MISMATCH when the id was used with other content.
 */
async function earlierGrant(
  ctx: TxContext,
  requestKey: KeyParts,
  fingerprint: string,
): Promise<VoucherView | undefined> {
  const seen = await readRecord<GrantRequestRecord>(ctx, requestKey);
  if (seen !== undefined && !sameFingerprint(seen.fingerprint, fingerprint)) {
    fail(
      'IDEMPOTENCY_MISMATCH',
      `grant request ${requestKey.attributes[1] ?? ''} was used before with other content`,
    );
  }
  return seen?.view;
}

/**
 * What the offer's rule grants this pass each period: the offer amount when the offer takes the pass (its
 * category and its municipality) and grants by rule; a discount offer's budget always does.
 */
export function ruleGrant(offer: OfferRecord, pass: PassRecord): number {
  return (offer.grantByRule || !rulesOf(offer.kind).granted) && takesPass(offer, pass)
    ? amountPerPeriod(offer)
    : 0;
}

/** The stored voucher of (pass, offer, period), or an empty one: nothing is written in advance. */
export async function loadVoucher(
  ctx: TxContext,
  passId: string,
  offerId: string,
  periodKey: string,
): Promise<VoucherRecord> {
  const stored = await readRecord<VoucherRecord>(ctx, keys.voucher(passId, offerId, periodKey));
  return stored ?? { passId, offerId, periodKey, granted: 0, used: 0 };
}

/** Writes a voucher record. */
export async function saveVoucher(ctx: TxContext, voucher: VoucherRecord): Promise<void> {
  await writeRecord(ctx, keys.voucher(voucher.passId, voucher.offerId, voucher.periodKey), voucher);
}

/** A voucher with its rule grant and remaining balance (never below zero). */
export function voucherView(offer: OfferRecord, pass: PassRecord, voucher: VoucherRecord): VoucherView {
  const byRule = ruleGrant(offer, pass);
  return {
    ...voucher,
    offerName: offer.name,
    kind: offer.kind,
    unit: rulesOf(offer.kind).unit,
    byRule,
    remaining: Math.max(0, byRule + voucher.granted - voucher.used),
  };
}

/**
 * A pass's vouchers: every stored one (any period) plus the rule vouchers of the current period of
 * offers valid now. Discount offers have no balance and no voucher.
 */
export async function voucherViewsOf(ctx: TxContext, pass: PassRecord): Promise<VoucherView[]> {
  const at = nowOf(ctx);
  const periodKey = periodKeyAt(at, (await loadConfig(ctx)).passYearStart);
  const offers = new Map((await listOffers(ctx)).map((offer) => [offer.offerId, offer]));
  const stored = (await scan<VoucherRecord>(ctx, KeyType.voucher, [pass.passId])).map((entry) => entry.value);
  const views = stored.flatMap((voucher) => {
    const offer = offers.get(voucher.offerId);
    return offer === undefined ? [] : [voucherView(offer, pass, voucher)];
  });
  for (const offer of offers.values()) {
    const alreadyListed = views.some(
      (view) => view.offerId === offer.offerId && view.periodKey === periodKey,
    );
    // A replaced card holds nothing: its vouchers moved to the replacement.
    if (
      !alreadyListed &&
      pass.status !== 'replaced' &&
      ruleGrant(offer, pass) > 0 &&
      isOfferValidAt(offer, at)
    ) {
      views.push(
        voucherView(offer, pass, {
          passId: pass.passId,
          offerId: offer.offerId,
          periodKey,
          granted: 0,
          used: 0,
        }),
      );
    }
  }
  return views;
}

/**
 * Lists a pass's vouchers with remaining balances: all of them for the municipality that issued it, those of the
 * offers it funds for a funder.
 *
 * @throws {ChaincodeError} FORBIDDEN for a venue (it scans the card instead), for an organisation that funds no
 * offer, and for a funder when the pass carries no voucher of its offers; NOT_FOUND for an unknown pass.
 */
export async function listVouchers(ctx: TxContext, request: PassIdRequest): Promise<VoucherView[]> {
  const pass = await getPassRecord(ctx, request.passId);
  const reader = await requirePassDataReader(ctx, pass);
  const vouchers = await voucherViewsOf(ctx, pass);
  return reader.kind === 'municipality' ? vouchers : fundedVouchers(reader, request.passId, vouchers);
}

/**
 * Grants a pass an amount of an offer for a period (default: the current one), on top of the rule. The granting
 * organisation's request id makes a retry safe: the same request again returns the first grant's voucher and
 * grants nothing.
 *
 * @throws {ChaincodeError} FORBIDDEN unless the pass's municipality or the offer's funder; NOT_FOUND for an
 * unknown pass or offer; PASS_BLOCKED / PASS_NOT_ACTIVE unless the pass is active; OFFER_NOT_VALID
 * for a retired or discount offer; CATEGORY_NOT_ELIGIBLE for a pass outside the offer's categories;
 * ISSUER_NOT_ELIGIBLE for a pass of a municipality whose passes the offer does not take;
 * INVALID_ARGUMENT for a period key of the wrong shape; IDEMPOTENCY_MISMATCH for a request id used before with other
 * content.
 */
export async function grantVoucher(ctx: TxContext, request: GrantVoucherRequest): Promise<VoucherView> {
  const offer = await getOffer(ctx, request.offerId);
  const pass = await getPassRecord(ctx, request.passId);
  const access = await accessOf(ctx);
  const issuer = isMunicipality(access) && access.caller.mspId === pass.municipalityMspId;
  if (!issuer && !isMemberOf(access, offer.funderMspId)) {
    fail('FORBIDDEN', "only the pass's municipality or the offer's funder may grant vouchers");
  }
  const { requestId, ...content } = request;
  const requestKey = keys.grantRequest(access.caller.mspId, requestId);
  const fingerprint = fingerprintOf('grant', content);
  const earlier = await earlierGrant(ctx, requestKey, fingerprint);
  if (earlier !== undefined) {
    return earlier;
  }
  if (pass.status !== 'active') {
    fail(
      pass.status === 'blocked' ? 'PASS_BLOCKED' : 'PASS_NOT_ACTIVE',
      `pass ${pass.passId} is ${pass.status}`,
    );
  }
  if (offer.status !== 'active' || !rulesOf(offer.kind).granted) {
    fail('OFFER_NOT_VALID', `offer ${offer.offerId} is ${offer.status} ${offer.kind}: nothing to grant`);
  }
  requireTakesPass(offer, pass);
  const at = nowOf(ctx);
  const { passYearStart } = await loadConfig(ctx);
  const periodKey = requirePeriodKey(request.periodKey ?? periodKeyAt(at, passYearStart), passYearStart);
  const voucher = await loadVoucher(ctx, pass.passId, offer.offerId, periodKey);
  const granted = { ...voucher, granted: voucher.granted + request.amount };
  await saveVoucher(ctx, granted);
  const view = voucherView(offer, pass, granted);
  await writeRecord(ctx, requestKey, { fingerprint, view } satisfies GrantRequestRecord);
  emit(ctx, 'VoucherGranted', {
    passId: pass.passId,
    municipalityMspId: pass.municipalityMspId,
    offerId: offer.offerId,
    funderMspId: offer.funderMspId,
    periodKey,
    amount: request.amount,
    remaining: view.remaining,
    at,
  });
  return view;
}
