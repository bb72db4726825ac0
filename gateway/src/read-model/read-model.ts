import { existsSync } from 'node:fs';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { DecodedBlock } from './block-transactions';
import { prepared, projectWrites } from './projection';
import { createProjectionTables, PROJECTION_VERSION, resetProjectionTables } from './read-model-schema';
import { registerReadRule } from './read-rule-function';

/** Something a block listener feeds: it applies each block once, from its own checkpoint on. */
export interface BlockConsumer {
  /** The first block this consumer has not applied yet. */
  nextBlock(): bigint;
  /** Applies a block; the consumer's checkpoint moves past it in the same step. */
  applyBlock(block: DecodedBlock): void;
}

/** The reports' read model: ledger records projected into SQLite, checkpointed by block number. */
export interface ReadModel extends BlockConsumer {
  /** The database, for queries (reports). */
  readonly db: Database;
  /** Whether the file was missing or a rebuild was asked for, so the model is replayed from block 0. */
  readonly rebuilt: boolean;
  /** When this process last applied a block; undefined before the first. */
  lastAppliedAt(): Date | undefined;
  close(): void;
}

/** Options of {@link openReadModel}. */
export interface ReadModelOptions {
  /** The SQLite file, or `:memory:`. */
  readonly path: string;
  /** Start again from block 0 even when the file exists. */
  readonly rebuild?: boolean;
}

class SqliteReadModel implements ReadModel {
  readonly db: Database;
  readonly rebuilt: boolean;
  #nextBlock: bigint;
  #lastAppliedAt: Date | undefined;

  constructor(options: ReadModelOptions) {
    const missing = options.path === ':memory:' || !existsSync(options.path);
    this.db = new BetterSqlite3(options.path);
    this.db.pragma('journal_mode = WAL');
    this.db.defaultSafeIntegers(false);
    const outdated = !missing && this.db.pragma('user_version', { simple: true }) !== PROJECTION_VERSION;
    createProjectionTables(this.db);
    this.rebuilt = missing || outdated || options.rebuild === true;
    if (this.rebuilt) {
      resetProjectionTables(this.db);
    }
    registerReadRule(this.db);
    this.#nextBlock = this.#readCheckpoint();
  }

  nextBlock(): bigint {
    return this.#nextBlock;
  }

  lastAppliedAt(): Date | undefined {
    return this.#lastAppliedAt;
  }

  applyBlock(block: DecodedBlock): void {
    if (block.blockNumber !== this.#nextBlock) {
      throw new Error(
        `read model expects block ${this.#nextBlock.toString()}, got ${block.blockNumber.toString()}`,
      );
    }
    this.db.transaction(() => {
      for (const transaction of block.transactions) {
        projectWrites(this.db, transaction.writes);
      }
      prepared(this.db, 'INSERT OR REPLACE INTO checkpoint (id, next_block) VALUES (1, ?)').run(
        Number(block.blockNumber + 1n),
      );
    })();
    this.#nextBlock = block.blockNumber + 1n;
    this.#lastAppliedAt = new Date();
  }

  close(): void {
    this.db.close();
  }

  #readCheckpoint(): bigint {
    const row = this.db.prepare('SELECT next_block FROM checkpoint WHERE id = 1').get() as
      { next_block: number } | undefined;
    return BigInt(row?.next_block ?? 0);
  }
}

/**
 * Opens (or creates) the read model. A missing file starts empty, at block 0, and so does `rebuild`.
 * @throws Error from SQLite when the file cannot be opened or is not a database.
 */
export function openReadModel(options: ReadModelOptions): ReadModel {
  return new SqliteReadModel(options);
}
