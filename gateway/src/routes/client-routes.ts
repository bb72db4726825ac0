import { defineRoute, type AnyRoute } from '../http/route-spec';
import { z } from '../http/zod';
import {
  listClients,
  onboardClient,
  revokeClient,
  type ListedClient,
  type OnboardedClient,
  type OnboardingDeps,
  type RevokedClient,
} from '../onboarding/onboard-client';
import { clientNameParams, onboardClientBody } from '../schemas/client-schemas';

const onboardedClient: z.ZodType<OnboardedClient> = z
  .object({
    name: z.string(),
    role: z.string(),
    venueId: z.string().optional(),
    mspId: z.string(),
    apiKey: z.string().openapi({ description: 'shown this once; the gateway keeps only its sha256' }),
  })
  .openapi('OnboardedClient');

const revokedClient: z.ZodType<RevokedClient> = z
  .object({
    name: z.string(),
    apiKeyRevoked: z.literal(true),
    certificateRevoked: z.boolean().openapi({
      description:
        'the CA revoked its certificate; peers refuse it once the organisation publishes its revocation list',
    }),
  })
  .openapi('RevokedClient');

const listedClients: z.ZodType<{ clients: ListedClient[] }> = z
  .object({
    clients: z.array(
      z.object({
        name: z.string(),
        role: z.string(),
        venueId: z.string().optional(),
        revokedAt: z.string().optional().openapi({
          description: 'its key is revoked; its certificate awaits revocation at the CA (revoke it again)',
        }),
      }),
    ),
  })
  .openapi('Clients');

/** Onboarding of new API clients by the organisation's admin. */
export function clientRoutes(deps: OnboardingDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/clients',
      tag: 'clients',
      summary: 'The API clients of this gateway, never their keys (admin)',
      status: 200,
      response: listedClients,
      handle: ({ client }) => Promise.resolve({ body: listClients(deps, client) }),
    }),
    defineRoute({
      method: 'post',
      path: '/clients',
      tag: 'clients',
      summary:
        'Register and enrol a new identity at this organisation’s CA; returns its API key once (admin)',
      body: onboardClientBody,
      status: 201,
      response: onboardedClient,
      handle: async ({ client, body }) => ({ body: await onboardClient(deps, client, body) }),
    }),
    defineRoute({
      method: 'delete',
      path: '/clients/{name}',
      tag: 'clients',
      summary:
        'Revoke a client: its API key is refused from the next request on, its certificate is revoked at the CA (admin; not its own)',
      params: clientNameParams,
      status: 200,
      response: revokedClient,
      handle: async ({ client, params }) => ({ body: await revokeClient(deps, client, params.name) }),
    }),
  ];
}
