/**
 * Where an event sits on the ledger: its block and its place among the chaincode events of that block. A
 * transaction emits at most one chaincode event, so the place is stable on every replay of the block.
 */
export interface EventPosition {
  readonly blockNumber: bigint;
  readonly index: number;
}

const eventIdPattern = /^(\d{1,20})\.(\d{1,6})$/;

/** Fabric numbers blocks with unsigned 64-bit integers. */
const maxBlockNumber = 2n ** 64n - 1n;

/**
 * Numbers chaincode events read in ledger order: each gets its place among the events of its block, counted
 * whether or not its reader may see it, so an id names the same event for every reader and every replay. The
 * event stream and the webhooks both number with this.
 */
export function eventNumbering(): (blockNumber: bigint) => EventPosition {
  let block = -1n;
  let index = -1;
  return (blockNumber) => {
    index = blockNumber === block ? index + 1 : 0;
    block = blockNumber;
    return { blockNumber, index };
  };
}

/** The SSE event id of a position: `<block>.<index>`. */
export function formatEventId(position: EventPosition): string {
  return `${position.blockNumber.toString()}.${String(position.index)}`;
}

/** The position named by an SSE event id, or undefined when it is not of the `<block>.<index>` form. */
export function parseEventId(id: string): EventPosition | undefined {
  const match = eventIdPattern.exec(id.trim());
  if (match?.[1] === undefined || match[2] === undefined) {
    return undefined;
  }
  const blockNumber = BigInt(match[1]);
  return blockNumber > maxBlockNumber ? undefined : { blockNumber, index: Number(match[2]) };
}

/** True when `a` comes after `b` on the ledger. */
export function isAfter(a: EventPosition, b: EventPosition): boolean {
  return a.blockNumber > b.blockNumber || (a.blockNumber === b.blockNumber && a.index > b.index);
}
