/** Codes the gateway itself produces, next to the chaincode's catalogue. */
export const gatewayErrorCodes = [
  'UNAUTHENTICATED',
  'PAYLOAD_TOO_LARGE',
  'REQUEST_HEADERS_TOO_LARGE',
  'RATE_LIMITED',
  'TOO_MANY_STREAMS',
  'STREAM_CAPACITY_REACHED',
  'STREAM_TOO_SLOW',
  'TOO_MANY_WEBHOOKS',
  'WEBHOOK_TARGET_NOT_ALLOWED',
  'NOT_CONFIGURED',
  'UNAVAILABLE',
  'COMMIT_UNKNOWN',
  'INTERNAL',
] as const;

export type GatewayErrorCode = (typeof gatewayErrorCodes)[number];

/** Properties of an {@link AppError}. */
export interface AppErrorOptions {
  /** The transaction the error belongs to, when a ledger transaction was started. */
  readonly transactionId?: string;
  readonly cause?: unknown;
}

/**
 * The one error type that crosses the layers of the gateway. Its `code` comes from the chaincode's catalogue or
 * from {@link gatewayErrorCodes}; the error handler turns it into an HTTP status with one table.
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: string;
  readonly transactionId: string | undefined;

  constructor(code: string, message: string, options: AppErrorOptions = {}) {
    super(`${code}: ${message}`, { cause: options.cause });
    this.code = code;
    this.transactionId = options.transactionId;
  }

  /** The message without its code prefix, as shown to clients next to the code. */
  get detail(): string {
    return this.message.slice(this.code.length + 2);
  }
}

/** True when `err` is an {@link AppError}. */
export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
