/**
 * How long delivered deliveries are kept, so the deliveries table stays bounded. A pending delivery is kept
 * whatever its age: it is not delivered yet.
 */
export interface DeliveryRetention {
  /** A delivered delivery older than this (since it was delivered) is deleted. */
  readonly maxAgeMs: number;
  /** Of each webhook's delivered deliveries, only this many of the newest are kept. */
  readonly keepPerWebhook: number;
}

/** A week, and at most a thousand per webhook: enough to look back at what a partner got. */
export const defaultDeliveryRetention: DeliveryRetention = {
  maxAgeMs: 7 * 24 * 60 * 60 * 1000,
  keepPerWebhook: 1_000,
};
