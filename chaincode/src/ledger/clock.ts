import type { TxContext } from './context';

/**
 * "Now" of the transaction: the proposal's timestamp, identical on every endorsing peer.
 * Never the peer's own clock.
 */
export function nowOf(ctx: TxContext): string {
  return ctx.stub.getDateTimestamp().toISOString();
}

/** Seconds between two ISO timestamps (b - a). */
export function secondsBetween(a: string, b: string): number {
  return (Date.parse(b) - Date.parse(a)) / 1000;
}
