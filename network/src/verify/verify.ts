import type { common } from '@hyperledger/fabric-protos';
import { endpointOf, type Organisation } from '../description/config';
import type { NetworkContext } from '../description/context';
import { enrolledCredentials } from '../clients/fabric-client';
import { receivedDefinitions } from '../channel/nodes';
import { BlockFileError } from './block-file';
import { booksOf, type Books } from './books';
import { ChainCheck, type ChainSummary } from './chain-check';
import { membersOf } from './channel-config';
import { compareKeys, type KeyComparison } from './compare-keys';
import { compareWithPeer, suspectsOf, type StateComparison } from './compare-state';
import { exportCouncilFigures, exportCsv } from './csv';
import { compareHead, type HeadComparison } from './heads';
import { blocksOfFiles, ledgerFiles } from './ledger-files';
import { openPeerSession, type PeerSession } from './peer-session';
import { Replay, type ReplayProblem } from './replay';

/** Where verify reads the blocks, and where it writes the CSV files. */
export interface VerifyOptions {
  readonly out: string;
  /** A copy of a peer's data folder (or a block file): read the blocks from it instead of the peer. */
  readonly ledger?: string;
}

/** Everything one run of verify found. */
export interface VerifyReport {
  readonly org: string;
  readonly source: string;
  readonly chain: ChainSummary;
  readonly truncatedTail: boolean;
  readonly unreadableBlock?: { readonly block: number; readonly message: string };
  readonly replayProblems: readonly ReplayProblem[];
  readonly books: Readonly<Record<keyof Books, number>>;
  readonly state?: StateComparison;
  /** Every replayed key compared with the peer's world state by digest. */
  readonly keys?: KeyComparison;
  readonly heads: readonly HeadComparison[];
  readonly files: readonly string[];
  /** Wall seconds of each step: reading and checking the chain, comparing with the peer, with the others. */
  readonly seconds: PhaseSeconds;
}

/** Wall seconds of a verify run's steps. */
export interface PhaseSeconds {
  /** Reading every block, checking its hashes and signatures, and replaying its writes. */
  readonly chain: number;
  /** Comparing the rebuilt records and every key with the organisation's own peer (0 for a ledger copy). */
  readonly state: number;
  /** Comparing the chain's blocks with the other members' peers (0 for a ledger copy). */
  readonly heads: number;
}

/** Runs a step and adds its wall seconds to `into[phase]`. */
async function timed<T>(
  into: Record<keyof PhaseSeconds, number>,
  phase: keyof PhaseSeconds,
  step: () => Promise<T>,
): Promise<T> {
  const started = performance.now();
  try {
    return await step();
  } finally {
    into[phase] += (performance.now() - started) / 1000;
  }
}

/** The blocks where a report found something wrong, with what; empty when every check passed. Never throws. */
/**
 * What a run could not check: another organisation's peer that did not answer leaves the books unconfirmed,
 * which is not a pass. Never throws.
 */
export function uncomparedOf(report: VerifyReport): string[] {
  return report.heads
    .filter((h) => h.unreachable !== undefined)
    .map((h) => `could not compare with ${h.org}'s peer: ${h.unreachable ?? ''}`);
}

export function failuresOf(report: VerifyReport): string[] {
  return [
    ...report.chain.problems.map((p) => `block ${p.block}: ${p.code} ${p.message}`),
    ...(report.unreadableBlock
      ? [`block ${report.unreadableBlock.block}: ${report.unreadableBlock.message}`]
      : []),
    ...report.replayProblems.map(
      (p) => `block ${p.block}: transaction ${p.transaction} unreadable: ${p.message}`,
    ),
    ...[...(report.state?.mismatches ?? []), ...(report.keys?.mismatches ?? [])].map(
      (m) => `${m.code} ${m.record}: ${m.message}`,
    ),
    ...report.heads
      .filter((h) => h.firstDifferentBlock !== undefined)
      .map((h) => `block ${h.firstDifferentBlock ?? ''}: ${h.org}'s peer holds a different block`),
  ];
}

interface Walk {
  readonly check: ChainCheck;
  readonly replay: Replay;
  unreadableBlock?: { block: number; message: string };
}

async function walk(
  blocks: AsyncIterable<common.Block> | Iterable<common.Block>,
  walked: Walk,
): Promise<void> {
  try {
    for await (const block of blocks) {
      walked.check.add(block);
      walked.replay.add(block);
    }
  } catch (error) {
    if (!(error instanceof BlockFileError)) {
      throw error;
    }
    walked.unreadableBlock = { block: error.blockNumber, message: `${error.code} ${error.message}` };
  }
}

function counts(books: Books): Record<keyof Books, number> {
  return {
    passes: books.passes.length,
    vouchers: books.vouchers.length,
    redemptions: books.redemptions.length,
    claims: books.claims.length,
  };
}

/** A session with a peer (the organisation's own, or another member's) as the organisation's admin. */
export function sessionWith(ctx: NetworkContext, own: Organisation, peer: Organisation): PeerSession {
  return openPeerSession(
    { endpoint: endpointOf(peer, peer.ports.peer), tlsCaFile: ctx.paths.org(own).publicOf(peer).tlsCaCert },
    enrolledCredentials(ctx, own, 'admin'),
    ctx.network.channel,
    ctx.network.chaincode.name,
  );
}

/**
 * Compares the chain with the peer of every other member the channel's configuration names. A member whose
 * definition this node never imported cannot be dialled (its endpoint and TLS CA come with the definition): it
 * is named as not compared, so the books are not confirmed without it.
 */
async function otherHeads(
  ctx: NetworkContext,
  own: Organisation,
  hashes: readonly string[],
  members: readonly string[],
): Promise<HeadComparison[]> {
  const known = receivedDefinitions(ctx.paths, ctx.network, own);
  const others = members.filter((mspId) => mspId !== own.mspId);
  return Promise.all(
    others.map(async (mspId) => {
      const other = known.find((o) => o.mspId === mspId);
      if (other === undefined) {
        return {
          org: mspId,
          unreachable:
            'a member of the channel whose definition this node has not imported, so its peer cannot be dialled',
        };
      }
      const session = sessionWith(ctx, own, other);
      try {
        return await compareHead(other.name, session, hashes);
      } finally {
        session.close();
      }
    }),
  );
}

/**
 * Verifies the channel's books from one organisation's own node: reads every block from its own peer (or from
 * a copy of its block files), checks the hash chain, data hashes and orderer signatures, replays the valid
 * transactions into the chaincode's world state, compares that with the peer's answers (every key by the digest of
 * its value; claims, and the passes and bookings whose keys differ, through the chaincode's queries) and the chain
 * head with
 * the other organisations' peers, and writes the books as CSV (and, for a municipality, the council's figures). A
 * report with failures is returned, not thrown.
 * @throws Error when the own peer cannot be reached or the ledger copy holds no block files.
 */
export async function verifyBooks(
  ctx: NetworkContext,
  org: Organisation,
  options: VerifyOptions,
): Promise<VerifyReport> {
  const walked: Walk = { check: new ChainCheck(), replay: new Replay(ctx.network.chaincode.name) };
  let truncatedTail = false;
  let state: StateComparison | undefined;
  let keys: KeyComparison | undefined;
  let heads: HeadComparison[] = [];
  const seconds = { chain: 0, state: 0, heads: 0 };
  if (options.ledger !== undefined) {
    const files = ledgerFiles(options.ledger, ctx.network.channel);
    await timed(seconds, 'chain', () =>
      walk(
        blocksOfFiles(files, () => (truncatedTail = true)),
        walked,
      ),
    );
  } else {
    const session = sessionWith(ctx, org, org);
    try {
      await timed(seconds, 'chain', async () =>
        walk(session.blocks((await session.chainInfo()).height), walked),
      );
      await timed(seconds, 'state', async () => {
        const byDigest = await compareKeys(walked.replay.state, session.query);
        const suspects = suspectsOf(byDigest.mismatches.map((m) => m.key));
        keys = byDigest;
        state = await compareWithPeer(booksOf(walked.replay.state), session.query, suspects);
      });
    } finally {
      session.close();
    }
    const config = walked.check.config;
    heads = await timed(seconds, 'heads', () =>
      otherHeads(ctx, org, walked.check.hashes, config === undefined ? [] : membersOf(config)),
    );
  }
  const books = booksOf(walked.replay.state);
  return {
    org: org.name,
    source: options.ledger ?? `${org.name}'s peer ${endpointOf(org, org.ports.peer)}`,
    chain: walked.check.summary,
    truncatedTail,
    ...(walked.unreadableBlock ? { unreadableBlock: walked.unreadableBlock } : {}),
    replayProblems: walked.replay.problems,
    books: counts(books),
    ...(state ? { state } : {}),
    ...(keys ? { keys } : {}),
    heads,
    files: [
      ...exportCsv(books, options.out),
      ...exportCouncilFigures(walked.replay.state, org.mspId, options.out),
    ],
    seconds,
  };
}
