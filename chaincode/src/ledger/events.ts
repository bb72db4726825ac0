import type { EventName, EventPayloads } from '../vocabulary';
import type { TxContext } from './context';
import { toBytes } from './json';

/**
 * Emits the transaction's chaincode event. Call once per transaction: Fabric keeps only the last.
 */
export function emit<N extends EventName>(ctx: TxContext, name: N, payload: EventPayloads[N]): void {
  ctx.stub.setEvent(name, toBytes(payload));
}
