import BetterSqlite3 from 'better-sqlite3';
import pino from 'pino';
import { Registry } from 'prom-client';
import { registerWebhookMetrics } from '../src/observability/webhook-metrics';
import type { PostFunction } from '../src/webhooks/attempt-delivery';
import type { RetrySchedule } from '../src/webhooks/retry-schedule';
import { openWebhookStore } from '../src/webhooks/sqlite-webhook-store';
import {
  startWebhookDispatcher,
  type DispatcherOptions,
  type WebhookDispatcher,
} from '../src/webhooks/webhook-dispatcher';
import type { WebhookStore } from '../src/webhooks/webhook-store';
import { guardedPost, targetPolicy } from '../src/webhooks/webhook-targets';
import {
  openTestWebhookStore,
  queueEvents,
  refusingUrl,
  registerWebhook,
  startReceiver,
  type Receiver,
} from './support/webhook-fixtures';
import { waitUntil } from './support/wait-until';

const schedule: RetrySchedule = { baseMs: 1_000, maxMs: 8_000, maxAttempts: 3 };
const day = 86_400_000;
const silent = pino({ level: 'silent' });

/** What a test started, ended after it whatever its outcome: receivers first, so no round waits on one. */
const started = {
  receivers: [] as Receiver[],
  dispatchers: [] as WebhookDispatcher[],
  stores: [] as WebhookStore[],
};
afterEach(async () => {
  await Promise.all(started.receivers.splice(0).map((receiver) => receiver.close()));
  await Promise.all(started.dispatchers.splice(0).map((dispatcher) => dispatcher.stop()));
  started.stores.splice(0).forEach((store) => {
    store.close();
  });
});

async function openStore(): Promise<{ store: WebhookStore; path: string }> {
  const opened = await openTestWebhookStore();
  started.stores.push(opened.store);
  return opened;
}

async function receiver(answer: Parameters<typeof startReceiver>[0]): Promise<Receiver> {
  const running = await startReceiver(answer);
  started.receivers.push(running);
  return running;
}

function dispatch(
  options: Omit<DispatcherOptions, 'schedule' | 'logger'> & Partial<DispatcherOptions>,
): WebhookDispatcher {
  const dispatcher = startWebhookDispatcher({ schedule, logger: silent, ...options });
  started.dispatchers.push(dispatcher);
  return dispatcher;
}

/** A dispatcher that only runs when the test says so (its own loop looks again only after a minute). */
function manualDispatcher(
  store: WebhookStore,
  post: PostFunction,
  clock: { now: number },
): WebhookDispatcher {
  return dispatch({ store, post, pollMs: 60_000, now: () => clock.now });
}

describe('a queue per webhook', () => {
  it('when one receiver never answers and another refuses connections, then a live receiver gets all its events at once, in order', async () => {
    const live = await receiver((_req, res) => res.writeHead(200).end());
    const hanging = await receiver(() => undefined);
    const { store } = await openStore();
    // Registered first, so their deliveries are the oldest: one shared queue would serve them first.
    const hangingId = registerWebhook(store, hanging.url);
    const refusedId = registerWebhook(store, await refusingUrl());
    const liveId = registerWebhook(store, live.url);
    const events = queueEvents(store, [hangingId, refusedId, liveId], 30);
    const startedAt = Date.now();

    dispatch({
      store,
      // Long pauses, so the failed webhooks are not tried again while the test looks.
      schedule: { ...schedule, baseMs: 60_000, maxMs: 60_000 },
      post: guardedPost(targetPolicy(['127.0.0.0/8'])),
      pollMs: 20,
      timeoutMs: 10_000,
    });
    await waitUntil(() => live.received.length >= events.length, 2_000);

    expect(Date.now() - startedAt).toBeLessThan(2_000);
    expect(live.received).toEqual(events);
    expect(store.get(liveId)).toMatchObject({ state: 'active', pending: 0, delivered: 30 });
    // A round stops at the first delivery that gets no answer: the next would wait as long.
    expect(hanging.received).toEqual(['1.0']);
    expect(store.get(refusedId)).toMatchObject({ state: 'retrying', failures: 1, pending: 30 });
    expect(store.deliveries(refusedId, 30).map((d) => d.attempts)).toEqual([...Array<number>(29).fill(0), 1]);
  });

  it('when a receiver keeps failing, then its webhook is paused when the schedule runs out, and every delivery stays pending', async () => {
    const { store } = await openStore();
    const webhookId = registerWebhook(store, 'http://receiver.example/hook');
    queueEvents(store, [webhookId], 3);
    const sent: string[] = [];
    let answer = 503;
    const post: PostFunction = (_url, headers) => {
      sent.push(headers['x-stadspas-event-id'] ?? '');
      return Promise.resolve(answer);
    };
    const clock = { now: Date.parse('2026-11-03T10:00:00.000Z') };
    const dispatcher = manualDispatcher(store, post, clock);

    await dispatcher.runOnce();
    // An answer, even a refusal, lets the round go on: the receiver judges each event.
    expect(sent).toEqual(['1.0', '2.0', '3.0']);
    expect(store.get(webhookId)).toMatchObject({
      state: 'retrying',
      failures: 1,
      nextAttemptAt: new Date(clock.now + 1_000).toISOString(),
    });
    await dispatcher.runOnce();
    expect(sent).toHaveLength(3);
    for (const pause of [1_000, 2_000]) {
      clock.now += pause;
      await dispatcher.runOnce();
    }
    clock.now += day;
    await dispatcher.runOnce();

    expect(sent).toHaveLength(9);
    expect(store.get(webhookId)).toMatchObject({
      state: 'paused',
      failures: 3,
      lastError: 'receiver answered 503',
      pausedAt: new Date(clock.now - day).toISOString(),
      pending: 3,
      delivered: 0,
    });
    expect(store.deliveries(webhookId, 10).map((d) => [d.status, d.attempts])).toEqual([
      ['pending', 3],
      ['pending', 3],
      ['pending', 3],
    ]);

    answer = 204;
    expect(store.resume(webhookId)).toBe(true);
    await dispatcher.runOnce();

    expect(sent.slice(9)).toEqual(['1.0', '2.0', '3.0']);
    expect(store.get(webhookId)).toMatchObject({ state: 'active', failures: 0, pending: 0, delivered: 3 });
  });

  it('when webhooks are paused or hold deliveries, then the metrics count them', async () => {
    const { store } = await openStore();
    const paused = registerWebhook(store, 'http://a.example/hook');
    queueEvents(store, [paused, registerWebhook(store, 'http://b.example/hook')], 2);
    store.recordRound(paused, { ok: false, error: 'receiver answered 410' }, Date.now());
    const registry = new Registry();
    registerWebhookMetrics(registry, () => store.totals());

    const text = await registry.metrics();

    expect(text).toContain('stadspas_webhook_deliveries{status="pending"} 4');
    expect(text).toContain('stadspas_webhook_deliveries{status="delivered"} 0');
    expect(text).toContain('stadspas_webhooks_paused 1');
  });
});

describe('keeping deliveries', () => {
  it('when delivered deliveries pass the retention, then they are deleted and pending ones kept, however old', async () => {
    const { store } = await openStore();
    const [first, second] = [
      registerWebhook(store, 'http://a.example/'),
      registerWebhook(store, 'http://b.example/'),
    ];
    queueEvents(store, [first, second], 5);
    const now = Date.now();
    const deliver = (webhookId: string, count: number, at: number): void => {
      for (const delivery of store.pendingDeliveries(webhookId, count)) {
        store.recordAttempt(delivery.deliveryId, { ok: true, statusCode: 200 }, at);
      }
    };
    deliver(first, 2, now - 8 * day);
    deliver(first, 2, now - day);
    deliver(second, 4, now);

    const pruned = store.prune(now, { maxAgeMs: 7 * day, keepPerWebhook: 3 });

    const statuses = (webhookId: string): string[] =>
      store.deliveries(webhookId, 10).map((d) => `${d.eventId} ${d.status}`);
    expect(pruned).toBe(3);
    expect(statuses(first)).toEqual(['5.0 pending', '4.0 delivered', '3.0 delivered']);
    expect(statuses(second)).toEqual(['5.0 pending', '4.0 delivered', '3.0 delivered', '2.0 delivered']);
  });

  it('when the dispatcher runs, then it deletes what is beyond the retention now and then', async () => {
    const { store } = await openStore();
    const webhookId = registerWebhook(store, 'http://a.example/');
    queueEvents(store, [webhookId], 5);
    dispatch({
      store,
      post: () => Promise.resolve(200),
      pollMs: 10,
      retention: { maxAgeMs: day, keepPerWebhook: 2 },
      pruneEveryMs: 0,
    });

    await waitUntil(() => store.deliveries(webhookId, 10).length === 2);

    expect(store.get(webhookId)).toMatchObject({ pending: 0, delivered: 2 });
  });

  it('when a file of an earlier version holds deliveries it gave up, then they are pending again and their webhook paused', async () => {
    const { store, path } = await openStore();
    const webhookId = registerWebhook(store, 'http://a.example/');
    queueEvents(store, [webhookId], 2);
    store.close();
    // The earlier version: no queue columns, and `failed` for a delivery whose attempts ran out.
    const old = new BetterSqlite3(path);
    for (const column of ['failures', 'retry_at', 'paused_at', 'last_error']) {
      old.exec(`ALTER TABLE webhooks DROP COLUMN ${column}`);
    }
    old.exec(`UPDATE deliveries SET status = 'failed', attempts = 12 WHERE event_id = '1.0'`);
    old.close();

    const reopened = openWebhookStore(path);
    started.stores.push(reopened);

    expect(reopened.get(webhookId)).toMatchObject({
      state: 'paused',
      lastError: 'deliveries given up by an earlier version are pending again',
      pending: 2,
    });
    expect(reopened.deliveries(webhookId, 5).map((d) => [d.eventId, d.status])).toEqual([
      ['2.0', 'pending'],
      ['1.0', 'pending'],
    ]);
  });
});
