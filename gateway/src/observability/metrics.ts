import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The gateway's Prometheus metrics, on a registry of its own so several apps in one process do not clash. */
export interface Metrics {
  readonly registry: Registry;
  /** Ledger call latency, labelled by transaction name and outcome (`ok` or the error code). */
  readonly transactionSeconds: Histogram<'transaction' | 'outcome'>;
  /** HTTP requests, labelled by route pattern, method and status. */
  readonly httpRequests: Counter<'route' | 'method' | 'status'>;
}

/** Creates the metrics; `withDefaults` adds Node process metrics (off in tests). */
export function createMetrics(withDefaults = false): Metrics {
  const registry = new Registry();
  if (withDefaults) {
    collectDefaultMetrics({ register: registry });
  }
  return {
    registry,
    transactionSeconds: new Histogram({
      name: 'stadspas_gateway_transaction_seconds',
      help: 'Latency of ledger transactions as seen by the gateway',
      labelNames: ['transaction', 'outcome'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30],
      registers: [registry],
    }),
    httpRequests: new Counter({
      name: 'stadspas_gateway_http_requests_total',
      help: 'HTTP requests answered by the gateway',
      labelNames: ['route', 'method', 'status'],
      registers: [registry],
    }),
  };
}
