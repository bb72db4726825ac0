/**
 * How many of `total` organisations make a majority: more than half. The scheme's decisions, the chaincode's
 * endorsement policy and the channel's configuration updates all count this way.
 */
export function majorityOf(total: number): number {
  return Math.floor(total / 2) + 1;
}

/** Whether `count` of `total` organisations are a majority. */
export function isMajority(count: number, total: number): boolean {
  return count >= majorityOf(total);
}
