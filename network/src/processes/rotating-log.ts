import {
  closeSync,
  fchmodSync,
  fstatSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';

/** Where a rotating log writes and how much of it is kept. */
export interface RotatingLogOptions {
  /** The live log file; older parts are `<file>.1` (newest) to `<file>.<keep>` (oldest). */
  readonly file: string;
  /** No file grows beyond this many bytes. */
  readonly maxBytes: number;
  /** How many rotated files are kept besides the live one; 0 keeps none. */
  readonly keep: number;
}

/** An append-only log file that never grows beyond its cap. */
export interface RotatingLog {
  /**
   * Appends to the live file, rotating first when the data would take it over the cap; data larger than
   * the cap is spread over several files.
   * @throws Error from the file system when the file cannot be written, rotated or reopened.
   */
  write(data: string | Uint8Array): void;
  /** Closes the live file; later writes throw. */
  close(): void;
}

/**
 * Opens (or creates, owner-only) a size-capped log file and appends to it.
 * @throws RangeError when maxBytes is not a positive integer or keep is negative.
 * @throws Error from the file system when its folder or file cannot be created.
 */
export function openRotatingLog(options: Readonly<RotatingLogOptions>): RotatingLog {
  if (!Number.isInteger(options.maxBytes) || options.maxBytes <= 0) {
    throw new RangeError(`maxBytes must be a positive integer, not ${options.maxBytes}`);
  }
  if (!Number.isInteger(options.keep) || options.keep < 0) {
    throw new RangeError(`keep must be an integer of 0 or more, not ${options.keep}`);
  }
  mkdirSync(dirname(options.file), { recursive: true, mode: 0o700 });
  return new FileRotatingLog(options);
}

class FileRotatingLog implements RotatingLog {
  readonly #options: Readonly<RotatingLogOptions>;
  #fd: number;
  #size: number;

  constructor(options: Readonly<RotatingLogOptions>) {
    this.#options = options;
    this.#fd = openOwnerOnly(options.file);
    this.#size = fstatSync(this.#fd).size;
  }

  write(data: string | Uint8Array): void {
    let rest = typeof data === 'string' ? Buffer.from(data) : data;
    const max = this.#options.maxBytes;
    while (rest.length > 0) {
      if (this.#size > 0 && this.#size + rest.length > max) {
        this.#rotate();
      }
      const part = rest.subarray(0, max - this.#size);
      this.#size += writeFully(this.#fd, part);
      rest = rest.subarray(part.length);
    }
  }

  close(): void {
    closeSync(this.#fd);
  }

  #rotate(): void {
    const { file, keep } = this.#options;
    closeSync(this.#fd);
    // Renaming onto the oldest name replaces it, so the oldest part drops out without a separate delete.
    for (let n = keep - 1; n >= 1; n -= 1) {
      moveFile(`${file}.${n}`, `${file}.${n + 1}`, true);
    }
    if (keep > 0) {
      moveFile(file, `${file}.1`, false);
    } else {
      rmSync(file, { force: true });
    }
    this.#fd = openOwnerOnly(file);
    this.#size = 0;
  }
}

function moveFile(from: string, to: string, mayBeMissing: boolean): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if (!(mayBeMissing && (error as NodeJS.ErrnoException).code === 'ENOENT')) {
      throw error;
    }
  }
}

function openOwnerOnly(file: string): number {
  const fd = openSync(file, 'a', 0o600);
  // A file left by an earlier run may have been created under a looser umask.
  fchmodSync(fd, 0o600);
  return fd;
}

function writeFully(fd: number, data: Uint8Array): number {
  let written = 0;
  while (written < data.length) {
    written += writeSync(fd, data, written);
  }
  return written;
}
