import type { Request, RequestHandler } from 'express';
import { clientOf } from '../auth/authenticate';
import type { ClientIdentity } from '../auth/client-identity';
import { AppError } from '../errors/app-error';
import type { EventStream, LedgerAdapter, LedgerEvent } from '../ledger/ledger-adapter';
import type { CheckpointStore } from './checkpoint-store';
import { eventNumbering, formatEventId, isAfter, parseEventId, type EventPosition } from './event-id';
import { isVisibleTo } from './event-visibility';
import { sseWriter, type SseWriter } from './sse-writer';
import type { StreamQuota } from './stream-quota';

/** What the events route needs. */
export interface EventsRouteDeps {
  readonly ledger: LedgerAdapter;
  readonly checkpoints: CheckpointStore;
  /** Open streams, so shutdown can end them (an SSE response never ends by itself). */
  readonly openStreams: Set<EventStream>;
  /** How many streams each API key, and the gateway in all, may hold open at once. */
  readonly quota: StreamQuota;
  /**
   * How long a client may leave its connection full before its stream is ended (default 30 s): the gateway
   * stops reading events for it meanwhile, and never buffers more than the connection holds.
   */
  readonly slowClientMs?: number;
  /** How often a comment line keeps idle connections and proxies alive. */
  readonly heartbeatMs?: number;
  /** Whether the gateway's organisation is a municipality of the scheme: it decides what its clients see. */
  readonly municipality: boolean;
}

/**
 * Where a client resumes: the `Last-Event-ID` header (a reconnecting EventSource), else `?from=<id>|now`,
 * else the last event this client was sent before (kept across restarts), else from now on.
 * @throws {AppError} INVALID_ARGUMENT for an id that is not `<block>.<index>`.
 */
function resumePosition(
  req: Request,
  client: ClientIdentity,
  checkpoints: CheckpointStore,
): EventPosition | undefined {
  const from = req.get('last-event-id') ?? (typeof req.query.from === 'string' ? req.query.from : undefined);
  if (from === 'now') {
    return undefined;
  }
  const id = from ?? checkpoints.get(client.name);
  if (id === undefined) {
    return undefined;
  }
  const position = parseEventId(id);
  if (position === undefined) {
    throw new AppError('INVALID_ARGUMENT', 'Last-Event-ID must be <block>.<index> as sent by this stream');
  }
  return position;
}

function eventText(id: string, event: LedgerEvent): string {
  const data = {
    eventName: event.eventName,
    blockNumber: event.blockNumber.toString(),
    transactionId: event.transactionId,
    payload: event.payload,
  };
  return `id: ${id}\nevent: ${event.eventName}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Sends the client the events it may see after `resume`, each after the one before has room in the
 * connection. The checkpoint moves once an event has gone to the connection.
 * @throws {AppError} STREAM_TOO_SLOW when the client leaves its connection full too long.
 */
async function pump(
  stream: EventStream,
  writer: SseWriter,
  client: ClientIdentity,
  resume: EventPosition | undefined,
  checkpoints: CheckpointStore,
  municipality: boolean,
): Promise<void> {
  const positionOf = eventNumbering();
  for await (const event of stream) {
    const position = positionOf(event.blockNumber);
    if ((resume !== undefined && !isAfter(position, resume)) || !isVisibleTo(client, event, municipality)) {
      continue;
    }
    const id = formatEventId(position);
    const sent = await writer.write(eventText(id, event), () => {
      checkpoints.set(client.name, id);
    });
    if (!sent) {
      throw new AppError('STREAM_TOO_SLOW', `the client did not read event ${id} in time; resume after it`);
    }
  }
}

/** `GET /events`: the chaincode events this client may see, as server-sent events, resumable by event id. */
export function eventsRoute(deps: EventsRouteDeps): RequestHandler {
  return async (req, res) => {
    const client = clientOf(res);
    const resume = resumePosition(req, client, deps.checkpoints);
    const release = deps.quota.acquire(client.name);
    let stream: EventStream;
    try {
      stream = await deps.ledger.chaincodeEvents(client, resume?.blockNumber);
    } catch (err) {
      release();
      throw err;
    }
    deps.openStreams.add(stream);
    res.status(200).set({
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.write(': stream open\n\n');
    const writer = sseWriter(res, deps.slowClientMs ?? 30_000);
    const heartbeat = setInterval(() => {
      if (!writer.full) {
        res.write(': keep-alive\n\n');
      }
    }, deps.heartbeatMs ?? 15_000);
    const state = { closed: false };
    const close = (): void => {
      state.closed = true;
      clearInterval(heartbeat);
      release();
      deps.openStreams.delete(stream);
      stream.close();
    };
    req.on('close', close);
    try {
      await pump(stream, writer, client, resume, deps.checkpoints, deps.municipality);
    } catch (err) {
      if (!state.closed && !res.destroyed) {
        const code = err instanceof AppError ? err.code : 'UNAVAILABLE';
        res.write(
          `event: error\ndata: ${JSON.stringify({ error: { code, message: 'event stream ended' } })}\n\n`,
        );
      }
    } finally {
      close();
      writer.end();
    }
  };
}
