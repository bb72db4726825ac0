/** An amount in a voucher's unit as people read it: euros from cents, or a count of entries. */
export function formatAmount(amount: number, unit: string): string {
  if (unit === 'cents') {
    return `€ ${(amount / 100).toFixed(2)}`;
  }
  return `${String(amount)} ${amount === 1 ? 'entry' : 'entries'}`;
}

/** The date part of an ISO timestamp (UTC). */
export function formatDate(iso: string): string {
  return iso.slice(0, 10);
}

/**
 * The last day an end timestamp still covers (UTC): the API's ends are exclusive, so a pass valid "until
 * 31 December" ends at 1 January 00:00.
 */
export function formatLastDay(iso: string): string {
  return new Date(Date.parse(iso) - 1).toISOString().slice(0, 10);
}
