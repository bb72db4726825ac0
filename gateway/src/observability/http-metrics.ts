import type { RequestHandler } from 'express';
import type { Metrics } from './metrics';

/** Counts answered requests by route pattern (not raw URL, which would explode the label space). */
export function httpMetrics(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    res.on('finish', () => {
      const route = (req.route as { path?: unknown } | undefined)?.path;
      metrics.httpRequests.inc({
        route: typeof route === 'string' ? `${req.baseUrl}${route}` : 'unmatched',
        method: req.method,
        status: String(res.statusCode),
      });
    });
    next();
  };
}
