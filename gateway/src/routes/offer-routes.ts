import { defineRoute, type AnyRoute } from '../http/route-spec';
import { offerRecord } from '../schemas/response-schemas';
import { z } from '../http/zod';
import { createOfferBody, offerIdParams } from '../schemas/offer-schemas';
import { createOffer, getOffer, listOffers, offerHistory, retireOffer } from '../services/offer-cases';
import type { ServiceDeps } from '../services/service-deps';
import { committed, ok } from './committed';

const tag = 'offers';

/** Offers: what passes can be used for. */
export function offerRoutes(deps: ServiceDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/offers',
      tag,
      summary: 'Create an offer (its funder only)',
      body: createOfferBody,
      status: 201,
      response: offerRecord,
      handle: async ({ client, body }) => committed(await createOffer(deps, client, body)),
    }),
    defineRoute({
      method: 'get',
      path: '/offers',
      tag,
      summary: 'List offers',
      status: 200,
      response: z.array(offerRecord),
      handle: async ({ client }) => ok(await listOffers(deps, client)),
    }),
    defineRoute({
      method: 'get',
      path: '/offers/{offerId}',
      tag,
      summary: 'Get an offer',
      params: offerIdParams,
      status: 200,
      response: offerRecord,
      handle: async ({ client, params }) => ok(await getOffer(deps, client, params.offerId)),
    }),
    defineRoute({
      method: 'get',
      path: '/offers/{offerId}/history',
      tag,
      summary: 'Every version of an offer',
      params: offerIdParams,
      status: 200,
      response: z.array(offerRecord),
      handle: async ({ client, params }) => ok(await offerHistory(deps, client, params.offerId)),
    }),
    defineRoute({
      method: 'post',
      path: '/offers/{offerId}/retire',
      tag,
      summary: 'Retire an offer (its funder only)',
      params: offerIdParams,
      status: 200,
      response: offerRecord,
      handle: async ({ client, params }) => committed(await retireOffer(deps, client, params.offerId)),
    }),
  ];
}
