import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Enrolment secrets of the network's identities, generated once and kept in the state folder
 * (readable by its owner only) so that identities can be enrolled again after a crash.
 */
export class SecretStore {
  readonly #file: string;
  readonly #secrets: Record<string, string>;

  constructor(file: string) {
    this.#file = file;
    this.#secrets = existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)
      : {};
  }

  /** The secret stored under the key, created and saved first when there is none. */
  secret(key: string): string {
    const existing = this.#secrets[key];
    if (existing !== undefined) {
      return existing;
    }
    const created = randomBytes(18).toString('base64url');
    this.#secrets[key] = created;
    mkdirSync(dirname(this.#file), { recursive: true, mode: 0o700 });
    const temp = `${this.#file}.tmp`;
    writeFileSync(temp, JSON.stringify(this.#secrets, null, 2), { mode: 0o600 });
    renameSync(temp, this.#file);
    return created;
  }
}
