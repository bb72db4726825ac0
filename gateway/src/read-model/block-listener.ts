import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { decodeBlock } from './block-transactions';
import type { BlockSource } from './block-source';
import type { BlockConsumer } from './read-model';

/** Options of {@link startBlockListener}. */
export interface BlockListenerOptions {
  readonly source: BlockSource;
  /** The chaincode whose writes and events are decoded. */
  readonly chaincode: string;
  readonly consumers: readonly BlockConsumer[];
  readonly logger: Logger;
  /** First pause before reconnecting after an error; doubles up to `maxRetryMs`. */
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
}

/** A running block listener. */
export interface BlockListener {
  /** Stops listening; resolves once the block being applied (if any) is done. */
  stop(): Promise<void>;
}

function startOf(consumers: readonly BlockConsumer[]): bigint {
  return consumers.reduce((min, c) => (c.nextBlock() < min ? c.nextBlock() : min), 2n ** 64n - 1n);
}

/**
 * Reads blocks from the consumers' lowest checkpoint until the stream ends or `signal` aborts, handing each
 * consumer the blocks at or past its own checkpoint.
 * @throws whatever the source or a consumer throws.
 */
async function follow(
  options: BlockListenerOptions,
  signal: AbortSignal,
  onBlock: () => void,
): Promise<void> {
  const stream = await options.source.blocks(startOf(options.consumers));
  const close = (): void => {
    stream.close();
  };
  signal.addEventListener('abort', close);
  try {
    for await (const block of stream) {
      const decoded = decodeBlock(block, options.chaincode);
      for (const consumer of options.consumers) {
        if (decoded.blockNumber >= consumer.nextBlock()) {
          consumer.applyBlock(decoded);
        }
      }
      onBlock();
    }
  } finally {
    signal.removeEventListener('abort', close);
    stream.close();
  }
}

/**
 * Keeps consumers up to date: reads blocks from the lowest of their checkpoints and hands each consumer the
 * blocks at or past its own checkpoint, so each applies every block once. After any error (a peer lost, a block
 * a consumer refused) it reconnects from the checkpoints again, with doubling pauses.
 */
export function startBlockListener(options: BlockListenerOptions): BlockListener {
  const stopping = new AbortController();
  const firstPauseMs = options.retryMs ?? 500;
  const run = async (): Promise<void> => {
    let pauseMs = firstPauseMs;
    while (!stopping.signal.aborted) {
      try {
        await follow(options, stopping.signal, () => {
          pauseMs = firstPauseMs;
        });
      } catch (err) {
        options.logger.warn({ err, retryInMs: pauseMs }, 'block listener lost its stream; reconnecting');
      }
      await sleep(pauseMs, undefined, { signal: stopping.signal }).catch(() => undefined);
      pauseMs = Math.min(pauseMs * 2, options.maxRetryMs ?? 10_000);
    }
  };
  const running = run();
  return {
    stop: async () => {
      stopping.abort();
      await running;
    },
  };
}
