import { execFile, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { runCommand } from './run-command';

const repoRoot = resolve(__dirname, '..', '..', '..');
const exec = promisify(execFile);

/** A Linux network namespace of its own for one host, on a private subnet shared through a bridge. */
export interface Host {
  readonly namespace: string;
  readonly address: string;
}

/**
 * Hosts that only reach each other (and this process) over a bridge on a private /24: one network namespace
 * per host, each with a veth pair whose other end is on the bridge, which holds the subnet's first address.
 */
export class PrivateSubnet {
  readonly #bridge: string;
  readonly #prefix: string;
  readonly #tag: string;
  readonly hosts: Host[] = [];

  /** @param prefix the first three octets of the subnet, e.g. `10.78.0` */
  constructor(prefix: string, tag: string) {
    this.#prefix = prefix;
    this.#tag = tag;
    this.#bridge = `spbr${tag}`;
  }

  /** Makes the bridge. @throws Error when not root or when `ip` refuses. */
  create(): void {
    if (process.getuid?.() !== 0) {
      throw new Error(
        'the multi-host suite makes network namespaces (ip netns): run npm test as root, as CI does',
      );
    }
    this.remove();
    runCommand('ip', ['link', 'add', this.#bridge, 'type', 'bridge']);
    runCommand('ip', ['addr', 'add', `${this.#prefix}.1/24`, 'dev', this.#bridge]);
    runCommand('ip', ['link', 'set', this.#bridge, 'up']);
  }

  /** Adds a host with the next address of the subnet. */
  addHost(): Host {
    const index = this.hosts.length;
    const host = { namespace: `sp${this.#tag}h${index}`, address: `${this.#prefix}.${11 + index}` };
    const [outside, inside] = [`sp${this.#tag}v${index}a`, `sp${this.#tag}v${index}b`];
    runCommand('ip', ['netns', 'add', host.namespace]);
    runCommand('ip', ['link', 'add', outside, 'type', 'veth', 'peer', 'name', inside]);
    runCommand('ip', ['link', 'set', outside, 'master', this.#bridge]);
    runCommand('ip', ['link', 'set', outside, 'up']);
    runCommand('ip', ['link', 'set', inside, 'netns', host.namespace]);
    const within = (...args: string[]): string =>
      runCommand('ip', ['netns', 'exec', host.namespace, ...args]);
    within('ip', 'addr', 'add', `${host.address}/24`, 'dev', inside);
    within('ip', 'link', 'set', inside, 'up');
    within('ip', 'link', 'set', 'lo', 'up');
    this.hosts.push(host);
    return host;
  }

  /** Removes every namespace and link this subnet made; safe to call when they are gone already. */
  remove(): void {
    for (let index = 0; index < 8; index += 1) {
      spawnSync('ip', ['netns', 'del', `sp${this.#tag}h${index}`]);
      spawnSync('ip', ['link', 'del', `sp${this.#tag}v${index}a`]);
    }
    spawnSync('ip', ['link', 'del', this.#bridge]);
  }
}

/**
 * Runs a command from the repository root inside a host's namespace.
 * @returns what it printed on standard output.
 * @throws Error with everything it printed when it fails.
 */
export async function runOnHost(
  host: Host,
  command: readonly string[],
  env: Record<string, string>,
): Promise<string> {
  try {
    const { stdout } = await exec('ip', ['netns', 'exec', host.namespace, ...command], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      timeout: 300_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    throw new Error(
      `on ${host.namespace}: ${command.join(' ')} failed:\n${failed.stdout ?? ''}\n${failed.stderr ?? String(error)}`,
    );
  }
}
