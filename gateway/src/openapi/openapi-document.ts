import { OpenAPIRegistry, OpenApiGeneratorV3, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { ZodObject } from 'zod';
import { idempotencyHeader } from '../http/idempotency-key';
import type { AnyRoute } from '../http/route-spec';
import { z } from '../http/zod';

const errorBody = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'INSUFFICIENT_BALANCE' }),
      message: z.string(),
      transactionId: z.string().optional(),
    }),
  })
  .openapi('Error');

const routeErrorDescriptions: Readonly<Record<string, string>> = {
  '400':
    'INVALID_ARGUMENT or INVALID_QR: the request is malformed or the QR payload is not genuine; ' +
    'WEBHOOK_TARGET_NOT_ALLOWED: a webhook URL names an internal address',
  '401': 'UNAUTHENTICATED: missing or unknown API key',
  '403': 'FORBIDDEN, VENUE_NOT_ELIGIBLE or VENUE_SUSPENDED',
  '404': 'NOT_FOUND',
  '409':
    'a state conflict: INSUFFICIENT_BALANCE, PASS_BLOCKED, ALREADY_CLAIMED, IDEMPOTENCY_MISMATCH, ' +
    'TOO_MANY_WEBHOOKS, …',
  '503': 'UNAVAILABLE: the ledger cannot be reached',
  '504': 'COMMIT_UNKNOWN: sent, outcome not known yet (the body carries the transaction id)',
};

/** Answers any operation may get, whatever it does. */
const commonErrorDescriptions: Readonly<Record<string, string>> = {
  '413': 'PAYLOAD_TOO_LARGE: the request body is larger than the gateway accepts',
  '429':
    'RATE_LIMITED: too many requests for this API key, or from this address without a valid key; ' +
    'TOO_MANY_STREAMS: this API key holds the most event streams it may',
  '431': 'REQUEST_HEADERS_TOO_LARGE: the request headers are larger than the gateway accepts',
  '500': 'INTERNAL: an unexpected fault of the gateway',
};

/** Error answers with the common error body, one per status with its description. */
export function errorResponsesOf(descriptions: Readonly<Record<string, string>>): RouteConfig['responses'] {
  return Object.fromEntries(
    Object.entries(descriptions).map(([status, description]) => [
      status,
      { description, content: { 'application/json': { schema: errorBody } } },
    ]),
  );
}

const errorResponses = errorResponsesOf({ ...routeErrorDescriptions, ...commonErrorDescriptions });

/** The documented error answers of the given statuses, for operations documented by hand. */
export function routeErrorResponses(...statuses: readonly string[]): RouteConfig['responses'] {
  return errorResponsesOf(
    Object.fromEntries(statuses.map((status) => [status, routeErrorDescriptions[status] ?? status])),
  );
}

/** The error answers every operation, a JSON route or not, may get. */
export const commonErrorResponses = errorResponsesOf(commonErrorDescriptions);

function successResponse(route: AnyRoute): RouteConfig['responses'][string] {
  if (route.produces !== undefined) {
    return {
      description: 'OK',
      content: {
        // A route may answer JSON by default and another media type on request (a CSV download).
        ...(route.response === undefined ? {} : { 'application/json': { schema: route.response } }),
        ...Object.fromEntries(
          route.produces.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
        ),
      },
    };
  }
  return {
    description: 'OK',
    ...(route.response === undefined ? {} : { content: { 'application/json': { schema: route.response } } }),
  };
}

/** Registers an API route in the document; paths are relative to the API's base path. */
function registerRoute(registry: OpenAPIRegistry, route: AnyRoute): void {
  registry.registerPath({
    method: route.method,
    path: route.path,
    tags: [route.tag],
    summary: route.summary,
    security: [{ apiKey: [] }],
    request: {
      ...(route.params === undefined ? {} : { params: route.params as unknown as ZodObject }),
      ...(route.query === undefined ? {} : { query: route.query as unknown as ZodObject }),
      ...(route.body === undefined
        ? {}
        : { body: { required: true, content: { 'application/json': { schema: route.body } } } }),
      ...(route.idempotencyKey === undefined
        ? {}
        : { headers: z.object({ [idempotencyHeader]: z.string().min(1).max(64) }) }),
    },
    responses: {
      [String(route.status)]: successResponse(route),
      ...errorResponses,
      ...forbiddenResponse(route),
    },
  });
}

function forbiddenResponse(route: AnyRoute): RouteConfig['responses'] {
  return route.forbidden === undefined
    ? {}
    : errorResponsesOf({ '403': `FORBIDDEN: ${route.forbidden}; VENUE_NOT_ELIGIBLE or VENUE_SUSPENDED` });
}

/** Extra operations that are not plain JSON routes (health, metrics, events), documented by hand. */
export type ExtraOperation = RouteConfig;

/**
 * Builds the OpenAPI 3 document of the gateway from the same schemas that validate requests.
 */
export function buildOpenApiDocument(
  routes: readonly AnyRoute[],
  extras: readonly ExtraOperation[],
  info: { readonly title: string; readonly version: string; readonly basePath: string },
): ReturnType<OpenApiGeneratorV3['generateDocument']> {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key issued by this organisation’s gateway',
  });
  for (const route of routes) {
    registerRoute(registry, { ...route, path: `${info.basePath}${route.path}` });
  }
  for (const extra of extras) {
    registry.registerPath({ ...extra, responses: { ...commonErrorResponses, ...extra.responses } });
  }
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: { title: info.title, version: info.version },
  });
}
