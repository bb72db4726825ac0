import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { runningPid, type Organisation } from '@stadspas/network';
import { readClients } from './support/rest-client';
import { testNetwork } from './support/network';

const ctx = testNetwork();
const home = ctx.paths.home;

/**
 * Files that hold a private key, a secret or what a secret protects (a chaincode package and its
 * connection.json carry the peer's TLS client key).
 */
const PRIVATE_FILE =
  /(\/keystore\/[^/]+|\.key|\/secrets\.json|\/clients\.json|qr-signing-key\.pem|fabric-ca-server\.db|fabric-ca-(server-)?config\.yaml|\/connection\.json|\/chaincode\/.+\.tar\.gz)$/;

function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return filesBelow(path);
    }
    return entry.isFile() ? [path] : [];
  });
}

/** The secrets an organisation's node generated: enrolment secrets (registrars included), API keys, private keys. */
function secretsOf(org: Organisation): string[] {
  const own = ctx.paths.org(org);
  const enrolment = Object.values(
    JSON.parse(readFileSync(own.secretsFile, 'utf8')) as Record<string, string>,
  );
  const apiKeys = readClients(own.clientsFile).clients.map((c) => c.apiKey);
  const privateKeys = filesBelow(own.root)
    .filter((file) => /\/keystore\/[^/]+_sk$/.test(file))
    .map((file) => readFileSync(file, 'utf8').trim());
  return [...enrolment, ...apiKeys, ...privateKeys];
}

/** Every secret the network generated: enrolment secrets (registrars included) and API keys. */
function secrets(): string[] {
  return ctx.network.organisations.flatMap(secretsOf).filter((secret) => !secret.includes('PRIVATE KEY'));
}

/** The path below the state folder with the permissions group and others have on it, when any. */
function openTo(path: string): string | undefined {
  const others = statSync(path).mode & 0o077;
  return others === 0
    ? undefined
    : `${relative(home, path) || '.'} (${(statSync(path).mode & 0o777).toString(8)})`;
}

/** The folders from the state folder down to the file's own folder. */
function foldersOf(file: string): string[] {
  const folders: string[] = [];
  for (let dir = dirname(file); dir.startsWith(home); dir = dirname(dir)) {
    folders.push(dir);
  }
  return folders;
}

function containing(files: readonly string[], secretValues: readonly string[]): string[] {
  return files.filter((file) => {
    const text = readFileSync(file, 'latin1');
    return secretValues.some((secret) => text.includes(secret));
  });
}

describe('secrets on the local machine', () => {
  const privateFiles = filesBelow(home).filter((file) => PRIVATE_FILE.test(file));

  test('when the network runs, then every key, secret and CA database is readable by its owner only', () => {
    const kinds = [
      'IssuerSecretKey',
      'IssuerRevocationPrivateKey',
      '_sk',
      'server.key',
      'fabric-ca-server.db',
    ];
    for (const kind of kinds) {
      expect(privateFiles.filter((f) => f.endsWith(kind)).length).toBeGreaterThan(0);
    }

    const open = [...new Set([...privateFiles, ...privateFiles.flatMap(foldersOf)])].flatMap(
      (path) => openTo(path) ?? [],
    );

    expect(open).toEqual([]);
    expect(statSync(home).mode & 0o777).toBe(0o700);
  });

  test('when the network runs, then a file that holds a secret is an owner-only file of the known ones', () => {
    const holders = containing(filesBelow(home), secrets());

    expect(holders.filter((file) => !PRIVATE_FILE.test(file)).map((f) => relative(home, f))).toEqual([]);
    expect(holders.flatMap((file) => openTo(file) ?? [])).toEqual([]);
  });

  test('when the network has started and served requests, then no log holds a secret', () => {
    const logs = ctx.network.organisations.flatMap((org) => filesBelow(ctx.paths.org(org).logs));
    expect(logs.length).toBeGreaterThan(0);

    expect(containing(logs, secrets()).map((f) => relative(home, f))).toEqual([]);
  });

  test('when the network runs, then no command line in the process list and no CA environment holds a secret', () => {
    const commandLines = execFileSync('ps', ['-eo', 'args'], {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    const caPids = ctx.network.organisations.map((o) => runningPid(ctx.paths, `ca-${o.name}`));
    expect(caPids.every((pid) => pid !== undefined)).toBe(true);
    const caEnvironments = caPids.map((pid) => readFileSync(`/proc/${String(pid)}/environ`, 'latin1'));

    const leaked = secrets().filter(
      (secret) => commandLines.includes(secret) || caEnvironments.some((env) => env.includes(secret)),
    );

    expect(commandLines).toMatch(/fabric-ca-server start/);
    expect(leaked).toHaveLength(0);
    expect(ctx.network.organisations.every((org) => existsSync(ctx.paths.org(org).secretsFile))).toBe(true);
  });

  test("when every organisation's node has started, then its folder holds no other organisation's key or secret", () => {
    const foreign = ctx.network.organisations.flatMap((org) => {
      const others = ctx.network.organisations.filter((o) => o !== org).flatMap(secretsOf);
      return containing(filesBelow(ctx.paths.org(org).root), others).map((file) => relative(home, file));
    });

    expect(ctx.network.organisations.flatMap(secretsOf).length).toBeGreaterThan(30);
    expect(foreign).toEqual([]);
  });
});
