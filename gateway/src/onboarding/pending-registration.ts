import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/** A registration at the CA whose identity has no API key yet: its enrolment secret and attributes. */
export interface PendingRegistration {
  readonly secret: string;
  readonly attributes: string;
}

const pendingSchema = z.strictObject({ secret: z.string().min(1), attributes: z.string() });

const fileName = 'pending-registration.json';

/**
 * The pending registration kept in an identity's home, or undefined when there is none.
 * @throws {Error} when the file exists but cannot be read or parsed.
 */
export async function readPending(home: string): Promise<PendingRegistration | undefined> {
  let text: string;
  try {
    text = await readFile(join(home, fileName), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw err;
  }
  return pendingSchema.parse(JSON.parse(text));
}

/**
 * Keeps a registration's secret, readable by the owner only, until the identity has its key.
 * @throws {Error} when the file cannot be written.
 */
export async function writePending(home: string, pending: PendingRegistration): Promise<void> {
  await writeFile(join(home, fileName), JSON.stringify(pending), { mode: 0o600 });
}

/** Forgets a registration's secret. @throws {Error} when the file exists and cannot be removed. */
export async function forgetPending(home: string): Promise<void> {
  await rm(join(home, fileName), { force: true });
}
