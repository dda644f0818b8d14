import { graphError, notSimulated } from './errors.js';
import type { Caller, GraphRequest, GraphResponse, Json, RequestContext } from './http.js';
import type { QueryOptions } from './odata.js';

/** Everything a route handler needs. */
export interface RouteContext {
  request: GraphRequest;
  caller: Caller;
  ctx: RequestContext;
  query: QueryOptions;
  /** Path parameters captured by the route pattern (e.g. a group id). */
  params: string[];
}

/** A simulated Graph operation. */
export interface Route {
  /** Matches the path below /v1.0 (tested case-insensitively: Graph paths are). */
  pattern: RegExp;
  /** For messages: `GET /users`. */
  name: string;
  /** Query options this route simulates (lower-case, no `$`). Other OData options get a 501 saying so. */
  options: readonly string[];
  handle(route: RouteContext): GraphResponse;
}

/** A 501 for an OData option Graph accepts here but the simulator does not simulate, or `null`. */
export function unsimulatedOption(route: RouteContext, allowed: readonly string[], name: string): GraphResponse | null {
  const extra = route.query.names().find((option) => !allowed.includes(option));
  return extra === undefined ? null : notSimulated(route.ctx, `$${extra} on ${name}`);
}

/** Casts a model object (JSON-compatible by construction) to the JSON type served. */
export function asJson(value: unknown): Json {
  return value as Json;
}

/** Whether the request asked for `$count=true` with `ConsistencyLevel: eventual` (otherwise Graph ignores `$count=true`). */
export function wantsCount(route: RouteContext): boolean {
  return (
    route.query.get('count')?.toLowerCase() === 'true' && route.request.headers.get('ConsistencyLevel')?.toLowerCase() === 'eventual'
  );
}

/** The answer to a `$skiptoken` the simulator did not issue (outside the directory). Unconfirmed wording. */
export function badPageToken(route: RouteContext): GraphResponse {
  return graphError(route.ctx, 400, 'BadRequest', 'The $skiptoken value is not valid.');
}

/**
 * Page size for a list whose `$top` limit is not documented: a smaller `$top` is honoured, a larger
 * one is paged at `maxSize` (server-driven paging, which Graph may always do). `$top=0` is a 400.
 */
export function boundedPageSize(route: RouteContext, top: number | null, defaultSize: number, maxSize: number): number | GraphResponse {
  if (top === null) return defaultSize;
  if (top < 1) return graphError(route.ctx, 400, 'BadRequest', `Invalid value '${top}' for $top query option found.`);
  return Math.min(top, maxSize);
}
