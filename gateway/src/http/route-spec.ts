import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { ClientIdentity } from '../auth/client-identity';

/** What a route handler gets: the authenticated client and the validated parts of the request. */
export interface RouteContext<B, P, Q> {
  readonly client: ClientIdentity;
  readonly body: B;
  readonly params: P;
  readonly query: Q;
  readonly req: Request;
  readonly res: Response;
}

/** A handler's answer: JSON by default, or raw bytes with a content type (images). */
export interface RouteResult {
  readonly status?: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly raw?: { readonly contentType: string; readonly bytes: Buffer };
}

/**
 * One API operation: its path in OpenAPI form (`/passes/{passId}`), its schemas (which both validate the
 * request and document it) and its handler. Routes stay thin: the handler calls one service function.
 */
export interface RouteSpec<B = undefined, P = undefined, Q = undefined> {
  readonly method: 'get' | 'post' | 'put' | 'delete';
  readonly path: string;
  readonly tag: string;
  readonly summary: string;
  readonly body?: z.ZodType<B>;
  readonly params?: z.ZodType<P>;
  readonly query?: z.ZodType<Q>;
  /** `required`: the request must carry an `Idempotency-Key` header, checked before the handler runs. */
  readonly idempotencyKey?: 'required';
  /** The status of a successful answer. */
  readonly status: number;
  /** The JSON schema of a successful answer, for the documentation. */
  readonly response?: z.ZodType;
  /** Who is refused with 403 FORBIDDEN and why, for the documentation (the chaincode decides). */
  readonly forbidden?: string;
  /** Media types of a non-JSON answer, for the documentation. */
  readonly produces?: readonly string[];
  readonly handle: (context: RouteContext<B, P, Q>) => Promise<RouteResult>;
}

/** A route with its types erased, so routes of different shapes share one list. */
export type AnyRoute = RouteSpec<never, never, never>;

/** Declares a route; the handler's context is typed from the route's schemas. */
export function defineRoute<B = undefined, P = undefined, Q = undefined>(spec: RouteSpec<B, P, Q>): AnyRoute {
  return spec as unknown as AnyRoute;
}
