import type { ErrorBody } from '../../src/errors/error-handler';

/** The error of an error response. */
export function errorOf(res: { body: unknown }): ErrorBody['error'] {
  return (res.body as ErrorBody).error;
}
