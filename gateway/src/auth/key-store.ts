import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomically } from '../util/atomic-write';
import { hashApiKey } from './api-key';
import { clientRecordSchema, type ClientRecord } from './client-identity';

const keyStoreFileSchema = z.strictObject({ clients: z.array(clientRecordSchema) });

/** The API keys of one gateway, looked up by their hash. */
export interface KeyStore {
  /** The client whose key this is, or undefined for an unknown or revoked key. */
  findByApiKey(apiKey: string): ClientRecord | undefined;
  /** The client with this name, or undefined when there is none or it is revoked. */
  findByName(name: string): ClientRecord | undefined;
  /** All clients, in file order, revoked ones (whose certificates the CA has yet to revoke) included. */
  list(): readonly ClientRecord[];
  /**
   * Marks a client revoked, so its key is refused from the next request on, and persists the store; the record
   * stays until {@link remove}, once the CA revoked its certificate.
   * @returns the client, or undefined when there was none of that name.
   */
  revoke(name: string, at: Date): Promise<ClientRecord | undefined>;
  /**
   * Adds a client and persists the store.
   * @throws {Error} when a client of that name or key already exists, or the file cannot be written.
   */
  add(record: ClientRecord): Promise<void>;
  /**
   * Removes a client, so its API key is refused from the next request on, and persists the store.
   * @returns the removed client, or undefined when there was none of that name.
   * @throws {Error} when the file cannot be written.
   */
  remove(name: string): Promise<ClientRecord | undefined>;
}

class FileKeyStore implements KeyStore {
  readonly #path: string | undefined;
  readonly #records: ClientRecord[];
  #writing: Promise<void> = Promise.resolve();

  constructor(path: string | undefined, records: readonly ClientRecord[]) {
    this.#path = path;
    this.#records = [...records];
  }

  findByApiKey(apiKey: string): ClientRecord | undefined {
    const hash = hashApiKey(apiKey);
    return this.#records.find((record) => record.apiKeySha256 === hash && record.revokedAt === undefined);
  }

  findByName(name: string): ClientRecord | undefined {
    return this.#records.find((record) => record.name === name && record.revokedAt === undefined);
  }

  async revoke(name: string, at: Date): Promise<ClientRecord | undefined> {
    const index = this.#records.findIndex((record) => record.name === name);
    const record = this.#records[index];
    if (record === undefined) {
      return undefined;
    }
    const revoked = { ...record, revokedAt: record.revokedAt ?? at.toISOString() };
    this.#records[index] = revoked;
    await this.#persistInTurn();
    return revoked;
  }

  list(): readonly ClientRecord[] {
    return [...this.#records];
  }

  async add(record: ClientRecord): Promise<void> {
    const parsed = clientRecordSchema.parse(record);
    if (this.#records.some((r) => r.name === parsed.name || r.apiKeySha256 === parsed.apiKeySha256)) {
      throw new Error(`client ${parsed.name} already exists`);
    }
    this.#records.push(parsed);
    await this.#persistInTurn();
  }

  async remove(name: string): Promise<ClientRecord | undefined> {
    const index = this.#records.findIndex((record) => record.name === name);
    const [removed] = index < 0 ? [] : this.#records.splice(index, 1);
    if (removed !== undefined) {
      await this.#persistInTurn();
    }
    return removed;
  }

  /** Writes are chained so two changes at once cannot interleave their temp files. */
  async #persistInTurn(): Promise<void> {
    this.#writing = this.#writing.then(() => this.#persist());
    await this.#writing;
  }

  async #persist(): Promise<void> {
    if (this.#path === undefined) {
      return;
    }
    await writeFileAtomically(this.#path, `${JSON.stringify({ clients: this.#records }, null, 2)}\n`);
  }
}

/**
 * Loads the key store file.
 * @throws {Error} when the file cannot be read or does not match the key store format.
 */
export async function loadKeyStore(path: string): Promise<KeyStore> {
  const text = await readFile(path, 'utf8');
  const parsed = keyStoreFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new Error(`invalid key store ${path}: ${z.prettifyError(parsed.error)}`);
  }
  return new FileKeyStore(path, parsed.data.clients);
}

/** A key store held in memory only, for tests and tools. */
export function inMemoryKeyStore(records: readonly ClientRecord[]): KeyStore {
  return new FileKeyStore(undefined, records);
}
