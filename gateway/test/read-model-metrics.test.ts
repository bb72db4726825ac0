import { Registry } from 'prom-client';
import { lagOf, registerReadModelMetrics } from '../src/observability/read-model-metrics';

describe("the read model's metrics", () => {
  it('when the peer is ahead, then the lag is the blocks between; when the read model has caught up, it is 0', () => {
    expect(lagOf(5n, 8n)).toBe(3);
    expect(lagOf(8n, 8n)).toBe(0);
    expect(lagOf(9n, 8n)).toBe(0);
  });

  it('when Prometheus scrapes, then the blocks applied and the lag behind the peer are read at that moment', async () => {
    const registry = new Registry();
    let next = 5n;
    registerReadModelMetrics(registry, { nextBlock: () => next, blockHeight: () => Promise.resolve(8n) });

    expect(await registry.metrics()).toMatch(
      /stadspas_read_model_blocks_applied 5\n[\s\S]*stadspas_read_model_lag_blocks 3\n/,
    );
    next = 8n;
    expect(await registry.metrics()).toMatch(/stadspas_read_model_lag_blocks 0\n/);
  });

  it('when no peer answers, then the lag reads NaN, not 0', async () => {
    const registry = new Registry();
    registerReadModelMetrics(registry, {
      nextBlock: () => 5n,
      blockHeight: () => Promise.reject(new Error('UNAVAILABLE: no peer')),
    });

    expect(await registry.metrics()).toMatch(/stadspas_read_model_lag_blocks nan\n/i);
  });
});
