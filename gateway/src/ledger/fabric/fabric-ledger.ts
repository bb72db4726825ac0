import { statSync } from 'node:fs';
import { CommitError, connect, type Gateway } from '@hyperledger/fabric-gateway';
import { common } from '@hyperledger/fabric-protos';
import type { ClientIdentity } from '../../auth/client-identity';
import { AppError } from '../../errors/app-error';
import type { PeerConfig } from '../../config/gateway-config';
import type {
  EvaluateOptions,
  TransientOptions,
  EventStream,
  LedgerAdapter,
  SubmitOptions,
  Submitted,
} from '../ledger-adapter';
import { connectPeers, type PeerConnection } from './peer-connections';
import { loadSigningIdentity } from './signing-identity';
import { awaitCommit, submitForOrdering } from './ordering-retry';
import { onFirstReachablePeer, retryConflicts, retryWhile } from './retry-policy';
import { isPeerStarting, translateFabricError } from './translate-error';

/** Per call type deadlines in milliseconds. */
export interface Deadlines {
  readonly evaluateMs: number;
  readonly endorseMs: number;
  readonly submitMs: number;
  readonly commitStatusMs: number;
}

/** Options of {@link createFabricLedger}. */
export interface FabricLedgerOptions {
  readonly peers: readonly PeerConfig[];
  readonly channel: string;
  readonly chaincode: string;
  /**
   * How many times a transaction that hit a read conflict is run again as a new transaction. Under contention
   * one transaction per block wins, so this bounds how many competing requests for one key can succeed in turn.
   */
  readonly maxConflictRetries?: number;
  readonly deadlines?: Partial<Deadlines>;
  /**
   * How long a request waits while its peers refuse connections, as while a peer restarts after its
   * certificates were renewed, before it is answered UNAVAILABLE.
   */
  readonly peerRestartWaitMs?: number;
}

const defaultDeadlines: Deadlines = {
  evaluateMs: 5_000,
  endorseMs: 15_000,
  // Long enough for the orderers to elect a new Raft leader when the leader's node dies.
  submitMs: 15_000,
  commitStatusMs: 60_000,
};

/** One attempt to hand a transaction to ordering; a peer's gateway waiting on a dead orderer is given up soon. */
const ORDERING_ATTEMPT_MS = 2_000;
const ORDERING_PAUSE_MS = 250;
/** How long an ordered transaction's commit is waited for before it is sent for ordering again. */
const COMMIT_ATTEMPT_MS = 15_000;

function deadlineIn(ms: number): () => { deadline: number } {
  return () => ({ deadline: Date.now() + ms });
}

/** The one JSON argument of a transaction; transactions without a request take none. */
function argumentsOf(request: unknown): string[] {
  return request === undefined ? [] : [JSON.stringify(request)];
}

/** The proposal's transient data, when the call has any. */
function transientOf(options: TransientOptions): { transientData?: Record<string, string> } {
  return options.transient === undefined ? {} : { transientData: { ...options.transient } };
}

function parseJson(bytes: Uint8Array): unknown {
  const text = Buffer.from(bytes).toString('utf8');
  if (text === '') {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

class FabricLedger implements LedgerAdapter {
  readonly #options: FabricLedgerOptions;
  readonly #deadlines: Deadlines;
  readonly #connections: PeerConnection[];
  readonly #gateways = new Map<string, { gateway: Promise<Gateway>; certificate: number }>();
  /** The peer that answered last; calls start there and move on when it is unreachable. */
  #preferredPeer = 0;

  constructor(options: FabricLedgerOptions) {
    this.#options = options;
    this.#deadlines = { ...defaultDeadlines, ...options.deadlines };
    this.#connections = connectPeers(options.peers);
  }

  async submit(
    identity: ClientIdentity,
    transaction: string,
    request: unknown,
    options: SubmitOptions = {},
  ): Promise<Submitted> {
    const endorsers = options.endorsingOrganizations;
    try {
      return await retryConflicts(
        () =>
          this.#waitingForPeers(() =>
            this.#onAnyPeer(
              identity,
              (gateway) => this.#submitOnce(gateway, transaction, request, options),
              endorsers,
            ),
          ),
        this.#options.maxConflictRetries ?? 10,
      );
    } catch (err) {
      const error = translateFabricError(err);
      if (endorsers !== undefined && error.code === 'UNAVAILABLE') {
        throw new AppError(
          'UNAVAILABLE',
          `${transaction} is endorsed by peers of ${endorsers.join(', ')} only, and none of them answered`,
          { cause: error },
        );
      }
      throw error;
    }
  }

  async evaluate(
    identity: ClientIdentity,
    transaction: string,
    request?: unknown,
    options: EvaluateOptions = {},
  ): Promise<unknown> {
    const evaluators = options.evaluatingOrganizations;
    try {
      return await this.#waitingForPeers(() =>
        this.#onAnyPeer(identity, async (gateway) => {
          const contract = gateway.getNetwork(this.#options.channel).getContract(this.#options.chaincode);
          return parseJson(
            await contract.evaluate(transaction, {
              arguments: argumentsOf(request),
              ...transientOf(options),
              ...(evaluators === undefined ? {} : { endorsingOrganizations: [...evaluators] }),
            }),
          );
        }),
      );
    } catch (err) {
      throw translateFabricError(err);
    }
  }

  async chaincodeEvents(identity: ClientIdentity, startBlock?: bigint): Promise<EventStream> {
    try {
      const events = await this.#onAnyPeer(identity, (gateway) =>
        gateway
          .getNetwork(this.#options.channel)
          .getChaincodeEvents(this.#options.chaincode, startBlock === undefined ? {} : { startBlock }),
      );
      return {
        close: () => {
          events.close();
        },
        async *[Symbol.asyncIterator]() {
          try {
            for await (const event of events) {
              yield {
                blockNumber: event.blockNumber,
                transactionId: event.transactionId,
                eventName: event.eventName,
                payload: parseJson(event.payload),
              };
            }
          } catch (err) {
            throw translateFabricError(err);
          }
        },
      };
    } catch (err) {
      throw translateFabricError(err);
    }
  }

  async blockHeight(identity: ClientIdentity): Promise<bigint> {
    try {
      return await this.#onAnyPeer(identity, async (gateway) => {
        const qscc = gateway.getNetwork(this.#options.channel).getContract('qscc');
        const info = await qscc.evaluateTransaction('GetChainInfo', this.#options.channel);
        return BigInt(common.BlockchainInfo.deserializeBinary(info).getHeight());
      });
    } catch (err) {
      throw translateFabricError(err);
    }
  }

  close(): void {
    for (const { gateway } of this.#gateways.values()) {
      void gateway.then((g) => {
        g.close();
      });
    }
    this.#gateways.clear();
    for (const connection of this.#connections) {
      connection.client.close();
    }
  }

  async #submitOnce(
    gateway: Gateway,
    transaction: string,
    request: unknown,
    options: SubmitOptions,
  ): Promise<Submitted> {
    const contract = gateway.getNetwork(this.#options.channel).getContract(this.#options.chaincode);
    const endorsed = await contract
      .newProposal(transaction, {
        arguments: argumentsOf(request),
        ...transientOf(options),
        ...(options.endorsingOrganizations === undefined
          ? {}
          : { endorsingOrganizations: [...options.endorsingOrganizations] }),
      })
      .endorse();
    const submitted = await submitForOrdering(endorsed, {
      totalMs: this.#deadlines.submitMs,
      attemptMs: ORDERING_ATTEMPT_MS,
      pauseMs: ORDERING_PAUSE_MS,
    });
    const status = await awaitCommit(endorsed, submitted, {
      totalMs: this.#deadlines.commitStatusMs,
      attemptMs: COMMIT_ATTEMPT_MS,
      pauseMs: ORDERING_PAUSE_MS,
    });
    if (!status.successful) {
      throw new CommitError({
        code: status.code,
        transactionId: status.transactionId,
        message: `transaction ${status.transactionId} committed as invalid`,
      });
    }
    return { result: parseJson(submitted.getResult()), transactionId: submitted.getTransactionId() };
  }

  /**
   * A request's call, run again while every peer it may use is down or starting, for a restart's time at most:
   * a request that waits for the peer is answered instead of refused. A slow or frozen peer is not waited for.
   */
  #waitingForPeers<T>(call: () => Promise<T>): Promise<T> {
    return retryWhile(call, isPeerStarting, this.#peerRestartWaitMs);
  }

  get #peerRestartWaitMs(): number {
    return this.#options.peerRestartWaitMs ?? 15_000;
  }

  /**
   * Runs `call` on the preferred peer, and on the next ones while peers are unreachable; with `organisations`, on
   * peers of those organisations only, so nothing of the call reaches another organisation's peer.
   */
  async #onAnyPeer<T>(
    identity: ClientIdentity,
    call: (gateway: Gateway) => Promise<T>,
    organisations?: readonly string[],
  ): Promise<T> {
    const { peers } = this.#options;
    const { result, peerIndex } = await onFirstReachablePeer(
      this.#connections.length,
      this.#preferredPeer,
      async (i) => call(await this.#gatewayFor(identity, i)),
      (i) => organisations === undefined || organisations.includes(peers[i]?.mspId ?? ''),
    );
    this.#preferredPeer = peerIndex;
    return result;
  }

  /**
   * One Gateway per identity and peer, all over the peer's one shared gRPC connection. A certificate renewed on
   * disk (a new file moved in place) is read on the identity's next call, without a restart.
   */
  #gatewayFor(identity: ClientIdentity, peerIndex: number): Promise<Gateway> {
    const key = `${identity.mspId}/${identity.name}@${String(peerIndex)}`;
    const certificate = certificateVersion(identity.certPath);
    const cached = this.#gateways.get(key);
    if (cached !== undefined && cached.certificate === certificate) {
      return cached.gateway;
    }
    const connection = this.#connections[peerIndex];
    if (connection === undefined) {
      throw new Error(`no peer ${String(peerIndex)}`);
    }
    const gateway = loadSigningIdentity(identity).then((signing) =>
      connect({
        client: connection.client,
        ...signing,
        evaluateOptions: deadlineIn(this.#deadlines.evaluateMs),
        endorseOptions: deadlineIn(this.#deadlines.endorseMs),
        submitOptions: deadlineIn(this.#deadlines.submitMs),
        commitStatusOptions: deadlineIn(this.#deadlines.commitStatusMs),
      }),
    );
    // A failed load (missing key file) must not stay cached.
    gateway.catch(() => this.#gateways.delete(key));
    this.#gateways.set(key, { gateway, certificate });
    return gateway;
  }
}

/** What tells one certificate file from the next in its place: its modification time (0 when it is missing). */
function certificateVersion(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * The ledger adapter over Fabric Gateway: one shared gRPC connection per peer, a Gateway per client identity,
 * per-call deadlines, bounded retries of read conflicts with new transactions, and failover to the next peer
 * when one is unreachable before anything was sent to the orderer.
 * @throws {Error} when a peer's TLS root certificate cannot be read.
 */
export function createFabricLedger(options: FabricLedgerOptions): LedgerAdapter {
  return new FabricLedger(options);
}
