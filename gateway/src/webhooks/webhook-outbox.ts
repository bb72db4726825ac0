import { eventNumbering, formatEventId } from '../events/event-id';
import { isVisibleTo } from '../events/event-visibility';
import type { LedgerEvent } from '../ledger/ledger-adapter';
import type { DecodedBlock } from '../read-model/block-transactions';
import type { BlockConsumer } from '../read-model/read-model';
import type { WebhookStore } from './webhook-store';

/** What a receiver gets: the event as the SSE stream sends it, with its id. */
export interface WebhookBody {
  readonly id: string;
  readonly eventName: string;
  readonly blockNumber: string;
  readonly transactionId: string;
  readonly payload: unknown;
}

function parsePayload(bytes: Uint8Array): unknown {
  const text = Buffer.from(bytes).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The chaincode events of a block with their ids `<block>.<index>`, numbered as the SSE stream numbers them. */
export function eventsOf(block: DecodedBlock): { id: string; event: LedgerEvent }[] {
  const positionOf = eventNumbering();
  return block.transactions
    .flatMap((transaction) =>
      transaction.event === undefined
        ? []
        : [
            {
              blockNumber: block.blockNumber,
              transactionId: transaction.transactionId,
              eventName: transaction.event.eventName,
              payload: parsePayload(transaction.event.payload),
            },
          ],
    )
    .map((event) => ({ id: formatEventId(positionOf(event.blockNumber)), event }));
}

/**
 * Queues, for each webhook, the events of each block that its owner may see (the event stream's visibility
 * rules) and that it asked for; each webhook's checkpoint moves past the block in the same transaction, so a
 * restart neither loses nor queues an event twice.
 */
export function webhookOutbox(store: WebhookStore, municipality: boolean): BlockConsumer {
  return {
    nextBlock: () =>
      store.stored().reduce((min, webhook) => (webhook.nextBlock < min ? webhook.nextBlock : min), 2n ** 63n),
    applyBlock: (block) => {
      const webhooks = store.stored().filter((webhook) => webhook.nextBlock <= block.blockNumber);
      const deliveries = eventsOf(block).flatMap(({ id, event }) =>
        webhooks
          .filter(
            (w) => isVisibleTo(w.owner, event, municipality) && (w.events?.includes(event.eventName) ?? true),
          )
          .map((w) => {
            const body: WebhookBody = {
              id,
              eventName: event.eventName,
              blockNumber: event.blockNumber.toString(),
              transactionId: event.transactionId,
              payload: event.payload,
            };
            return {
              webhookId: w.webhookId,
              eventId: id,
              eventName: event.eventName,
              body: JSON.stringify(body),
            };
          }),
      );
      store.queue(block.blockNumber, deliveries);
    },
  };
}
