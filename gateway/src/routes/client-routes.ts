import { defineRoute, type AnyRoute } from '../http/route-spec';
import { z } from '../http/zod';
import { onboardClient, type OnboardingDeps } from '../onboarding/onboard-client';
import { id } from '../schemas/fields';

const onboardBody = z
  .strictObject({
    name: id('venue-kardinge-scanner-1'),
    role: z
      .string()
      .regex(/^[a-z]{1,32}$/)
      .openapi({ example: 'venue' }),
    venueId: id('zwembad-kardinge').optional(),
  })
  .openapi('OnboardClient');

/** Onboarding of new API clients by the organisation's admin. */
export function clientRoutes(deps: OnboardingDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/clients',
      tag: 'clients',
      summary:
        'Register and enrol a new identity at this organisation’s CA; returns its API key once (admin)',
      body: onboardBody,
      status: 201,
      handle: async ({ client, body }) => ({ body: await onboardClient(deps, client, body) }),
    }),
  ];
}
