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
