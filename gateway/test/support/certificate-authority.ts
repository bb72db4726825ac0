import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaConfig } from '../../src/config/gateway-config';

/** The venues CA, driven through the given binary. */
export function caConfig(clientBinary: string): CaConfig {
  return {
    url: 'https://127.0.0.1:7054',
    caName: 'ca-venues',
    tlsCertPath: '/tls.pem',
    registrarMspDir: '/registrar/msp',
    clientBinary,
  };
}

/** A venue's scanner, as onboarding asks for it. */
export const scanner = { name: 'kardinge-scanner-2', role: 'venue', venueId: 'zwembad-kardinge' } as const;

/**
 * A stand-in for the `fabric-ca-client` binary at the process boundary: a bash script of the given lines, in a
 * folder of its own where it may keep its state (`$dir`).
 */
export async function scriptedCaBinary(
  lines: (dir: string) => readonly string[],
): Promise<{ dir: string; binary: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'ca-'));
  const binary = join(dir, 'fabric-ca-client');
  await writeFile(binary, ['#!/usr/bin/env bash', ...lines(dir)].join('\n'));
  await chmod(binary, 0o755);
  return { dir, binary };
}
