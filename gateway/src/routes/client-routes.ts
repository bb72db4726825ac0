import { defineRoute, type AnyRoute } from '../http/route-spec';
import { z } from '../http/zod';
import {
  onboardClient,
  revokeClient,
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
  .object({ name: z.string(), apiKeyRevoked: z.literal(true) })
  .openapi('RevokedClient');

/** Onboarding of new API clients by the organisation's admin. */
export function clientRoutes(deps: OnboardingDeps): AnyRoute[] {
  return [
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
      summary: 'Revoke a client’s API key: refused from the next request on (admin; not its own)',
      params: clientNameParams,
      status: 200,
      response: revokedClient,
      handle: async ({ client, params }) => ({ body: await revokeClient(deps, client, params.name) }),
    }),
  ];
}
