import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

const requestIdHeader = 'X-Request-Id';
const acceptableRequestId = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Logs every request as JSON with a request id: the caller's `X-Request-Id` when it is sane (so one id can
 * follow a request across systems), else a new one; the id is echoed in the response.
 */
export function requestLogging(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && acceptableRequestId.test(incoming) ? incoming : randomUUID();
      res.setHeader(requestIdHeader, id);
      return id;
    },
    // The Authorization header carries the API key, the cookies a page session's token: never log them.
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    customLogLevel: (_req, res, err) => (err !== undefined || res.statusCode >= 500 ? 'error' : 'info'),
  });
}
