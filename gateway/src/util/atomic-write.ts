import { rename, writeFile } from 'node:fs/promises';

/**
 * Writes a file through a temp file and a rename, so a crash never leaves a half-written file behind.
 * @throws {Error} when the directory is not writable.
 */
export async function writeFileAtomically(path: string, content: string, mode = 0o600): Promise<void> {
  const temp = `${path}.${String(process.pid)}.tmp`;
  await writeFile(temp, content, { mode });
  await rename(temp, path);
}
