import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ownerOnlyCommand } from './private-files';

const execFileAsync = promisify(execFile);

/** Where the Fabric binaries and Fabric's sample configuration are. */
export interface FabricInstall {
  readonly binDir: string;
  /** Fabric's own sampleconfig folder (core.yaml, orderer.yaml) in the Go module cache. */
  readonly sampleConfigDir: string;
  /** FABRIC_CFG_PATH for peers and the peer CLI: the sample core.yaml with our overrides. */
  readonly peerConfigDir: string;
  bin(name: string): string;
}

function readPins(file: string): Record<string, string> {
  const pins: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match?.[1] !== undefined && match[2] !== undefined) {
      pins[match[1]] = match[2];
    }
  }
  return pins;
}

/**
 * Locates the binaries that scripts/install-fabric.sh built for the pinned versions.
 * @throws Error telling to run the install script when they are missing.
 */
export function locateFabric(networkDir: string, cacheRoot?: string): Omit<FabricInstall, 'peerConfigDir'> {
  const pins = readPins(join(networkDir, 'fabric.env'));
  const fabric = pins.FABRIC_VERSION ?? '';
  const ca = pins.FABRIC_CA_VERSION ?? '';
  const cache = cacheRoot ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'stadspas');
  const binDir =
    process.env.STADSPAS_FABRIC_BIN ?? join(cache, `fabric-${fabric.split('-').pop() ?? ''}-ca-${ca}`, 'bin');
  const sampleFile = join(binDir, '..', 'sampleconfig.path');
  if (!existsSync(join(binDir, 'peer')) || !existsSync(sampleFile)) {
    throw new Error(`Fabric binaries not found in ${binDir}: run scripts/install-fabric.sh`);
  }
  const sampleConfigDir = readFileSync(sampleFile, 'utf8').trim();
  return { binDir, sampleConfigDir, bin: (name) => join(binDir, name) };
}

/** Result of a finished command. */
export interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command to completion, under umask 077 (see {@link ownerOnlyCommand}).
 * @throws Error with the command's own error output when it fails.
 */
export async function run(
  command: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  cwd?: string,
): Promise<CommandResult> {
  try {
    const [program, programArgs] = ownerOnlyCommand(command, args);
    const { stdout, stderr } = await execFileAsync(program, programArgs, {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      cwd,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { stdout, stderr };
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    const name = command.split('/').pop() ?? command;
    const detail = (e.stderr ?? '').trim().split('\n').slice(-15).join('\n') || e.message;
    throw new Error(`${name} ${args.slice(0, 3).join(' ')} failed:\n${detail}`);
  }
}
