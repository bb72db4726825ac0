import { defineRoute, type AnyRoute } from '../http/route-spec';
import { z } from '../http/zod';
import { onboardClient, type OnboardedClient, type OnboardingDeps } from '../onboarding/onboard-client';
import { onboardClientBody } from '../schemas/client-schemas';

const onboardedClient: z.ZodType<OnboardedClient> = z
  .object({
    name: z.string(),
    role: z.string(),
    venueId: z.string().optional(),
    mspId: z.string(),
    apiKey: z.string().openapi({ description: 'shown this once; the gateway keeps only its sha256' }),
  })
  .openapi('OnboardedClient');

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
  ];
}
