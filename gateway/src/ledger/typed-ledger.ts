import type { RequestOf, ResponseOf, TransactionMap, TransactionName } from '@stadspas/chaincode/vocabulary';
import type { ClientIdentity } from '../auth/client-identity';
import type { EvaluateOptions, LedgerAdapter, SubmitOptions } from './ledger-adapter';

/** Names of the transactions that write (are submitted). */
export type SubmitName = {
  [T in TransactionName]: TransactionMap[T]['submit'] extends true ? T : never;
}[TransactionName];

/** Names of the read-only transactions (evaluated). */
export type EvaluateName = Exclude<TransactionName, SubmitName>;

/** A committed transaction's typed result. */
export interface TypedSubmitted<T extends SubmitName> {
  readonly result: ResponseOf<T>;
  readonly transactionId: string;
}

/**
 * The ledger in the chaincode's own terms: transaction names with their request and response types from the
 * shared vocabulary, so services never handle bytes or untyped JSON. Errors are those of {@link LedgerAdapter}.
 */
export class TypedLedger {
  readonly #adapter: LedgerAdapter;

  constructor(adapter: LedgerAdapter) {
    this.#adapter = adapter;
  }

  /** Submits a write transaction and waits for its commit. */
  async submit<T extends SubmitName>(
    identity: ClientIdentity,
    transaction: T,
    request: RequestOf<T>,
    options?: SubmitOptions,
  ): Promise<TypedSubmitted<T>> {
    const submitted = await this.#adapter.submit(identity, transaction, request, options);
    // The chaincode validates and shapes its responses; the vocabulary is the contract for their type.
    return { result: submitted.result as ResponseOf<T>, transactionId: submitted.transactionId };
  }

  /** Evaluates a read-only transaction. */
  async evaluate<T extends EvaluateName>(
    identity: ClientIdentity,
    transaction: T,
    request: RequestOf<T>,
    options?: EvaluateOptions,
  ): Promise<ResponseOf<T>> {
    return (await this.#adapter.evaluate(identity, transaction, request, options)) as ResponseOf<T>;
  }
}
