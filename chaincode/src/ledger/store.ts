import { createHash } from 'node:crypto';
import type { Iterators, StateQueryResponse } from 'fabric-shim';
import { fail } from '../errors';
import type { HistoryEntry, StateDigest } from '../vocabulary';
import type { TxContext } from './context';
import { fromBytes, toBytes } from './json';
import { encodeKey, type KeyParts, type KeyTypeName } from './keys';

/** Index entries carry no data (the key says it all), but Fabric treats an empty value as a delete. */
const INDEX_MARKER = Uint8Array.of(0);

/** A record found by a scan, with the attributes of its composite key. */
export interface ScanEntry<T> {
  readonly attributes: string[];
  readonly value: T;
}

/** A page of a scan; `bookmark` is '' after the last page. */
export interface ScanPage<T> {
  readonly entries: ScanEntry<T>[];
  readonly bookmark: string;
  readonly fetchedCount: number;
}

type PagedResponse = StateQueryResponse<Iterators.StateQueryIterator>;

/** fabric-shim leaves the metadata out for an empty page, whatever its type says. */
function metadataOf(response: PagedResponse): PagedResponse['metadata'] | undefined {
  return response.metadata;
}

/** Reads a record; `undefined` when the key does not exist. */
export async function readRecord<T>(ctx: TxContext, parts: KeyParts): Promise<T | undefined> {
  const bytes = await ctx.stub.getState(encodeKey(ctx.stub, parts));
  return bytes.length === 0 ? undefined : (fromBytes(bytes) as T);
}

/** Writes a record as canonical JSON. */
export async function writeRecord(ctx: TxContext, parts: KeyParts, value: unknown): Promise<void> {
  await ctx.stub.putState(encodeKey(ctx.stub, parts), toBytes(value));
}

/** Deletes a key (its history stays on the ledger). */
export async function deleteRecord(ctx: TxContext, parts: KeyParts): Promise<void> {
  await ctx.stub.deleteState(encodeKey(ctx.stub, parts));
}

/** Writes an index key whose attributes carry the information. */
export async function writeIndex(ctx: TxContext, parts: KeyParts): Promise<void> {
  await ctx.stub.putState(encodeKey(ctx.stub, parts), INDEX_MARKER);
}

/** Deletes an index key. */
export async function deleteIndex(ctx: TxContext, parts: KeyParts): Promise<void> {
  await deleteRecord(ctx, parts);
}

/** Every key of a type whose attributes start with `prefix`, in key order. */
export async function scan<T>(ctx: TxContext, type: KeyTypeName, prefix: string[]): Promise<ScanEntry<T>[]> {
  const entries: ScanEntry<T>[] = [];
  for await (const kv of ctx.stub.getStateByPartialCompositeKey(type, prefix)) {
    entries.push(toEntry<T>(ctx, kv));
  }
  return entries;
}

/**
 * One page of a partial-key scan, each entry mapped by `entryOf`. Fabric allows paginated queries only in
 * read-only (evaluated) transactions, so only queries call this. A bookmark is the key the next page starts at,
 * so it lies inside the scanned range; Fabric itself would take any other string as a start key and answer an
 * empty page.
 *
 * @throws {ChaincodeError} INVALID_ARGUMENT for a bookmark that is not a key of this scan.
 */
async function pageOf<E>(
  ctx: TxContext,
  type: KeyTypeName,
  prefix: string[],
  pageSize: number,
  bookmark: string,
  entryOf: (kv: Iterators.KV) => E,
): Promise<{ entries: E[]; bookmark: string; fetchedCount: number }> {
  if (bookmark !== '' && !bookmark.startsWith(ctx.stub.createCompositeKey(type, prefix))) {
    fail('INVALID_ARGUMENT', 'bookmark must be the bookmark of a previous page of this list');
  }
  const response = await ctx.stub.getStateByPartialCompositeKeyWithPagination(
    type,
    prefix,
    pageSize,
    bookmark,
  );
  const { iterator } = response;
  const metadata = metadataOf(response);
  const entries: E[] = [];
  try {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      entries.push(entryOf(next.value));
    }
  } finally {
    await iterator.close();
  }
  // An empty page has no next page.
  return { entries, bookmark: metadata?.bookmark ?? '', fetchedCount: metadata?.fetchedRecordsCount ?? 0 };
}

/**
 * One page of a partial-key scan, values parsed.
 * @throws {ChaincodeError} INVALID_ARGUMENT for a bookmark that is not a key of this scan.
 */
export async function scanPage<T>(
  ctx: TxContext,
  type: KeyTypeName,
  prefix: string[],
  pageSize: number,
  bookmark: string,
): Promise<ScanPage<T>> {
  return pageOf(ctx, type, prefix, pageSize, bookmark, (kv) => toEntry<T>(ctx, kv));
}

/**
 * One page of the keys of a type with the SHA-256 of each stored value, as bytes: what a replay of the blocks
 * can be compared with key by key.
 * @throws {ChaincodeError} INVALID_ARGUMENT for a bookmark that is not a key of this type.
 */
export async function digestPage(
  ctx: TxContext,
  type: KeyTypeName,
  pageSize: number,
  bookmark: string,
): Promise<{ entries: StateDigest[]; bookmark: string; fetchedCount: number }> {
  return pageOf(ctx, type, [], pageSize, bookmark, (kv) => ({
    key: kv.key,
    sha256: createHash('sha256').update(kv.value).digest('hex'),
  }));
}

function toEntry<T>(ctx: TxContext, kv: Iterators.KV): ScanEntry<T> {
  const { attributes } = ctx.stub.splitCompositeKey(kv.key);
  const isIndex = kv.value.length === 1 && kv.value[0] === 0;
  return { attributes, value: (isIndex ? undefined : fromBytes(kv.value)) as T };
}

/** The key's history from the ledger, newest first (Fabric's order). */
export async function keyHistory<T>(ctx: TxContext, parts: KeyParts): Promise<HistoryEntry<T>[]> {
  const history: HistoryEntry<T>[] = [];
  for await (const change of ctx.stub.getHistoryForKey(encodeKey(ctx.stub, parts))) {
    // Typed as Long, but the shim hands over protobuf `toObject()` output where seconds is a number;
    // Number() reads both.
    const millis = Number(change.timestamp.seconds) * 1000 + Math.floor(change.timestamp.nanos / 1e6);
    history.push({
      txId: change.txId,
      at: new Date(millis).toISOString(),
      isDelete: change.isDelete,
      value: change.isDelete ? undefined : (fromBytes(change.value) as T),
    });
  }
  return history;
}

/** Reads a record of a private data collection; `undefined` when absent. */
export async function readPrivate<T>(
  ctx: TxContext,
  collection: string,
  parts: KeyParts,
): Promise<T | undefined> {
  const bytes = await ctx.stub.getPrivateData(collection, encodeKey(ctx.stub, parts));
  return bytes.length === 0 ? undefined : (fromBytes(bytes) as T);
}

/**
 * The hex hash Fabric keeps of a private record (sha256 of its stored bytes); `undefined` when
 * absent. Every peer of the channel holds these hashes, members of the collection or not, so a
 * public transaction endorsed by any organisation can read it.
 */
export async function readPrivateHash(
  ctx: TxContext,
  collection: string,
  parts: KeyParts,
): Promise<string | undefined> {
  const hash = await ctx.stub.getPrivateDataHash(collection, encodeKey(ctx.stub, parts));
  return hash.length === 0 ? undefined : Buffer.from(hash).toString('hex');
}

/** Writes a record to a private data collection. */
export async function writePrivate(
  ctx: TxContext,
  collection: string,
  parts: KeyParts,
  value: unknown,
): Promise<void> {
  await ctx.stub.putPrivateData(collection, encodeKey(ctx.stub, parts), toBytes(value));
}

/** Erases a private record and its past versions from every member peer (right to erasure). */
export async function purgePrivate(ctx: TxContext, collection: string, parts: KeyParts): Promise<void> {
  await ctx.stub.purgePrivateData(collection, encodeKey(ctx.stub, parts));
}
