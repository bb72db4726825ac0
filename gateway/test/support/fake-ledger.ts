import type { ClientIdentity } from '../../src/auth/client-identity';
import { AppError } from '../../src/errors/app-error';
import type {
  EvaluateOptions,
  EventStream,
  LedgerAdapter,
  LedgerEvent,
  SubmitOptions,
  Submitted,
} from '../../src/ledger/ledger-adapter';

/** One call the gateway made on the ledger. */
export interface LedgerCall {
  readonly kind: 'submit' | 'evaluate';
  readonly identity: ClientIdentity;
  readonly transaction: string;
  readonly request: unknown;
  readonly transient: Readonly<Record<string, string>> | undefined;
  readonly endorsingOrganizations: readonly string[] | undefined;
  readonly evaluatingOrganizations: readonly string[] | undefined;
}

/** What a transaction handler of the double gets. */
export type Handler = (call: LedgerCall) => unknown;

/**
 * An in-memory ledger double implementing the adapter interface: tests register what each transaction does
 * (a result, or an `AppError` carrying a chaincode code, as the real adapter throws), and read back every call.
 */
export class FakeLedger implements LedgerAdapter {
  readonly calls: LedgerCall[] = [];
  readonly #handlers = new Map<string, Handler>();
  readonly #events: LedgerEvent[] = [];
  readonly #listeners = new Set<() => void>();
  #transactions = 0;
  /** When set, every call fails as if no peer were reachable. */
  unavailable = false;
  height = 7n;
  closed = false;

  /** Registers what a transaction does. */
  on(transaction: string, handler: Handler): this {
    this.#handlers.set(transaction, handler);
    return this;
  }

  /** The handler registered for a transaction, so a test can wrap it. @throws {Error} when none is. */
  handlerOf(transaction: string): Handler {
    const handler = this.#handlers.get(transaction);
    if (handler === undefined) {
      throw new Error(`no handler registered for ${transaction}`);
    }
    return handler;
  }

  /** The calls of one transaction, in order. */
  callsOf(transaction: string): LedgerCall[] {
    return this.calls.filter((call) => call.transaction === transaction);
  }

  /** Appends a chaincode event to the given block and wakes the open streams. */
  emit(blockNumber: bigint, eventName: string, payload: unknown): void {
    this.#events.push({
      blockNumber,
      transactionId: `tx-event-${String(this.#events.length)}`,
      eventName,
      payload,
    });
    for (const wake of this.#listeners) {
      wake();
    }
  }

  submit(
    identity: ClientIdentity,
    transaction: string,
    request: unknown,
    options?: SubmitOptions,
  ): Promise<Submitted> {
    return this.#run('submit', identity, transaction, request, options).then((result) => ({
      result,
      transactionId: `tx-${String(++this.#transactions)}`,
    }));
  }

  evaluate(
    identity: ClientIdentity,
    transaction: string,
    request?: unknown,
    options?: EvaluateOptions,
  ): Promise<unknown> {
    return this.#run('evaluate', identity, transaction, request, options);
  }

  blockHeight(): Promise<bigint> {
    return this.unavailable
      ? Promise.reject(new AppError('UNAVAILABLE', 'the peer is not reachable'))
      : Promise.resolve(this.height);
  }

  chaincodeEvents(_identity: ClientIdentity, startBlock?: bigint): Promise<EventStream> {
    if (startBlock !== undefined && startBlock >= 2n ** 64n) {
      // Fabric's client cannot encode a block number beyond 64 bits and fails with a plain error.
      return Promise.reject(new RangeError(`block number ${startBlock.toString()} is out of range`));
    }
    const events = this.#events;
    const listeners = this.#listeners;
    // Without a start block a stream begins after the newest block, as Fabric's does.
    let next =
      startBlock === undefined ? events.length : events.findIndex((e) => e.blockNumber >= startBlock);
    if (next < 0) {
      next = events.length;
    }
    let open = true;
    let wake: (() => void) | undefined;
    const stream: EventStream = {
      close: () => {
        open = false;
        wake?.();
      },
      async *[Symbol.asyncIterator]() {
        while (open) {
          const event = events[next];
          if (event !== undefined) {
            next++;
            yield event;
            continue;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
            listeners.add(resolve);
          });
          if (wake !== undefined) {
            listeners.delete(wake);
          }
        }
      },
    };
    return Promise.resolve(stream);
  }

  close(): void {
    this.closed = true;
  }

  async #run(
    kind: LedgerCall['kind'],
    identity: ClientIdentity,
    transaction: string,
    request: unknown,
    options: SubmitOptions & EvaluateOptions = {},
  ): Promise<unknown> {
    if (this.unavailable) {
      throw new AppError('UNAVAILABLE', 'the peer is not reachable');
    }
    const call = {
      kind,
      identity,
      transaction,
      request,
      transient: options.transient,
      endorsingOrganizations: options.endorsingOrganizations,
      evaluatingOrganizations: options.evaluatingOrganizations,
    };
    this.calls.push(call);
    const handler = this.#handlers.get(transaction);
    if (handler === undefined) {
      throw new AppError('INTERNAL', `the test registered no handler for ${transaction}`);
    }
    return Promise.resolve(handler(call));
  }
}
