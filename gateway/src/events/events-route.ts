import type { Request, RequestHandler, Response } from 'express';
import { clientOf } from '../auth/authenticate';
import type { ClientIdentity } from '../auth/client-identity';
import { AppError } from '../errors/app-error';
import type { EventStream, LedgerAdapter, LedgerEvent } from '../ledger/ledger-adapter';
import type { CheckpointStore } from './checkpoint-store';
import { eventNumbering, formatEventId, isAfter, parseEventId, type EventPosition } from './event-id';
import { isVisibleTo } from './event-visibility';
import type { StreamQuota } from './stream-quota';

/** What the events route needs. */
export interface EventsRouteDeps {
  readonly ledger: LedgerAdapter;
  readonly checkpoints: CheckpointStore;
  /** Open streams, so shutdown can end them (an SSE response never ends by itself). */
  readonly openStreams: Set<EventStream>;
  /** How many streams each API key, and the gateway in all, may hold open at once. */
  readonly quota: StreamQuota;
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

function writeEvent(res: Response, id: string, event: LedgerEvent): void {
  const data = {
    eventName: event.eventName,
    blockNumber: event.blockNumber.toString(),
    transactionId: event.transactionId,
    payload: event.payload,
  };
  res.write(`id: ${id}\nevent: ${event.eventName}\ndata: ${JSON.stringify(data)}\n\n`);
}

async function pump(
  stream: EventStream,
  res: Response,
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
    writeEvent(res, id, event);
    checkpoints.set(client.name, id);
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
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), deps.heartbeatMs ?? 15_000);
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
      await pump(stream, res, client, resume, deps.checkpoints, deps.municipality);
    } catch (err) {
      if (!state.closed) {
        const code = err instanceof AppError ? err.code : 'UNAVAILABLE';
        res.write(
          `event: error\ndata: ${JSON.stringify({ error: { code, message: 'event stream ended' } })}\n\n`,
        );
      }
    } finally {
      close();
      res.end();
    }
  };
}
