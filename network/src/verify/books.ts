import type {
  ClaimRecord,
  PassRecord,
  RedemptionRecord,
  VoucherRecord,
} from '@stadspas/chaincode/vocabulary';

/**
 * The object types of the chaincode's composite keys that make the books (chaincode/src/ledger/keys.ts). The
 * index keys (`redemption~venue` ...) repeat what these hold and are left out.
 */
const BOOK_TYPES = { pass: 'pass', voucher: 'voucher', redemption: 'redemption', claim: 'claim' } as const;

/** The records a replay rebuilt, by kind, each list in key order. */
export interface Books {
  readonly passes: PassRecord[];
  readonly vouchers: VoucherRecord[];
  readonly redemptions: RedemptionRecord[];
  readonly claims: ClaimRecord[];
}

/** The object type of a composite key (`\0type\0attr\0...`), or undefined for a simple key. Never throws. */
export function compositeKeyType(key: string): string | undefined {
  if (!key.startsWith('\u0000')) {
    return undefined;
  }
  return key.slice(1, key.indexOf('\u0000', 1));
}

/**
 * Sorts a replayed world state into the books: passes, vouchers, redemptions and claims.
 * @throws SyntaxError when a record's value is not JSON.
 */
export function booksOf(state: ReadonlyMap<string, Uint8Array>): Books {
  const books: Books = { passes: [], vouchers: [], redemptions: [], claims: [] };
  const lists: Record<string, unknown[]> = {
    [BOOK_TYPES.pass]: books.passes,
    [BOOK_TYPES.voucher]: books.vouchers,
    [BOOK_TYPES.redemption]: books.redemptions,
    [BOOK_TYPES.claim]: books.claims,
  };
  for (const key of [...state.keys()].sort()) {
    const list = lists[compositeKeyType(key) ?? ''];
    const value = state.get(key);
    if (list !== undefined && value !== undefined) {
      list.push(JSON.parse(Buffer.from(value).toString('utf8')));
    }
  }
  return books;
}
