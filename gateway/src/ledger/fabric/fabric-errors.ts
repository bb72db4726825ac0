import { GatewayError, EndorseError } from '@hyperledger/fabric-gateway';

/**
 * The client library's SubmitError: ordering refused an endorsed transaction. Its class is exported as a type
 * only, so it is told by what it is: a GatewayError (not an endorsement's) that names its transaction.
 */
export type SubmitError = GatewayError & { readonly transactionId: string };

/** Whether an error is the client library's SubmitError (see {@link SubmitError}). */
export function isSubmitError(err: unknown): err is SubmitError {
  return (
    err instanceof GatewayError &&
    !(err instanceof EndorseError) &&
    typeof (err as { transactionId?: unknown }).transactionId === 'string'
  );
}
