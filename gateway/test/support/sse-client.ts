import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/** One server-sent event as a client sees it. */
export interface SseEvent {
  readonly id: string | undefined;
  readonly event: string | undefined;
  readonly data: unknown;
}

function parseEvent(block: string): SseEvent | undefined {
  const fields = new Map<string, string>();
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) {
      continue;
    }
    const colon = line.indexOf(':');
    fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
  }
  const data = fields.get('data');
  return data === undefined
    ? undefined
    : { id: fields.get('id'), event: fields.get('event'), data: JSON.parse(data) };
}

/** An open event stream over real HTTP: the events received so far, and a way to wait for more. */
export interface SseConnection {
  readonly status: Promise<number>;
  readonly events: SseEvent[];
  /** Resolves once `count` events have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<SseEvent[]>;
  close(): void;
}

/** Serves the app on port 0 and opens `path` as an event stream. */
export function openSse(app: Express, path: string, headers: Record<string, string>): SseConnection {
  const server = app.listen(0);
  const events: SseEvent[] = [];
  const waiters: (() => void)[] = [];
  let buffer = '';
  let resolveStatus: (status: number) => void = () => undefined;
  const status = new Promise<number>((resolve) => (resolveStatus = resolve));
  const request = get(
    { host: '127.0.0.1', port: (server.address() as AddressInfo).port, path, headers },
    (res) => {
      resolveStatus(res.statusCode ?? 0);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const event = parseEvent(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          if (event !== undefined) {
            events.push(event);
          }
          end = buffer.indexOf('\n\n');
        }
        waiters.splice(0).forEach((wake) => {
          wake();
        });
      });
    },
  );
  request.on('error', () => undefined);
  return {
    status,
    events,
    waitFor: async (count, timeoutMs = 3000) => {
      const deadline = Date.now() + timeoutMs;
      while (events.length < count) {
        if (Date.now() > deadline) {
          throw new Error(`expected ${String(count)} events, got ${String(events.length)}`);
        }
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return events.slice(0, count);
    },
    close: () => {
      request.destroy();
      server.closeAllConnections();
      server.close();
    },
  };
}
