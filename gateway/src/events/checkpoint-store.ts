import { readFile } from 'node:fs/promises';
import { writeFileAtomically } from '../util/atomic-write';

/** The last event id delivered to each client, kept across gateway restarts. */
export interface CheckpointStore {
  /** The client's last delivered event id, if any. */
  get(clientName: string): string | undefined;
  /** Records a delivered event id; persisted soon after, never out of order. */
  set(clientName: string, eventId: string): void;
  /** Resolves once everything set so far is on disk. */
  flush(): Promise<void>;
}

class FileCheckpointStore implements CheckpointStore {
  readonly #path: string | undefined;
  readonly #ids: Map<string, string>;
  #dirty = false;
  #writing: Promise<void> = Promise.resolve();

  constructor(path: string | undefined, ids: Map<string, string>) {
    this.#path = path;
    this.#ids = ids;
  }

  get(clientName: string): string | undefined {
    return this.#ids.get(clientName);
  }

  set(clientName: string, eventId: string): void {
    this.#ids.set(clientName, eventId);
    if (!this.#dirty) {
      this.#dirty = true;
      // Several events in a burst share one write: the chained write reads the map when it runs.
      this.#writing = this.#writing.then(() => this.#persist()).catch(() => undefined);
    }
  }

  async flush(): Promise<void> {
    await this.#writing;
  }

  async #persist(): Promise<void> {
    this.#dirty = false;
    if (this.#path !== undefined) {
      await writeFileAtomically(this.#path, `${JSON.stringify(Object.fromEntries(this.#ids), null, 2)}\n`);
    }
  }
}

/**
 * Opens the checkpoint file; a missing file starts empty.
 * @throws {Error} when the file exists but is not a JSON object of strings.
 */
export async function openCheckpointStore(path: string): Promise<CheckpointStore> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return new FileCheckpointStore(path, new Map());
  }
  const parsed: unknown = JSON.parse(text);
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    Object.values(parsed).some((v) => typeof v !== 'string')
  ) {
    throw new Error(`invalid event checkpoint file ${path}`);
  }
  return new FileCheckpointStore(path, new Map(Object.entries(parsed as Record<string, string>)));
}

/** A checkpoint store held in memory only, for tests. */
export function inMemoryCheckpointStore(): CheckpointStore {
  return new FileCheckpointStore(undefined, new Map());
}
