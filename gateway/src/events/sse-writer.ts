/** What the writer needs of a connection: node's `ServerResponse` and any `Writable` are one. */
export interface SseOutput {
  write(chunk: string, callback: (err?: Error | null) => void): boolean;
  once(event: 'drain' | 'close' | 'finish', listener: () => void): unknown;
  off(event: 'drain' | 'close' | 'finish', listener: () => void): unknown;
  end(): unknown;
  destroy(): unknown;
  readonly writableNeedDrain: boolean;
  readonly writableEnded: boolean;
  readonly destroyed: boolean;
}

/** Writes an event stream to one client, holding back while the client's connection is full. */
export interface SseWriter {
  /**
   * Writes `text`, and calls `onSent` once it has gone to the connection. While the connection is full it waits
   * for 'drain' before resolving, so the gateway holds at most one event more than the connection's buffer.
   * @returns false when the client did not drain within the writer's limit, or the connection closed: the stream
   * should end (the client resumes with Last-Event-ID).
   */
  write(text: string, onSent?: () => void): Promise<boolean>;
  /** True while the connection is full: a keep-alive comment can wait. */
  readonly full: boolean;
  /** Ends the stream; a client that has not taken the rest within the writer's limit is cut off. */
  end(): void;
}

/** Resolves true on 'drain', false on 'close' or when `limitMs` pass first. */
function drained(out: SseOutput, limitMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const finish = (ok: boolean): void => {
      clearTimeout(timer);
      out.off('drain', onDrain);
      out.off('close', onClose);
      resolve(ok);
    };
    const onDrain = (): void => {
      finish(true);
    };
    const onClose = (): void => {
      finish(false);
    };
    const timer = setTimeout(onClose, limitMs);
    out.once('drain', onDrain);
    out.once('close', onClose);
  });
}

/**
 * A writer over `out` for a client that may take `slowClientMs` at most to make room in a full connection.
 * Longer, and it is too slow to follow the stream: the stream ends rather than the gateway buffering for it.
 */
export function sseWriter(out: SseOutput, slowClientMs: number): SseWriter {
  return {
    write: async (text, onSent) => {
      if (out.destroyed) {
        return false;
      }
      const room = out.write(text, (err) => {
        if (err == null) {
          onSent?.();
        }
      });
      return room || (await drained(out, slowClientMs));
    },
    get full() {
      return out.writableNeedDrain;
    },
    end: () => {
      if (out.writableEnded || out.destroyed) {
        return;
      }
      out.end();
      const cut = setTimeout(() => out.destroy(), slowClientMs);
      cut.unref();
      out.once('finish', () => {
        clearTimeout(cut);
      });
      out.once('close', () => {
        clearTimeout(cut);
      });
    },
  };
}
