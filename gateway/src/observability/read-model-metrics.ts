import { Gauge, type Registry } from 'prom-client';

/** What the read model's gauges read: the next block it applies, and the channel's height at the peer. */
export interface ReadModelProgress {
  readonly nextBlock: () => bigint;
  readonly blockHeight: () => Promise<bigint>;
}

/** Blocks the read model is behind a peer of this height; 0 once it has applied every block the peer has. */
export function lagOf(nextBlock: bigint, height: bigint): number {
  return Number(height > nextBlock ? height - nextBlock : 0n);
}

/**
 * Registers the read model's gauges: the blocks it has applied, and how many it is behind the peer, both read
 * when Prometheus scrapes. While no peer answers, the lag reads NaN (unknown) rather than 0.
 */
export function registerReadModelMetrics(registry: Registry, progress: ReadModelProgress): void {
  new Gauge({
    name: 'stadspas_read_model_blocks_applied',
    help: 'Blocks the reports read model has applied (the next block it applies)',
    registers: [registry],
    collect() {
      this.set(Number(progress.nextBlock()));
    },
  });
  new Gauge({
    name: 'stadspas_read_model_lag_blocks',
    help: 'Blocks the reports read model is behind the peer; NaN while no peer answers',
    registers: [registry],
    async collect() {
      try {
        this.set(lagOf(progress.nextBlock(), await progress.blockHeight()));
      } catch {
        this.set(Number.NaN);
      }
    },
  });
}
