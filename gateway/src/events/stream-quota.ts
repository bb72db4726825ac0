import { AppError } from '../errors/app-error';

/** Counts the event streams open, up to a limit per client and one for the whole gateway. */
export interface StreamQuota {
  /**
   * Takes one stream slot for a client; call the returned function once when the stream ends.
   * @throws {AppError} TOO_MANY_STREAMS when the client holds its limit already; STREAM_CAPACITY_REACHED when
   * the gateway holds its own.
   */
  acquire(clientName: string): () => void;
}

/** The limits of a {@link streamQuota}. */
export interface StreamLimits {
  /** Streams one client (API key) may hold open at once. */
  readonly perClient: number;
  /** Streams the gateway holds open at once: each holds a stream from a peer and a connection. */
  readonly perGateway: number;
}

/** A quota of open streams per client and per gateway. */
export function streamQuota(limits: StreamLimits): StreamQuota {
  const open = new Map<string, number>();
  let total = 0;
  return {
    acquire: (clientName) => {
      const count = open.get(clientName) ?? 0;
      if (count >= limits.perClient) {
        throw new AppError(
          'TOO_MANY_STREAMS',
          `this API key holds ${String(limits.perClient)} open event streams already; close one first`,
        );
      }
      if (total >= limits.perGateway) {
        throw new AppError(
          'STREAM_CAPACITY_REACHED',
          `this gateway holds ${String(limits.perGateway)} open event streams, its most; try again later`,
        );
      }
      open.set(clientName, count + 1);
      total++;
      let released = false;
      return () => {
        if (released) {
          return;
        }
        released = true;
        total--;
        const remaining = (open.get(clientName) ?? 1) - 1;
        if (remaining === 0) {
          open.delete(clientName);
        } else {
          open.set(clientName, remaining);
        }
      };
    },
  };
}
