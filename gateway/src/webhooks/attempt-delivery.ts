import { deliveryHeaders } from './webhook-signature';
import type { AttemptOutcome, DueDelivery, DueWebhook } from './webhook-store';

/** Sends one HTTP POST; the seam tests replace. Resolves with the status code, rejects on network errors. */
export type PostFunction = (
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
) => Promise<number>;

function messageOf(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return `${err.message}${cause}`;
  }
  return String(err);
}

/**
 * Attempts one delivery to its webhook, signed at the moment it is sent. Any 2xx answer delivers it; any other
 * answer, or none within `timeoutMs`, fails it. A failure without a status code means the receiver did not
 * answer at all.
 */
export async function attemptDelivery(
  webhook: Pick<DueWebhook, 'url' | 'secret'>,
  delivery: DueDelivery,
  post: PostFunction,
  nowMs: number,
  timeoutMs: number,
): Promise<AttemptOutcome> {
  try {
    const headers = deliveryHeaders(webhook.secret, delivery.eventId, delivery.body, nowMs);
    const statusCode = await post(webhook.url, headers, delivery.body, timeoutMs);
    return statusCode >= 200 && statusCode < 300
      ? { ok: true, statusCode }
      : { ok: false, statusCode, error: `receiver answered ${String(statusCode)}` };
  } catch (err) {
    return { ok: false, error: messageOf(err) };
  }
}
