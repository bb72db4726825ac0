import type { ErrorCode } from './vocabulary';

/**
 * The one error type of the chaincode. Its message starts with the catalogue code (`CODE: text`)
 * because only the message reaches the client.
 */
export class ChaincodeError extends Error {
  override readonly name = 'ChaincodeError';

  constructor(
    readonly code: ErrorCode,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

/**
 * Refuses the current transaction.
 *
 * @throws {ChaincodeError} always, with the given code.
 */
export function fail(code: ErrorCode, detail: string): never {
  throw new ChaincodeError(code, detail);
}
