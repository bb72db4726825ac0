import { AppError } from '../errors/app-error';

/** Counts the event streams each client holds open, up to a limit per client. */
export interface StreamQuota {
  /**
   * Takes one stream slot for a client; call the returned function once when the stream ends.
   * @throws {AppError} TOO_MANY_STREAMS when the client holds the limit already.
   */
  acquire(clientName: string): () => void;
}

/** A quota of `perClient` open streams per client. */
export function streamQuota(perClient: number): StreamQuota {
  const open = new Map<string, number>();
  return {
    acquire: (clientName) => {
      const count = open.get(clientName) ?? 0;
      if (count >= perClient) {
        throw new AppError(
          'TOO_MANY_STREAMS',
          `this API key holds ${String(perClient)} open event streams already; close one first`,
        );
      }
      open.set(clientName, count + 1);
      let released = false;
      return () => {
        if (released) {
          return;
        }
        released = true;
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
