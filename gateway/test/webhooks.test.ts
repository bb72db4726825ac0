import pino from 'pino';
import { identityOf } from '../src/auth/client-identity';
import { decodeBlock } from '../src/read-model/block-transactions';
import { retryDelayMs, type RetrySchedule } from '../src/webhooks/retry-schedule';
import { attemptDelivery, type PostFunction } from '../src/webhooks/attempt-delivery';
import {
  roundOutcome,
  startWebhookDispatcher,
  type WebhookDispatcher,
} from '../src/webhooks/webhook-dispatcher';
import { webhookOutbox } from '../src/webhooks/webhook-outbox';
import { deliveryHeaders, signDelivery, verifyDelivery } from '../src/webhooks/webhook-signature';
import { openWebhookStore } from '../src/webhooks/sqlite-webhook-store';
import type { WebhookStore } from '../src/webhooks/webhook-store';
import { makeBlock } from './support/blocks';
import { standardClients } from './support/clients';
import { openTestWebhookStore } from './support/webhook-fixtures';

const clients = standardClients();
const schedule: RetrySchedule = { baseMs: 1_000, maxMs: 8_000, maxAttempts: 5 };
const now = Date.parse('2026-11-03T10:00:00.000Z');

/** A block with an offer event (every client sees it) and a pass event (venues do not). */
const eventsBlock = (number: number): ReturnType<typeof makeBlock> =>
  makeBlock(number, [
    { txId: `o-${String(number)}`, event: { name: 'OfferCreated', payload: { offerId: 'swim-5' } } },
    {
      txId: `bad-${String(number)}`,
      event: { name: 'OfferCreated', payload: { offerId: 'x' } },
      valid: false,
    },
    {
      txId: `p-${String(number)}`,
      event: { name: 'PassIssued', payload: { passId: 'SP-1', municipalityMspId: 'GemeenteMSP' } },
    },
  ]);

describe('signing deliveries', () => {
  it('when a delivery is signed, then the HMAC-SHA256 of timestamp.body verifies, and nothing altered does', () => {
    const body = '{"id":"7.0"}';
    const headers = deliveryHeaders('s3cret', '7.0', body, now);
    const signed = {
      timestamp: headers['x-stadspas-timestamp'] ?? '',
      signature: headers['x-stadspas-signature'] ?? '',
    };

    expect(headers['x-stadspas-event-id']).toBe('7.0');
    expect(signed.signature).toBe(signDelivery('s3cret', now / 1000, body));
    expect(signed.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyDelivery('s3cret', signed, body, now)).toBe(true);
    expect(verifyDelivery('other', signed, body, now)).toBe(false);
    expect(verifyDelivery('s3cret', signed, '{"id":"7.1"}', now)).toBe(false);
    expect(verifyDelivery('s3cret', { ...signed, timestamp: String(now / 1000 + 1) }, body, now)).toBe(false);
    expect(verifyDelivery('s3cret', signed, body, now + 301_000)).toBe(false);
  });
});

describe('retrying deliveries', () => {
  it('when attempts fail, then the pause doubles up to the longest, and after the last attempt there is none', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(schedule, n))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(retryDelayMs({ ...schedule, maxAttempts: 10 }, 6)).toBe(8_000);
    expect(retryDelayMs(schedule, 5)).toBeUndefined();
  });

  it('when a round fails, then its webhook waits by the schedule, and once the schedule is used up it is paused', () => {
    expect(roundOutcome(schedule, 3, undefined, now)).toEqual({ ok: true });
    expect(roundOutcome(schedule, 0, 'receiver answered 500', now)).toEqual({
      ok: false,
      error: 'receiver answered 500',
      retryAt: now + 1_000,
    });
    expect(roundOutcome(schedule, 3, 'timeout', now)).toEqual({
      ok: false,
      error: 'timeout',
      retryAt: now + 8_000,
    });
    expect(roundOutcome(schedule, 4, 'timeout', now)).toEqual({ ok: false, error: 'timeout' });
  });

  it('when a receiver answers 2xx, fails, or cannot be reached, then the outcome says so', async () => {
    const webhook = { url: 'http://receiver', secret: 's' };
    const delivery = { deliveryId: 1, eventId: '7.0', body: '{}', attempts: 0 };
    const answering =
      (status: number): PostFunction =>
      () =>
        Promise.resolve(status);

    expect(await attemptDelivery(webhook, delivery, answering(204), now, 100)).toEqual({
      ok: true,
      statusCode: 204,
    });
    expect(await attemptDelivery(webhook, delivery, answering(500), now, 100)).toEqual({
      ok: false,
      statusCode: 500,
      error: 'receiver answered 500',
    });
    const unreachable: PostFunction = () => Promise.reject(new Error('connect ECONNREFUSED'));
    expect(await attemptDelivery(webhook, delivery, unreachable, now, 100)).toEqual({
      ok: false,
      error: 'connect ECONNREFUSED',
    });
  });
});

describe('queueing and dispatching', () => {
  it('when blocks pass, then each webhook queues the events its owner may see from its checkpoint on, once', async () => {
    const { store } = await openTestWebhookStore();
    const admin = store.register(identityOf(clients.admin.record), 'http://a', undefined, 1n).webhook;
    const venue = store.register(identityOf(clients.venue.record), 'http://v', undefined, 1n).webhook;
    const onlyPasses = store.register(
      identityOf(clients.admin.record),
      'http://p',
      ['PassIssued'],
      2n,
    ).webhook;
    const outbox = webhookOutbox(store, true);

    expect(outbox.nextBlock()).toBe(1n);
    for (const number of [1, 2]) {
      outbox.applyBlock(decodeBlock(eventsBlock(number), 'stadspas'));
    }
    outbox.applyBlock(decodeBlock(eventsBlock(1), 'stadspas'));
    const ids = (webhookId: string): string[] =>
      store.deliveries(webhookId, 10).map((d) => `${d.eventId} ${d.eventName}`);

    expect(ids(admin.webhookId)).toEqual([
      '2.1 PassIssued',
      '2.0 OfferCreated',
      '1.1 PassIssued',
      '1.0 OfferCreated',
    ]);
    expect(ids(venue.webhookId)).toEqual(['2.0 OfferCreated', '1.0 OfferCreated']);
    expect(ids(onlyPasses.webhookId)).toEqual(['2.1 PassIssued']);
    expect(outbox.nextBlock()).toBe(3n);
    store.close();
  });

  it('when a receiver fails twice, then the third round delivers the same event with its id, and a restart resumes', async () => {
    const { store, path } = await openTestWebhookStore();
    const { webhook, secret } = store.register(
      identityOf(clients.admin.record),
      'http://r',
      ['OfferCreated'],
      0n,
    );
    webhookOutbox(store, true).applyBlock(decodeBlock(eventsBlock(0), 'stadspas'));
    const calls: { eventId: string; valid: boolean }[] = [];
    let clock = Date.now();
    const post: PostFunction = (_url, headers, body) => {
      calls.push({
        eventId: headers['x-stadspas-event-id'] ?? '',
        valid: verifyDelivery(
          secret,
          {
            timestamp: headers['x-stadspas-timestamp'] ?? '',
            signature: headers['x-stadspas-signature'] ?? '',
          },
          body,
          clock,
        ),
      });
      return Promise.resolve(calls.length <= 2 ? 503 : 200);
    };
    const dispatcherOf = (s: WebhookStore): WebhookDispatcher =>
      startWebhookDispatcher({
        store: s,
        schedule,
        logger: pino({ level: 'silent' }),
        post,
        pollMs: 60_000,
        now: () => clock,
      });

    const first = dispatcherOf(store);
    await first.runOnce();
    expect(calls).toHaveLength(1);
    clock += 1_000;
    await first.runOnce();
    await first.stop();
    store.close();
    const reopened = openWebhookStore(path);
    expect(reopened.deliveries(webhook.webhookId, 5)).toMatchObject([
      {
        eventId: '0.0',
        status: 'pending',
        attempts: 2,
        lastStatusCode: 503,
        lastError: 'receiver answered 503',
      },
    ]);
    clock += 2_000;
    const second = dispatcherOf(reopened);
    await second.runOnce();
    await second.stop();

    expect(calls).toEqual([0, 1, 2].map(() => ({ eventId: '0.0', valid: true })));
    expect(reopened.deliveries(webhook.webhookId, 5)).toMatchObject([{ status: 'delivered', attempts: 3 }]);
    reopened.close();
  });
});
