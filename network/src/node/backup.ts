import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import Database from 'better-sqlite3';
import type { Organisation } from '../description/config';
import type { NetworkContext } from '../description/context';
import { run } from '../description/fabric';
import { makePrivateDir } from '../description/private-files';
import { peerProcess } from '../channel/nodes';
import { waitUntilEndorsableThrough } from '../clients/readiness';
import { runningPid, stopProcess } from '../processes/processes';
import { ensureRunning } from './network';
import { startNode } from './organisation-node';

/**
 * What a backup leaves out, below the node's folder: what the node gets back from the channel (its orderer's
 * ledger), makes again (its chaincode package, the gateway's read model, rebuilt from block 0) or never needs
 * (logs, pid files).
 */
const LEFT_OUT = ['logs', 'run', 'orderer-data', 'chaincode', 'gateway/read-model.sqlite'];

/** SQLite databases that run while the backup is made: copied with SQLite's online backup, consistent. */
const LIVE_DATABASES = ['ca/fabric-ca-server.db', 'ca/tlsca/fabric-ca-server.db', 'gateway/webhooks.sqlite'];

/** What one backup made. */
export interface Backup {
  readonly file: string;
  readonly bytes: number;
  /** How long the peer was stopped for its ledger and private data to be copied. */
  readonly peerPausedMs: number;
}

function skipped(root: string, path: string): boolean {
  const inside = relative(root, path).replace(/-(wal|shm|journal)$/, '');
  return (
    LEFT_OUT.some((p) => inside === p || inside.startsWith(`${p}/`)) ||
    LIVE_DATABASES.includes(inside) ||
    inside === 'peer-data' ||
    inside.startsWith('peer-data/')
  );
}

/**
 * Makes a consistent backup of everything an organisation's node cannot get back from the others: its keys and
 * secrets, its CA's databases, its peer's ledger with the private data only it holds (a municipality's holders),
 * the public material it imported, its gateway's key store, QR key, webhooks and checkpoints. The CA and the
 * gateway run on (their databases are copied with SQLite's online backup); the peer stops for the seconds its
 * data takes to copy, and the gateway waits for it meanwhile. The backup is a gzipped tar file, owner-only.
 * @returns the backup file, its size, and how long the peer was paused.
 */
export async function backupNode(ctx: NetworkContext, org: Organisation, file?: string): Promise<Backup> {
  const own = ctx.paths.org(org);
  if (!existsSync(own.definition)) {
    throw new Error(`${org.name} has no node in ${own.root} to back up`);
  }
  const target =
    file ??
    join(ctx.paths.home, 'backups', `${org.name}-${new Date().toISOString().replace(/[:.]/g, '-')}.tar.gz`);
  makePrivateDir(dirname(target));
  const staging = mkdtempSync(join(tmpdir(), `stadspas-backup-${org.name}-`));
  try {
    cpSync(own.root, staging, { recursive: true, filter: (path) => !skipped(own.root, path) });
    for (const database of LIVE_DATABASES.filter((d) => existsSync(join(own.root, d)))) {
      mkdirSync(dirname(join(staging, database)), { recursive: true });
      const source = new Database(join(own.root, database), { readonly: true, fileMustExist: true });
      try {
        await source.backup(join(staging, database));
      } finally {
        source.close();
      }
    }
    const peerPausedMs = await copyPeerData(ctx, org, join(staging, 'peer-data'));
    await run('tar', ['--create', '--gzip', '--file', target, '--directory', staging, '.']);
    return { file: target, bytes: statSync(target).size, peerPausedMs };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Copies the peer's data, stopping the peer meanwhile when it runs (LevelDB is not copied while written). */
async function copyPeerData(ctx: NetworkContext, org: Organisation, to: string): Promise<number> {
  const own = ctx.paths.org(org);
  const spec = peerProcess(ctx, org);
  const running = runningPid(ctx.paths, spec.name) !== undefined;
  const started = Date.now();
  if (running) {
    ctx.progress(`pausing ${spec.name} to copy its ledger and private data`);
    await stopProcess(ctx.paths, spec.name);
  }
  try {
    cpSync(own.peerData, to, { recursive: true });
  } finally {
    if (running) {
      await ensureRunning(ctx, spec);
    }
  }
  const paused = Date.now() - started;
  if (running) {
    await waitUntilEndorsableThrough(ctx, org);
  }
  return paused;
}

/**
 * Brings an organisation's node back from a backup, on an empty state folder (a new disk): unpacks it and starts
 * the node. Its orderer joins the channel again and takes the blocks from the other orderers; its peer goes on
 * from the backup's height and takes the blocks since from the orderers; its gateway rebuilds its read model
 * from block 0. Private data written after the backup was made is not on any other node: back up daily.
 * @returns the processes it started.
 * @throws Error when the node's folder is not empty, or the backup is of another organisation.
 */
export async function restoreNode(ctx: NetworkContext, org: Organisation, file: string): Promise<string[]> {
  const own = ctx.paths.org(org);
  if (existsSync(own.root) && readdirSync(own.root).length > 0) {
    throw new Error(`${own.root} is not empty: a backup is restored into an empty state folder only`);
  }
  makePrivateDir(own.root);
  await run('tar', ['--extract', '--gzip', '--file', file, '--directory', own.root]);
  const definition = existsSync(own.definition)
    ? (JSON.parse(readFileSync(own.definition, 'utf8')) as { organisation?: { name?: string } })
    : undefined;
  if (definition?.organisation?.name !== org.name) {
    rmSync(own.root, { recursive: true, force: true });
    throw new Error(`${file} is not a backup of ${org.name}'s node`);
  }
  return startNode(ctx, org);
}
