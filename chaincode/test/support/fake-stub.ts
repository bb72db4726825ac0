import { createHash } from 'node:crypto';
import type { Iterators, StateQueryResponse } from 'fabric-shim';
import type { LedgerStub } from '../../src/ledger/context';
import { createCompositeKey, splitCompositeKey } from './composite-keys';
import { timestampOf, type WorldState, type WriteSet } from './world-state';

type AsyncResult<T, I> = Promise<T> & AsyncIterable<I>;

function iterable<T, I>(result: T, items: readonly I[]): AsyncResult<T, I> {
  return Object.assign(Promise.resolve(result), {
    async *[Symbol.asyncIterator](): AsyncGenerator<I> {
      await Promise.resolve();
      yield* items;
    },
  });
}

function iteratorOver<T>(items: readonly T[]): Iterators.CommonIterator<T> {
  let index = 0;
  return {
    next: () => {
      const value = items[index];
      index += 1;
      return Promise.resolve(
        value === undefined ? { value: undefined as unknown as T, done: true } : { value, done: false },
      );
    },
    close: () => Promise.resolve(),
  };
}

/** What one invocation runs with: who and when are set by the test. */
export interface Invocation {
  readonly txId: string;
  readonly millis: number;
  readonly creatorMspId: string;
  /** The organisation of the peer that runs the chaincode (default: the creator's own). */
  readonly peerMspId?: string;
  readonly transient: ReadonlyMap<string, Uint8Array>;
}

/**
 * A chaincode stub over the in-memory world state that behaves like Fabric's where the chaincode
 * could notice: reads see only committed state (no read-your-writes), writes are buffered until
 * commit, only the last event survives, paginated queries are refused in transactions that write,
 * and private data is readable and writable only by members of the collection (its hashes by all).
 */
export class FakeStub implements LedgerStub {
  readonly #world: WorldState;
  readonly #invocation: Invocation;
  readonly #writes = new Map<string, Uint8Array | null>();
  readonly #privateWrites = new Map<string, Map<string, Uint8Array | null>>();
  #paginated = false;
  readonly keysRead = new Set<string>();
  /** How many entries the range scans returned: with the keys read, what a transaction's reads cost. */
  entriesScanned = 0;
  /** Every GetState in order, repeats included: each one is a round trip to the peer. */
  readonly stateReads: string[] = [];
  event: { name: string; payload: Uint8Array } | undefined;
  eventCount = 0;

  constructor(world: WorldState, invocation: Invocation) {
    this.#world = world;
    this.#invocation = invocation;
  }

  getTxID(): string {
    return this.#invocation.txId;
  }

  getDateTimestamp(): Date {
    return new Date(this.#invocation.millis);
  }

  getState(key: string): Promise<Uint8Array> {
    this.keysRead.add(key);
    this.stateReads.push(key);
    return Promise.resolve(this.#world.get(key) ?? new Uint8Array(0));
  }

  putState(key: string, value: Uint8Array): Promise<void> {
    // Fabric treats an empty value as a delete.
    this.#writes.set(key, value.length === 0 ? null : Uint8Array.from(value));
    return Promise.resolve();
  }

  deleteState(key: string): Promise<void> {
    this.#writes.set(key, null);
    return Promise.resolve();
  }

  createCompositeKey(objectType: string, attributes: string[]): string {
    return createCompositeKey(objectType, attributes);
  }

  splitCompositeKey(compositeKey: string): { objectType: string; attributes: string[] } {
    return splitCompositeKey(compositeKey);
  }

  getStateByPartialCompositeKey(
    objectType: string,
    attributes: string[],
  ): AsyncResult<Iterators.StateQueryIterator, Iterators.KV> {
    const items = this.#scan(createCompositeKey(objectType, attributes));
    return iterable(iteratorOver(items), items);
  }

  getStateByPartialCompositeKeyWithPagination(
    objectType: string,
    attributes: string[],
    pageSize: number,
    bookmark?: string,
  ): AsyncResult<StateQueryResponse<Iterators.StateQueryIterator>, Iterators.KV> {
    this.#paginated = true;
    const all = this.#scan(createCompositeKey(objectType, attributes));
    const start = bookmark === undefined || bookmark === '' ? 0 : all.findIndex((kv) => kv.key >= bookmark);
    const from = start < 0 ? all.length : start;
    const page = all.slice(from, from + pageSize);
    const next = all[from + pageSize];
    // Like fabric-shim: an empty page comes without metadata (the peer's is empty bytes, read as absent).
    const response = {
      iterator: iteratorOver(page),
      metadata:
        page.length === 0 ? undefined : { fetchedRecordsCount: page.length, bookmark: next?.key ?? '' },
    } as StateQueryResponse<Iterators.StateQueryIterator>;
    return iterable(response, page);
  }

  #scan(prefix: string): Iterators.KV[] {
    this.keysRead.add(`${prefix}*`);
    const keys = this.#world.keysWithPrefix(prefix);
    this.entriesScanned += keys.length;
    return keys.map((key) => ({
      namespace: 'stadspas',
      key,
      value: this.#world.get(key) ?? new Uint8Array(0),
    }));
  }

  getHistoryForKey(key: string): AsyncResult<Iterators.HistoryQueryIterator, Iterators.KeyModification> {
    // Fabric returns the newest change first.
    const changes = [...this.#world.history(key)].reverse().map((change) => ({
      txId: change.txId,
      timestamp: timestampOf(change.millis),
      isDelete: change.value === null,
      value: change.value ?? new Uint8Array(0),
    }));
    return iterable(iteratorOver(changes), changes);
  }

  setEvent(name: string, payload: Uint8Array): void {
    this.event = { name, payload };
    this.eventCount += 1;
  }

  getMspID(): string {
    return this.#invocation.peerMspId ?? this.#invocation.creatorMspId;
  }

  getTransient(): Map<string, Uint8Array> {
    return new Map(this.#invocation.transient);
  }

  getPrivateData(collection: string, key: string): Promise<Uint8Array> {
    this.#requireMember(collection);
    return Promise.resolve(this.#world.getPrivate(collection, key) ?? new Uint8Array(0));
  }

  /**
   * Like Fabric: sha256 of the committed value's bytes, empty when absent. Every peer keeps these
   * hashes, so members and non-members of the collection alike may read them.
   */
  getPrivateDataHash(collection: string, key: string): Promise<Uint8Array> {
    this.#requireCollection(collection);
    const value = this.#world.getPrivate(collection, key);
    return Promise.resolve(
      value === undefined ? new Uint8Array(0) : Uint8Array.from(createHash('sha256').update(value).digest()),
    );
  }

  putPrivateData(collection: string, key: string, value: Uint8Array): Promise<void> {
    this.#requireMember(collection);
    this.#privateWritesOf(collection).set(key, Uint8Array.from(value));
    return Promise.resolve();
  }

  purgePrivateData(collection: string, key: string): Promise<void> {
    this.#requireMember(collection);
    this.#privateWritesOf(collection).set(key, null);
    return Promise.resolve();
  }

  #privateWritesOf(collection: string): Map<string, Uint8Array | null> {
    const writes = this.#privateWrites.get(collection) ?? new Map<string, Uint8Array | null>();
    this.#privateWrites.set(collection, writes);
    return writes;
  }

  #requireCollection(collection: string): readonly string[] {
    const members = this.#world.collectionMembers[collection];
    if (members === undefined) {
      throw new Error(`collection ${collection} is not defined`);
    }
    return members;
  }

  // Only a member's peer holds the collection (memberOnlyWrite: the client's organisation must be one too).
  #requireMember(collection: string): void {
    if (!this.#requireCollection(collection).includes(this.getMspID())) {
      throw new Error(
        `tx creator does not have read access permission on privatedata in chaincodeName:stadspas collectionName: ${collection}`,
      );
    }
  }

  /**
   * The write set to commit.
   *
   * @throws {Error} when the transaction wrote after a paginated query, as Fabric refuses.
   */
  writeSet(): WriteSet {
    if (this.#paginated && (this.#writes.size > 0 || this.#privateWrites.size > 0)) {
      throw new Error('paginated queries are only valid for read-only transactions');
    }
    return {
      txId: this.#invocation.txId,
      millis: this.#invocation.millis,
      writes: this.#writes,
      privateWrites: this.#privateWrites,
    };
  }
}
