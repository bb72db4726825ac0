import type { Request, Response, Router } from 'express';
import { clientOf } from '../auth/authenticate';
import type { AnyRoute, RouteResult } from './route-spec';
import { idempotencyKeyOf } from './idempotency-key';
import { validate } from './validate';

/** `/passes/{passId}` (OpenAPI) to `/passes/:passId` (Express). */
export function expressPath(openApiPath: string): string {
  return openApiPath.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}

function send(res: Response, status: number, result: RouteResult): void {
  for (const [name, value] of Object.entries(result.headers ?? {})) {
    res.setHeader(name, value);
  }
  res.status(result.status ?? status);
  if (result.raw !== undefined) {
    res.type(result.raw.contentType).send(result.raw.bytes);
  } else if (result.body === undefined) {
    res.end();
  } else {
    res.json(result.body);
  }
}

async function run(route: AnyRoute, req: Request, res: Response): Promise<void> {
  const client = clientOf(res);
  // Validation order follows the URL: unknown ids are reported before body mistakes.
  const params: unknown =
    route.params === undefined ? undefined : validate(route.params, req.params, 'params');
  const query: unknown = route.query === undefined ? undefined : validate(route.query, req.query, 'query');
  const body: unknown = route.body === undefined ? undefined : validate(route.body, req.body, 'body');
  if (route.idempotencyKey === 'required') {
    idempotencyKeyOf(req);
  }
  const result = await route.handle({
    client,
    body: body as never,
    params: params as never,
    query: query as never,
    req,
    res,
  });
  send(res, route.status, result);
}

/** Mounts each route on the router; a rejected handler reaches the one error handler (Express 5). */
export function mountRoutes(router: Router, routes: readonly AnyRoute[]): void {
  for (const route of routes) {
    router[route.method](expressPath(route.path), (req, res) => run(route, req, res));
  }
}
