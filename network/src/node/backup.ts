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
import { ordererProcess, peerProcess } from '../channel/nodes';
import { waitForRaftLeader, waitUntilEndorsableThrough } from '../clients/readiness';
import { runningPid, stopProcess, type ProcessSpec } from '../processes/processes';
import { ensureRunning } from './network';
import { startNode } from './organisation-node';

/**
 * What a backup leaves out, below the node's folder: what the node makes again (the gateway's read model, rebuilt
 * from block 0) or never needs (logs, pid files). The chaincode package stays: its id is what the peer installed
 * and the organisation approved.
 */
const LEFT_OUT = ['logs', 'run', 'gateway/read-model.sqlite'];

/** The folders of processes that write them all the time: copied while their process is stopped. */
const PAUSED_FOR_COPY = ['orderer-data', 'peer-data'] as const;

/** SQLite databases that run while the backup is made: copied with SQLite's online backup, consistent. */
const LIVE_DATABASES = ['ca/fabric-ca-server.db', 'ca/tlsca/fabric-ca-server.db', 'gateway/webhooks.sqlite'];

/** What one backup made. */
export interface Backup {
  readonly file: string;
  readonly bytes: number;
  /** How long the orderer and the peer were stopped, each in turn, for their data to be copied. */
  readonly pausedMs: { readonly orderer: number; readonly peer: number };
}

function skipped(root: string, path: string): boolean {
  const inside = relative(root, path).replace(/-(wal|shm|journal)$/, '');
  return (
    LEFT_OUT.some((p) => inside === p || inside.startsWith(`${p}/`)) ||
    LIVE_DATABASES.includes(inside) ||
    PAUSED_FOR_COPY.some((p) => inside === p || inside.startsWith(`${p}/`))
  );
}

/**
 * Makes a consistent backup of everything an organisation's node cannot get back from the others: its keys and
 * secrets, its CA's databases, its peer's ledger with the private data only it holds (a municipality's holders),
 * its orderer's Raft log (a consenter that comes back without it is refused by the others), the public material
 * it imported, its gateway's key store, QR key, webhooks and checkpoints. The CA and the gateway run on (their
 * databases are copied with SQLite's online backup); the orderer and then the peer stop for the seconds their
 * data takes to copy. The backup is a gzipped tar file, owner-only.
 * @returns the backup file, its size, and how long the orderer and the peer were paused.
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
    const pausedMs = {
      orderer: await copyPaused(
        ctx,
        ordererProcess(ctx, org),
        own.ordererData,
        join(staging, 'orderer-data'),
      ),
      peer: await copyPaused(ctx, peerProcess(ctx, org), own.peerData, join(staging, 'peer-data')),
    };
    await waitForRaftLeader(ctx);
    await waitUntilEndorsableThrough(ctx, org);
    await run('tar', ['--create', '--gzip', '--file', target, '--directory', staging, '.']);
    return { file: target, bytes: statSync(target).size, pausedMs };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Copies the data of the node's orderer or peer, stopping it meanwhile when it runs (LevelDB and the Raft log are
 * not copied while written), and waits until it serves again: the other orderers order meanwhile, and the gateway
 * waits for its peer.
 * @returns how long it was stopped.
 */
async function copyPaused(ctx: NetworkContext, spec: ProcessSpec, from: string, to: string): Promise<number> {
  const running = runningPid(ctx.paths, spec.name) !== undefined;
  const started = Date.now();
  if (running) {
    ctx.progress(`pausing ${spec.name} to copy its data`);
    await stopProcess(ctx.paths, spec.name);
  }
  try {
    if (existsSync(from)) {
      cpSync(from, to, { recursive: true });
    }
  } finally {
    if (running) {
      await ensureRunning(ctx, spec);
    }
  }
  return running ? Date.now() - started : 0;
}

/**
 * Brings an organisation's node back from a backup, on an empty state folder (a new disk): unpacks it and starts
 * the node. Its orderer and its peer go on from the backup's height and take the blocks since from the others;
 * its gateway rebuilds its read model from block 0. Private data written after the backup was made is not on any
 * other node: back up daily.
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
