import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Creates a folder (and its parents) that only its owner may enter; tightens it when it exists. */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/**
 * Takes every permission of group and others away from a folder and everything below it (symbolic
 * links are left alone). State folders written before files were created owner-only get the same
 * protection as new ones.
 */
export function restrictToOwner(path: string): void {
  const stat = lstatSync(path, { throwIfNoEntry: false });
  if (stat === undefined || stat.isSymbolicLink()) {
    return;
  }
  if ((stat.mode & 0o077) !== 0) {
    chmodSync(path, stat.mode & 0o700);
  }
  if (stat.isDirectory()) {
    for (const entry of readdirSync(path)) {
      restrictToOwner(join(path, entry));
    }
  }
}

/**
 * The command line that runs a program under umask 077, so that every file it creates (keys,
 * databases, configuration it writes itself) is readable by its owner only. The shell replaces
 * itself with the program: same pid, same command line in the process list.
 */
export function ownerOnlyCommand(command: string, args: readonly string[]): [string, string[]] {
  return ['/bin/sh', ['-c', 'umask 077 && exec "$0" "$@"', command, ...args]];
}
