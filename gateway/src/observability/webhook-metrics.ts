import { Gauge, type Registry } from 'prom-client';
import type { DeliveryTotals } from '../webhooks/webhook-store';

/**
 * Registers the webhooks' gauges, read from the store when Prometheus scrapes: deliveries by status (pending
 * ones grow while a receiver is down or its webhook paused) and the paused webhooks, which wait for an admin.
 */
export function registerWebhookMetrics(registry: Registry, totals: () => DeliveryTotals): void {
  new Gauge({
    name: 'stadspas_webhook_deliveries',
    help: 'Webhook deliveries kept, by status',
    labelNames: ['status'],
    registers: [registry],
    collect() {
      const { pending, delivered } = totals();
      this.set({ status: 'pending' }, pending);
      this.set({ status: 'delivered' }, delivered);
    },
  });
  new Gauge({
    name: 'stadspas_webhooks_paused',
    help: 'Webhooks paused after their retry schedule ran out, waiting for an admin to resume them',
    registers: [registry],
    collect() {
      this.set(totals().pausedWebhooks);
    },
  });
}
