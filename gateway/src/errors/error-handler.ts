import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError, isAppError } from './app-error';
import { httpStatusOf } from './http-status';

/** The JSON body of every error response. */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly transactionId?: string };
}

/** Express' body parser marks its own failures with a `type`; they are the client's mistakes. */
function fromBodyParser(err: unknown): AppError | undefined {
  if (typeof err !== 'object' || err === null || !('type' in err)) {
    return undefined;
  }
  switch (err.type) {
    case 'entity.too.large':
      return new AppError('PAYLOAD_TOO_LARGE', 'request body is too large', { cause: err });
    case 'entity.parse.failed':
      return new AppError('INVALID_ARGUMENT', 'request body is not valid JSON', { cause: err });
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new AppError('INVALID_ARGUMENT', 'request body encoding is not supported', { cause: err });
    default:
      return undefined;
  }
}

/** Converts anything thrown into an {@link AppError}; what is not recognised becomes INTERNAL. */
export function toAppError(err: unknown): AppError {
  if (isAppError(err)) {
    return err;
  }
  return fromBodyParser(err) ?? new AppError('INTERNAL', 'unexpected error', { cause: err });
}

/** Renders an {@link AppError} as the error body. */
export function errorBodyOf(err: AppError): ErrorBody {
  return {
    error: {
      code: err.code,
      message: err.detail,
      ...(err.transactionId === undefined ? {} : { transactionId: err.transactionId }),
    },
  };
}

/** The one error handler: maps the error's code to a status with one table and logs server faults. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const appError = toAppError(err);
    const status = httpStatusOf(appError.code);
    if (status >= 500) {
      logger.error({ err: appError.cause ?? appError, code: appError.code }, 'request failed');
    }
    res.status(status).json(errorBodyOf(appError));
  };
}

/** Answers any route that does not exist with NOT_FOUND in the common error shape. */
export const unknownRoute: RequestHandler = (req, _res, next) => {
  next(new AppError('NOT_FOUND', `no route ${req.method} ${req.path}`));
};
