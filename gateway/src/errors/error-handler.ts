import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError, isAppError } from './app-error';
import { httpStatusOf } from './http-status';

/** The JSON body of every error response. */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly transactionId?: string };
}

/** Express' body parser marks its own failures with a `type`; they are the client's mistakes. */
function fromBodyParser(err: object): AppError | undefined {
  if (!('type' in err)) {
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

function clientStatusOf(err: object): number | undefined {
  const status = 'status' in err ? err.status : 'statusCode' in err ? err.statusCode : undefined;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/**
 * The request mistakes Express and its parsers find before a route runs: they carry a 4xx status (the
 * http-errors convention), e.g. a path parameter that is not valid percent-encoding (a `URIError`) or a body
 * that does not match its `Content-Encoding`.
 */
function fromRequestParsing(err: unknown): AppError | undefined {
  if (typeof err !== 'object' || err === null) {
    return undefined;
  }
  const parsed = fromBodyParser(err);
  if (parsed !== undefined || clientStatusOf(err) === undefined) {
    return parsed;
  }
  if (err instanceof URIError) {
    return new AppError('INVALID_ARGUMENT', 'the path holds a malformed percent-encoding', { cause: err });
  }
  return new AppError('INVALID_ARGUMENT', 'the request cannot be read (malformed body or headers)', {
    cause: err,
  });
}

/** Converts anything thrown into an {@link AppError}; what is not recognised becomes INTERNAL. */
export function toAppError(err: unknown): AppError {
  if (isAppError(err)) {
    return err;
  }
  return fromRequestParsing(err) ?? new AppError('INTERNAL', 'unexpected error', { cause: err });
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
