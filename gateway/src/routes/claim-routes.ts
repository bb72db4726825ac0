import { defineRoute, type AnyRoute } from '../http/route-spec';
import { claimRecord, pageOf } from '../schemas/response-schemas';
import {
  claimIdParams,
  listClaimsQuery,
  recordPaymentBody,
  rejectClaimBody,
  submitClaimBody,
} from '../schemas/claim-schemas';
import {
  approveClaim,
  getClaim,
  listClaims,
  recordPayment,
  rejectClaim,
  submitClaim,
} from '../services/claim-cases';
import type { ServiceDeps } from '../services/service-deps';
import { committed, ok } from './committed';

const tag = 'claims';

/** Claims: venues ask to be paid, funders decide, the payer pays. */
export function claimRoutes(deps: ServiceDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/claims',
      tag,
      summary: 'Claim this venue’s unclaimed redemptions of a period (venue)',
      body: submitClaimBody,
      status: 201,
      response: claimRecord,
      handle: async ({ client, body }) => committed(await submitClaim(deps, client, body)),
    }),
    defineRoute({
      method: 'get',
      path: '/claims',
      tag,
      summary: 'List claims (a venue sees its own)',
      query: listClaimsQuery,
      status: 200,
      response: pageOf(claimRecord, 'ClaimPage'),
      handle: async ({ client, query }) => ok(await listClaims(deps, client, query)),
    }),
    defineRoute({
      method: 'get',
      path: '/claims/{claimId}',
      tag,
      summary: 'Get a claim',
      params: claimIdParams,
      status: 200,
      response: claimRecord,
      handle: async ({ client, params }) => ok(await getClaim(deps, client, params.claimId)),
    }),
    defineRoute({
      method: 'post',
      path: '/claims/{claimId}/approve',
      tag,
      summary: 'Approve a claim (its funder)',
      params: claimIdParams,
      status: 200,
      response: claimRecord,
      handle: async ({ client, params }) => committed(await approveClaim(deps, client, params.claimId)),
    }),
    defineRoute({
      method: 'post',
      path: '/claims/{claimId}/reject',
      tag,
      summary: 'Reject a claim (its funder)',
      params: claimIdParams,
      body: rejectClaimBody,
      status: 200,
      response: claimRecord,
      handle: async ({ client, params, body }) =>
        committed(await rejectClaim(deps, client, params.claimId, body.reason)),
    }),
    defineRoute({
      method: 'post',
      path: '/claims/{claimId}/payment',
      tag,
      summary: 'Record the payment of an approved claim (payer)',
      params: claimIdParams,
      body: recordPaymentBody,
      status: 200,
      response: claimRecord,
      handle: async ({ client, params, body }) =>
        committed(await recordPayment(deps, client, { claimId: params.claimId, ...body })),
    }),
  ];
}
