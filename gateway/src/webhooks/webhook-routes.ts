import type { ClientIdentity } from '../auth/client-identity';
import { AppError } from '../errors/app-error';
import { defineRoute, type AnyRoute } from '../http/route-spec';
import {
  deliveriesQuery,
  deliveryList,
  registeredWebhook,
  registerWebhookBody,
  webhook,
  webhookIdParams,
  webhookList,
} from './webhook-schemas';
import type { Webhook, WebhookStore } from './webhook-store';
import { requireAllowedTarget, type TargetPolicy } from './webhook-targets';

/** A gateway's webhooks: where they are kept, which addresses they may reach, and how many it keeps. */
export interface WebhookSettings {
  readonly store: WebhookStore;
  readonly targets: TargetPolicy;
  readonly maxWebhooks: number;
}

/** What the webhook routes need. */
export interface WebhookRouteDeps extends WebhookSettings {
  /** The first block whose events a webhook registered now gets: the channel's height now. */
  readonly currentBlock: () => Promise<bigint>;
}

const tag = 'webhooks';
const forbidden = 'anyone but an admin of this gateway’s organisation';

/** @throws {AppError} FORBIDDEN for anyone but an admin of the gateway's organisation. */
function requireAdmin(client: ClientIdentity): void {
  if (client.role !== 'admin') {
    throw new AppError('FORBIDDEN', 'only an admin of the organisation manages its webhooks');
  }
}

/** @throws {AppError} NOT_FOUND for an unknown webhook. */
function requireWebhook(store: WebhookStore, webhookId: string): Webhook {
  const found = store.get(webhookId);
  if (found === undefined) {
    throw new AppError('NOT_FOUND', `webhook ${webhookId} does not exist`);
  }
  return found;
}

/** Webhooks: a partner's admin registers URLs for the events it may see, and follows their deliveries. */
export function webhookRoutes(deps: WebhookRouteDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/webhooks',
      tag,
      summary:
        'Register a URL for the events this admin may see, from now on (admin). The answer carries the ' +
        'signing secret, shown only once. Deliveries reach public addresses only, unless the gateway allows ' +
        'an internal network.',
      body: registerWebhookBody,
      status: 201,
      response: registeredWebhook,
      forbidden,
      handle: async ({ client, body }) => {
        requireAdmin(client);
        requireAllowedTarget(body.url, deps.targets);
        const fromBlock = await deps.currentBlock();
        // Counted right before registering, with no await between, so concurrent registrations cannot pass the cap.
        if (deps.store.list().length >= deps.maxWebhooks) {
          throw new AppError(
            'TOO_MANY_WEBHOOKS',
            `this gateway keeps at most ${String(deps.maxWebhooks)} webhooks: delete one first`,
          );
        }
        const { webhook, secret } = deps.store.register(client, body.url, body.events, fromBlock);
        return { body: { ...webhook, secret } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/webhooks',
      tag,
      summary:
        'List the organisation’s webhooks with the state of each one’s queue: active, retrying or paused, ' +
        'with the last error and how many deliveries are pending and delivered (admin)',
      status: 200,
      response: webhookList,
      forbidden,
      handle: ({ client }) => {
        requireAdmin(client);
        return Promise.resolve({ body: { items: deps.store.list() } });
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/webhooks/{webhookId}',
      tag,
      summary: 'Delete a webhook and its pending deliveries (admin)',
      params: webhookIdParams,
      status: 204,
      forbidden,
      handle: ({ client, params }) => {
        requireAdmin(client);
        requireWebhook(deps.store, params.webhookId);
        deps.store.remove(params.webhookId);
        return Promise.resolve({});
      },
    }),
    defineRoute({
      method: 'post',
      path: '/webhooks/{webhookId}/resume',
      tag,
      summary:
        'Resume a paused (or retrying) webhook: its pending deliveries are due now, in the order they were ' +
        'queued, and its failures count from zero again (admin)',
      params: webhookIdParams,
      status: 200,
      response: webhook,
      forbidden,
      handle: ({ client, params }) => {
        requireAdmin(client);
        deps.store.resume(params.webhookId);
        return Promise.resolve({ body: requireWebhook(deps.store, params.webhookId) });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/webhooks/{webhookId}/deliveries',
      tag,
      summary: 'The most recent deliveries of a webhook, newest first: status, attempts, last error (admin)',
      params: webhookIdParams,
      query: deliveriesQuery,
      status: 200,
      response: deliveryList,
      forbidden,
      handle: ({ client, params, query }) => {
        requireAdmin(client);
        requireWebhook(deps.store, params.webhookId);
        return Promise.resolve({
          body: { items: deps.store.deliveries(params.webhookId, query.limit ?? 50) },
        });
      },
    }),
  ];
}
