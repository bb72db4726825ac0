import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const repoRoot = resolve(__dirname, '..', '..', '..');

/**
 * Runs a command from the repository root, as an operator would, with extra environment variables.
 * @returns what it printed on standard output.
 * @throws Error with everything it printed when it fails or runs longer than five minutes.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  env: Record<string, string> = {},
): string {
  const result = spawnSync(command, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}
