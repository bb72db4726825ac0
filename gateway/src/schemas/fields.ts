import { bookmark, pageSize, passIdRequest } from '@stadspas/chaincode/vocabulary';
import { z } from '../http/zod';

// The gateway's own request parts. Everything that reaches the ledger is described once, in the chaincode's
// vocabulary; the schemas here only adapt those to HTTP (path parameters, query strings).

/** A query-string number: digits become a number that the vocabulary's schema then checks; other text fails it. */
export function fromQueryString<T extends z.ZodType>(schema: T): z.ZodType<z.output<T>> {
  return z.preprocess(
    (value) => (typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value),
    schema,
  );
}

/** `{passId}` in a path. */
export const passIdParams = passIdRequest;

/** Paging of a list in a query string: page size and the bookmark of the previous page. */
export const pageQuery = {
  pageSize: fromQueryString(pageSize).optional(),
  bookmark: bookmark.optional(),
};

/**
 * The order of a listing: `oldest` (the default) in booking order from the ledger, `newest` newest first from the
 * gateway's read model, each `bookmark` then leading to the next older page.
 */
export const listOrder = z
  .enum(['oldest', 'newest'])
  .optional()
  .describe(
    'oldest (default): in booking order, from the ledger; newest: newest first, from this gateway’s read model, each bookmark leading to older ones',
  );

/** No body fields: an action on the resource in the path. */
export const emptyBody = z.strictObject({});
