import type { RouteResult } from '../http/route-spec';

/** The header that tells a client which transaction booked its request. */
export const transactionIdHeader = 'X-Transaction-Id';

/** The answer to a committed write: its result as JSON, its transaction id as a header. */
export function committed(submitted: {
  readonly result: unknown;
  readonly transactionId: string;
}): RouteResult {
  return { body: submitted.result, headers: { [transactionIdHeader]: submitted.transactionId } };
}

/** The answer to a read. */
export function ok(body: unknown): RouteResult {
  return { body };
}
