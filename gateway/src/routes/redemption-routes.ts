import { idempotencyKeyOf } from '../http/idempotency-key';
import { defineRoute, type AnyRoute, type RouteResult } from '../http/route-spec';
import { pageOf, redeemResponse, redemptionRecord, scanResult } from '../schemas/response-schemas';
import { emptyBody } from '../schemas/fields';
import {
  listRedemptionsQuery,
  redeemBody,
  redemptionIdParams,
  scanBody,
} from '../schemas/redemption-schemas';
import { redeem } from '../services/redeem';
import { getRedemption, listRedemptions, reverseRedemption } from '../services/redemption-cases';
import { scanPass } from '../services/scan-service';
import type { ServiceDeps } from '../services/service-deps';
import { committed, ok } from './committed';

const tag = 'redemptions';

/** Marks an answer that repeats an earlier booking of the same idempotency key. */
export const replayedHeader = 'Idempotent-Replayed';

function booked(submitted: { result: { replayed: boolean }; transactionId: string }): RouteResult {
  const answer = committed(submitted);
  return { ...answer, headers: { ...answer.headers, [replayedHeader]: String(submitted.result.replayed) } };
}

/** Scanning and booking uses at venues. */
export function redemptionRoutes(deps: ServiceDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/scan',
      tag,
      summary:
        'Verify a scanned card’s QR code and show the pass status and the vouchers this venue may redeem now; the only way a venue sees a pass',
      body: scanBody,
      status: 200,
      response: scanResult,
      handle: async ({ client, body }) => ok(await scanPass(deps, client, body.qr)),
    }),
    defineRoute({
      method: 'post',
      path: '/redemptions',
      tag,
      summary:
        'Book a use with the card’s QR code (venue); by passId only with the municipality’s book-by-number permission; retrying with the same Idempotency-Key returns the same redemption',
      body: redeemBody,
      idempotencyKey: 'required',
      status: 201,
      response: redeemResponse,
      handle: async ({ client, body, req }) =>
        booked(await redeem(deps, client, idempotencyKeyOf(req), body)),
    }),
    defineRoute({
      method: 'post',
      path: '/redemptions/{redemptionId}/reverse',
      tag,
      summary: 'Reverse this venue’s own redemption within the reversal window (venue)',
      params: redemptionIdParams,
      body: emptyBody.optional(),
      idempotencyKey: 'required',
      status: 201,
      response: redeemResponse,
      handle: async ({ client, params, req }) =>
        booked(await reverseRedemption(deps, client, idempotencyKeyOf(req), params.redemptionId)),
    }),
    defineRoute({
      method: 'get',
      path: '/redemptions',
      tag,
      summary:
        'Redemptions of a pass, of an offer, or of a venue in a period (a venue’s own by default); a funder gets only those of the offers it funds; paginated',
      query: listRedemptionsQuery,
      status: 200,
      response: pageOf(redemptionRecord, 'RedemptionPage'),
      forbidden:
        'a venue listing a pass, an offer or another venue; an organisation funding no offer; a funder listing an offer it does not fund',
      handle: async ({ client, query }) => ok(await listRedemptions(deps, client, query)),
    }),
    defineRoute({
      method: 'get',
      path: '/redemptions/{redemptionId}',
      tag,
      summary: 'Get a redemption (its venue, the municipality, its funder)',
      params: redemptionIdParams,
      status: 200,
      response: redemptionRecord,
      forbidden: 'another venue, or a funder reading a redemption of an offer it does not fund',
      handle: async ({ client, params }) => ok(await getRedemption(deps, client, params.redemptionId)),
    }),
  ];
}
