import { defineRoute, type AnyRoute } from '../http/route-spec';
import { bookByNumberRecord, venueRecord } from '../schemas/response-schemas';
import { z } from '../http/zod';
import {
  bankAccountBody,
  bookByNumberBody,
  registerVenueBody,
  suspendVenueBody,
  venueIdParams,
} from '../schemas/venue-schemas';
import type { ServiceDeps } from '../services/service-deps';
import {
  getVenue,
  grantBookByNumber,
  indexClaimLines,
  listVenues,
  registerVenue,
  reinstateVenue,
  revokeBookByNumber,
  setBankAccount,
  suspendVenue,
} from '../services/venue-cases';
import { committed, ok } from './committed';

const tag = 'venues';

/** Venues: the places where passes are used. */
export function venueRoutes(deps: ServiceDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/venues',
      tag,
      summary: 'Register a venue (municipality)',
      body: registerVenueBody,
      status: 201,
      response: venueRecord,
      handle: async ({ client, body }) => committed(await registerVenue(deps, client, body)),
    }),
    defineRoute({
      method: 'get',
      path: '/venues',
      tag,
      summary: 'List venues',
      status: 200,
      response: z.array(venueRecord),
      handle: async ({ client }) => ok(await listVenues(deps, client)),
    }),
    defineRoute({
      method: 'get',
      path: '/venues/{venueId}',
      tag,
      summary: 'Get a venue',
      params: venueIdParams,
      status: 200,
      response: venueRecord,
      handle: async ({ client, params }) => ok(await getVenue(deps, client, params.venueId)),
    }),
    defineRoute({
      method: 'put',
      path: '/venues/{venueId}/bank-account',
      tag,
      summary: 'Set the bank account a venue is paid on (an admin of its organisation)',
      params: venueIdParams,
      body: bankAccountBody,
      status: 200,
      response: venueRecord,
      handle: async ({ client, params, body }) =>
        committed(await setBankAccount(deps, client, { venueId: params.venueId, ...body })),
    }),
    defineRoute({
      method: 'post',
      path: '/venues/{venueId}/suspend',
      tag,
      summary: 'Suspend a venue (municipality)',
      params: venueIdParams,
      body: suspendVenueBody,
      status: 200,
      response: venueRecord,
      handle: async ({ client, params, body }) =>
        committed(await suspendVenue(deps, client, params.venueId, body.reason)),
    }),
    defineRoute({
      method: 'post',
      path: '/venues/{venueId}/reinstate',
      tag,
      summary: 'Reinstate a suspended venue (municipality)',
      params: venueIdParams,
      status: 200,
      response: venueRecord,
      handle: async ({ client, params }) => committed(await reinstateVenue(deps, client, params.venueId)),
    }),
    defineRoute({
      method: 'post',
      path: '/venues/{venueId}/claim-lines',
      tag,
      summary:
        'Put the unclaimed bookings of a venue registered before the claim index into it, once, so its claims read only their period (an admin of its organisation)',
      params: venueIdParams,
      status: 200,
      response: venueRecord,
      handle: async ({ client, params }) => committed(await indexClaimLines(deps, client, params.venueId)),
    }),
    defineRoute({
      method: 'post',
      path: '/venues/{venueId}/book-by-number',
      tag,
      summary: 'Let a venue book by pass number, without the card, giving the reason (municipality admin)',
      params: venueIdParams,
      body: bookByNumberBody,
      status: 200,
      response: bookByNumberRecord,
      handle: async ({ client, params, body }) =>
        committed(await grantBookByNumber(deps, client, params.venueId, body.reason)),
    }),
    defineRoute({
      method: 'post',
      path: '/venues/{venueId}/book-by-number/revoke',
      tag,
      summary: 'End a venue’s booking by pass number, giving the reason (municipality admin)',
      params: venueIdParams,
      body: bookByNumberBody,
      status: 200,
      response: bookByNumberRecord,
      handle: async ({ client, params, body }) =>
        committed(await revokeBookByNumber(deps, client, params.venueId, body.reason)),
    }),
  ];
}
