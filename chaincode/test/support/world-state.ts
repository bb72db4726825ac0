import type Long from 'long';

/** One committed change of a key, as Fabric's history database keeps it. */
export interface Change {
  readonly txId: string;
  readonly millis: number;
  readonly value: Uint8Array | null;
}

/** What a successful transaction hands over to commit. */
export interface WriteSet {
  readonly txId: string;
  readonly millis: number;
  readonly writes: ReadonlyMap<string, Uint8Array | null>;
  readonly privateWrites: ReadonlyMap<string, ReadonlyMap<string, Uint8Array | null>>;
}

/**
 * The committed ledger of the in-memory network: public world state with key history, and private
 * collections with their member organisations.
 */
export class WorldState {
  readonly #state = new Map<string, Uint8Array>();
  readonly #history = new Map<string, Change[]>();
  readonly #collections = new Map<string, Map<string, Uint8Array>>();

  constructor(readonly collectionMembers: Readonly<Record<string, readonly string[]>>) {}

  get(key: string): Uint8Array | undefined {
    return this.#state.get(key);
  }

  /** Keys starting with a prefix, in byte order (ASCII keys: string order). */
  keysWithPrefix(prefix: string): string[] {
    return [...this.#state.keys()].filter((key) => key.startsWith(prefix)).sort();
  }

  history(key: string): readonly Change[] {
    return this.#history.get(key) ?? [];
  }

  getPrivate(collection: string, key: string): Uint8Array | undefined {
    return this.#collections.get(collection)?.get(key);
  }

  /** A copy of everything, for "nothing changed" assertions. */
  snapshot(): string {
    const publicState = [...this.#state.entries()].map(([key, value]) => [
      key,
      Buffer.from(value).toString('hex'),
    ]);
    const privateState = [...this.#collections.entries()].map(([name, data]) => [
      name,
      [...data.entries()].map(([key, value]) => [key, Buffer.from(value).toString('hex')]),
    ]);
    return JSON.stringify({ publicState, privateState });
  }

  commit(writeSet: WriteSet): void {
    for (const [key, value] of writeSet.writes) {
      if (value === null) {
        this.#state.delete(key);
      } else {
        this.#state.set(key, value);
      }
      const changes = this.#history.get(key) ?? [];
      changes.push({ txId: writeSet.txId, millis: writeSet.millis, value });
      this.#history.set(key, changes);
    }
    for (const [collection, writes] of writeSet.privateWrites) {
      const data = this.#collections.get(collection) ?? new Map<string, Uint8Array>();
      for (const [key, value] of writes) {
        if (value === null) {
          data.delete(key);
        } else {
          data.set(key, value);
        }
      }
      this.#collections.set(collection, data);
    }
  }
}

/**
 * A history timestamp as fabric-shim really delivers it: protobuf `Timestamp.toObject()`, whose
 * seconds is a plain number although the shim's types declare a Long.
 */
export function timestampOf(millis: number): { seconds: Long; nanos: number } {
  const seconds: unknown = Math.floor(millis / 1000);
  return { seconds: seconds as Long, nanos: (millis % 1000) * 1_000_000 };
}
