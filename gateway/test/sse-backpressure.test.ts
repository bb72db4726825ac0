import { get, type ClientRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { Express } from 'express';
import { sseWriter } from '../src/events/sse-writer';
import { openSse, type SseConnection } from './support/sse-client';
import { buildTestApp } from './support/test-app';
import { waitUntil } from './support/wait-until';

/** A connection whose client takes nothing until `flow()`: each write waits for it. */
function heldConnection(): { out: Writable; written: string[]; flow: () => void } {
  const held: (() => void)[] = [];
  const written: string[] = [];
  let flowing = false;
  const out = new Writable({
    highWaterMark: 16,
    decodeStrings: false,
    write(chunk: string, _encoding, callback) {
      written.push(chunk);
      if (flowing) {
        callback();
      } else {
        held.push(callback);
      }
    },
  });
  const flow = (): void => {
    flowing = true;
    held.splice(0).forEach((callback) => {
      callback();
    });
  };
  return { out, written, flow };
}

describe('writing an event stream', () => {
  it('when the connection is full, then the writer waits for it to drain, and an event counts as sent once it went out', async () => {
    const { out, flow } = heldConnection();
    const writer = sseWriter(out, 1_000);
    const sent: string[] = [];
    let settled: boolean | undefined;

    const writing = writer.write('x'.repeat(64), () => sent.push('first')).then((ok) => (settled = ok));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect([writer.full, settled, sent]).toEqual([true, undefined, []]);
    flow();
    await writing;

    expect([writer.full, settled, sent]).toEqual([false, true, ['first']]);
  });

  it('when the client stays slow beyond the limit, then the write gives up and the ended stream is cut off', async () => {
    const { out, written } = heldConnection();
    const writer = sseWriter(out, 50);
    const startedAt = Date.now();

    expect(await writer.write('x'.repeat(64))).toBe(false);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(45);
    expect(await writer.write('more')).toBe(false);
    writer.end();
    await waitUntil(() => out.destroyed, 1_000);

    expect(written).toEqual(['x'.repeat(64)]);
  });
});

/** A stream whose client reads the answer's head and then nothing more. */
function openStalledStream(
  app: Express,
  headers: Record<string, string>,
): { status: Promise<number>; request: ClientRequest } {
  const server = app.listen(0);
  const port = (server.address() as AddressInfo).port;
  let request: ClientRequest | undefined;
  const status = new Promise<number>((resolve) => {
    request = get({ host: '127.0.0.1', port, path: '/api/v1/events', headers }, (res) => {
      res.pause();
      resolve(res.statusCode ?? 0);
    });
    request.on('error', () => undefined);
    request.on('close', () => server.close());
  });
  return { status, request: request as unknown as ClientRequest };
}

describe('a client that reads too slowly', () => {
  /** What a test opened, closed after it whatever its outcome. */
  const opened: { close(): void }[] = [];
  afterEach(() => {
    opened.splice(0).forEach((connection) => {
      connection.close();
    });
  });

  it('when a client stops reading, then its stream ends once its connection stays full, and its key may open another', async () => {
    const { gateway, ledger, clients, as } = buildTestApp({
      slowStreamClientMs: 100,
      maxStreamsPerClient: 1,
    });
    const slow = openStalledStream(gateway.express, as(clients.staff));
    opened.push({ close: () => slow.request.destroy() });
    expect(await slow.status).toBe(200);
    const filler = 'x'.repeat(256 * 1024);
    let emitted = 0;
    let next: SseConnection | undefined;

    // More than any connection's buffers hold, a few events at a time, until the key's one stream is free again.
    while (next === undefined || (await next.status) !== 200) {
      next?.close();
      expect(emitted).toBeLessThan(400);
      for (let i = 0; i < 8; i++) {
        ledger.emit(BigInt(++emitted), 'OfferCreated', { offerId: `offer-${String(emitted)}`, filler });
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      next = openSse(gateway.express, '/api/v1/events', as(clients.staff));
      opened.push(next);
    }

    expect(await next.status).toBe(200);
  }, 20_000);
});
