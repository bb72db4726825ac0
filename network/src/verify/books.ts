import {
  KeyType,
  parseCompositeKey,
  type ClaimRecord,
  type PassRecord,
  type RedemptionRecord,
  type VoucherRecord,
} from '@stadspas/chaincode/vocabulary';

/** The records a replay rebuilt, by kind, each list in key order. */
export interface Books {
  readonly passes: PassRecord[];
  readonly vouchers: VoucherRecord[];
  readonly redemptions: RedemptionRecord[];
  readonly claims: ClaimRecord[];
}

/**
 * Sorts a replayed world state into the books: passes, vouchers, redemptions and claims.
 * @throws SyntaxError when a record's value is not JSON.
 */
export function booksOf(state: ReadonlyMap<string, Uint8Array>): Books {
  const books: Books = { passes: [], vouchers: [], redemptions: [], claims: [] };
  // The records that make the books; the index keys (`redemption~venue` ...) repeat what these hold.
  const lists: Record<string, unknown[]> = {
    [KeyType.pass]: books.passes,
    [KeyType.voucher]: books.vouchers,
    [KeyType.redemption]: books.redemptions,
    [KeyType.claim]: books.claims,
  };
  for (const key of [...state.keys()].sort()) {
    const list = lists[parseCompositeKey(key)?.type ?? ''];
    const value = state.get(key);
    if (list !== undefined && value !== undefined) {
      list.push(JSON.parse(Buffer.from(value).toString('utf8')));
    }
  }
  return books;
}
