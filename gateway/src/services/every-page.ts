import type { Page } from '@stadspas/chaincode/vocabulary';

/**
 * Every item of a paged ledger listing, read page after page to its end: an empty page or an empty bookmark ends
 * it. `page` reads one page from a bookmark (undefined for the first).
 */
export async function everyPage<T>(page: (bookmark: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let bookmark: string | undefined;
  do {
    const next = await page(bookmark);
    items.push(...next.items);
    bookmark = next.items.length === 0 || next.bookmark === '' ? undefined : next.bookmark;
  } while (bookmark !== undefined);
  return items;
}
