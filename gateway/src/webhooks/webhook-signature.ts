import { createHmac, timingSafeEqual } from 'node:crypto';

/** The headers of a delivery: which event, when it was signed, and the signature. */
export const webhookHeaderNames = {
  eventId: 'x-stadspas-event-id',
  timestamp: 'x-stadspas-timestamp',
  signature: 'x-stadspas-signature',
} as const;

/**
 * The signature of a delivery: `sha256=` and the hex HMAC-SHA256, keyed with the registration's secret, of
 * `<timestamp>.<body>` (the timestamp in Unix seconds, the body as sent), so a receiver can refuse both an
 * altered body and an old delivery replayed.
 */
export function signDelivery(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret)
    .update(`${String(timestamp)}.${body}`)
    .digest('hex');
  return `sha256=${mac}`;
}

/** The headers that go with a delivery of one event, signed now. */
export function deliveryHeaders(
  secret: string,
  eventId: string,
  body: string,
  nowMs: number,
): Record<string, string> {
  const timestamp = Math.floor(nowMs / 1000);
  return {
    'content-type': 'application/json',
    [webhookHeaderNames.eventId]: eventId,
    [webhookHeaderNames.timestamp]: String(timestamp),
    [webhookHeaderNames.signature]: signDelivery(secret, timestamp, body),
  };
}

/**
 * What a receiver checks: the signature matches (compared in constant time) and the timestamp is within
 * `toleranceSeconds` of its own clock.
 */
export function verifyDelivery(
  secret: string,
  headers: { readonly timestamp: string; readonly signature: string },
  body: string,
  nowMs: number,
  toleranceSeconds = 300,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!/^\d{1,12}$/.test(headers.timestamp) || Math.abs(nowMs / 1000 - timestamp) > toleranceSeconds) {
    return false;
  }
  const expected = Buffer.from(signDelivery(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
