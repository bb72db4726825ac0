import { EVENT_NAMES } from '@stadspas/chaincode/vocabulary';
import { z } from '../http/zod';
import { deliveryStatuses, webhookStates } from './webhook-store';

/**
 * A host a delivery can name: a DNS name (labels of at most 63 characters, 253 in all) or an IP address.
 * TLS cannot name a longer server, and a connection that tried would fail inside the gateway's process.
 */
const deliverableHost = new RegExp(`${z.regexes.hostname.source}|^\\[[0-9a-fA-F:.]+\\]$`);

/** `POST /webhooks`: where to send events, and optionally which event names only. */
export const registerWebhookBody = z
  .strictObject({
    url: z
      .url({
        protocol: /^https?$/,
        hostname: deliverableHost,
        error: 'must be an http or https URL with a host name of at most 253 characters',
      })
      .max(2048)
      .openapi({ example: 'https://partner.example/stadspas/events' }),
    events: z.array(z.enum(EVENT_NAMES)).min(1).max(EVENT_NAMES.length).optional(),
  })
  .openapi('RegisterWebhook');
export type RegisterWebhookBody = z.infer<typeof registerWebhookBody>;

/** `{webhookId}` in a path. */
export const webhookIdParams = z.strictObject({
  webhookId: z
    .string()
    .regex(/^wh-[0-9a-f]{16}$/, 'must be a webhook id as returned at registration')
    .openapi({ example: 'wh-3f9c2a7d1b0e4c55' }),
});

/** `GET /webhooks/{webhookId}/deliveries`: how many of the most recent. */
export const deliveriesQuery = z.strictObject({
  limit: z
    .preprocess(
      (v) => (typeof v === 'string' && /^\d{1,4}$/.test(v) ? Number(v) : v),
      z.number().int().min(1).max(500),
    )
    .optional(),
});

export const webhook = z
  .object({
    webhookId: z.string(),
    url: z.string(),
    events: z.array(z.string()).optional(),
    createdBy: z.string(),
    createdAt: z.string(),
    state: z.enum(webhookStates).openapi({
      description:
        'retrying: a round of deliveries failed, the next is at nextAttemptAt; paused: the retry schedule ran ' +
        'out, deliveries stay pending until an admin resumes the webhook',
    }),
    failures: z.number().int().openapi({ description: 'rounds of deliveries in a row that failed' }),
    lastError: z.string().optional(),
    nextAttemptAt: z.string().optional(),
    pausedAt: z.string().optional(),
    pending: z.number().int().openapi({ description: 'deliveries not delivered yet' }),
    delivered: z.number().int().openapi({ description: 'delivered deliveries still kept' }),
  })
  .openapi('Webhook');

/** The answer to a registration: the only time the secret is shown. */
export const registeredWebhook = webhook
  .extend({
    secret: z.string().openapi({ description: 'the HMAC-SHA256 key of the signatures; shown only now' }),
  })
  .openapi('RegisteredWebhook');

export const webhookList = z.object({ items: z.array(webhook) }).openapi('WebhookList');

export const delivery = z
  .object({
    webhookId: z.string(),
    eventId: z.string().openapi({ example: '42.0' }),
    eventName: z.string(),
    status: z.enum(deliveryStatuses),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().optional(),
    lastError: z.string().optional(),
    createdAt: z.string(),
    deliveredAt: z.string().optional(),
  })
  .openapi('WebhookDelivery');

export const deliveryList = z.object({ items: z.array(delivery) }).openapi('WebhookDeliveryList');
