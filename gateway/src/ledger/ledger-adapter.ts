import type { ClientIdentity } from '../auth/client-identity';

/** The transient data of a transaction. */
export interface TransientOptions {
  /**
   * Secrets and private data for the chaincode's transient map (a card's code, a holder's personal data): never
   * part of the transaction itself, so never in a block.
   */
  readonly transient?: Readonly<Record<string, string>>;
}

/** Options of an evaluated transaction. */
export interface EvaluateOptions extends TransientOptions {
  /**
   * The organisations one of whose peers evaluates it (the call still enters through this gateway's own peer,
   * which forwards it): a municipality's peer answers from its private collection.
   */
  readonly evaluatingOrganizations?: readonly string[];
}

/** Options of a submitted transaction. */
export interface SubmitOptions extends TransientOptions {
  /**
   * The only organisations whose peers may endorse it. A proposal that carries another organisation's data must
   * never reach that organisation's peers, not even when the own peers do not answer: it then fails (UNAVAILABLE)
   * instead.
   */
  readonly endorsingOrganizations?: readonly string[];
}

/** The outcome of a committed transaction. */
export interface Submitted {
  /** The transaction's JSON result, parsed. */
  readonly result: unknown;
  readonly transactionId: string;
}

/** A chaincode event, with its JSON payload parsed. */
export interface LedgerEvent {
  readonly blockNumber: bigint;
  readonly transactionId: string;
  readonly eventName: string;
  readonly payload: unknown;
}

/** A stream of events that the consumer must close when done. */
export interface EventStream extends AsyncIterable<LedgerEvent> {
  close(): void;
}

/**
 * What the gateway needs from the ledger, in its own terms: no Fabric type crosses this interface.
 * Every method throws an `AppError` whose code comes from the chaincode (its message prefix) or is one of
 * UNAVAILABLE (no peer reachable), COMMIT_UNKNOWN (outcome not known, with the transaction id), CONFLICT
 * (concurrent updates kept conflicting) or INTERNAL.
 */
export interface LedgerAdapter {
  /** Endorses, orders and waits for the commit of `transaction` with its JSON request as the one argument. */
  submit(
    identity: ClientIdentity,
    transaction: string,
    request: unknown,
    options?: SubmitOptions,
  ): Promise<Submitted>;
  /** Evaluates a read-only `transaction` on a peer and returns its parsed JSON result. */
  evaluate(
    identity: ClientIdentity,
    transaction: string,
    request?: unknown,
    options?: EvaluateOptions,
  ): Promise<unknown>;
  /** Chaincode events from `startBlock` (or from now on), in ledger order. */
  chaincodeEvents(identity: ClientIdentity, startBlock?: bigint): Promise<EventStream>;
  /** The number of blocks on the channel, as seen by the first reachable peer. */
  blockHeight(identity: ClientIdentity): Promise<bigint>;
  /** Releases connections; pending calls fail. */
  close(): void;
}
