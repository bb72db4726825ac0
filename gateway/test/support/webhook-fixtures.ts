import { mkdtemp } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { identityOf } from '../../src/auth/client-identity';
import { openWebhookStore } from '../../src/webhooks/sqlite-webhook-store';
import type { WebhookStore } from '../../src/webhooks/webhook-store';
import { standardClients } from './clients';

/** A webhook store in a fresh folder, and the path of its file. */
export async function openTestWebhookStore(): Promise<{ store: WebhookStore; path: string }> {
  const path = join(await mkdtemp(join(tmpdir(), 'webhooks-')), 'webhooks.sqlite');
  return { store: openWebhookStore(path), path };
}

/** Registers a webhook of the municipality's admin for every event, from block 0; answers its id. */
export function registerWebhook(store: WebhookStore, url: string): string {
  return store.register(identityOf(standardClients().admin.record), url, undefined, 0n).webhook.webhookId;
}

/** Queues `count` events (`<block>.0`, one per block from 1 on) for each webhook, in block order. */
export function queueEvents(store: WebhookStore, webhookIds: readonly string[], count: number): string[] {
  const ids = Array.from({ length: count }, (_, i) => `${String(i + 1)}.0`);
  ids.forEach((eventId, i) => {
    store.queue(
      BigInt(i + 1),
      webhookIds.map((webhookId) => ({
        webhookId,
        eventId,
        eventName: 'OfferCreated',
        body: `{"id":"${eventId}"}`,
      })),
    );
  });
  return ids;
}

/** A receiver on 127.0.0.1: the event ids it was sent, in order, and its URL. */
export interface Receiver {
  readonly url: string;
  readonly received: string[];
  close(): Promise<void>;
}

/** Starts a receiver that handles each delivery with `answer` (which may never answer). */
export function startReceiver(
  answer: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<Receiver> {
  const received: string[] = [];
  const server: Server = createServer((req, res) => {
    received.push(String(req.headers['x-stadspas-event-id']));
    req.resume();
    answer(req, res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/hook`,
        received,
        close: () =>
          new Promise((closed) => {
            server.closeAllConnections();
            server.close(() => {
              closed();
            });
          }),
      });
    });
  });
}

/** A URL on 127.0.0.1 where nothing listens: connections are refused. */
export async function refusingUrl(): Promise<string> {
  const receiver = await startReceiver(() => undefined);
  await receiver.close();
  return receiver.url;
}
