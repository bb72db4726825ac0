import { Gauge, type Registry } from 'prom-client';
import type { CertificateExpiry } from './certificate-expiry';

/**
 * Registers the node's certificate gauges, read when Prometheus scrapes: when its earliest certificate expires
 * (Unix seconds), and the days left until then. An alert on the days left warns before the city stops booking.
 */
export function registerCertificateMetrics(
  registry: Registry,
  earliest: () => CertificateExpiry | undefined,
): void {
  new Gauge({
    name: 'stadspas_certificate_earliest_expiry_seconds',
    help: "When the node's earliest-expiring certificate expires, in Unix seconds",
    registers: [registry],
    collect() {
      const first = earliest();
      this.set(first === undefined ? Number.NaN : Math.floor(first.notAfter.getTime() / 1000));
    },
  });
  new Gauge({
    name: 'stadspas_certificate_days_left',
    help: "Whole days until the node's earliest-expiring certificate expires",
    registers: [registry],
    collect() {
      this.set(earliest()?.daysLeft ?? Number.NaN);
    },
  });
}
