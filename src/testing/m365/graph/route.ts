import { graphError, notSimulated } from './errors.js';
import { ok, type Caller, type GraphRequest, type GraphResponse, type Json, type JsonObject, type RequestContext } from './http.js';
import { collectionBody, contextUrl, pageOf, parseSelect, parseTop, project, type QueryOptions } from './odata.js';
import type { EntityTypeSchema } from './schema.js';

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

/** What a list request asked for, once its query options passed Graph's syntax checks. */
export interface CollectionQuery {
  /** `$select` as canonical names, or `null` for the default properties. */
  select: string[] | null;
  /** `$top`, or `null` when not sent. */
  top: number | null;
}

/**
 * The query checks every simulated list runs first, in Graph's order: an option the route does not
 * simulate (501), then `$select` and `$top` syntax (400). Access checks come after, in the route.
 */
export function parseCollectionQuery(
  route: RouteContext,
  served: Pick<Route, 'name' | 'options'>,
  schema: EntityTypeSchema,
): CollectionQuery | GraphResponse {
  const unsupported = unsimulatedOption(route, served.options, served.name);
  if (unsupported) return unsupported;
  const select = parseSelect(route.ctx, route.query.get('select'), schema);
  if (!select.ok) return select.response;
  const top = parseTop(route.ctx, route.query.get('top'));
  if (!top.ok) return top.response;
  return { select: select.value, top: top.value };
}

/** Options for {@link serveCollection}. */
export interface CollectionServing<T> {
  schema: EntityTypeSchema;
  /** The entity set `@odata.context` names, e.g. `users` or `conditionalAccess/policies`. */
  contextPath: string;
  select: string[] | null;
  /**
   * Items per page, or the refusal {@link boundedPageSize} gave (served as is). Absent for a list
   * Graph does not page: every item in one answer, no next link.
   */
  pageSize?: number | GraphResponse;
  /** The item as Graph holds it (all properties). */
  resource(item: T): JsonObject;
  /**
   * The properties served without `$select`, for a list that projects even then (users); absent:
   * the whole resource is served.
   */
  defaultSelect?: readonly string[];
  /** Adjusts an item after projection (annotations, properties Graph leaves out or nulls). */
  finish?(rendered: JsonObject, item: T): JsonObject;
  /** The error for a `$skiptoken` we did not issue; {@link badPageToken} by default. */
  badToken?: () => GraphResponse;
  /** `@odata.count`, when the request asked for it. */
  count?: number;
}

/** Pages `items` at the request's `$skiptoken`, renders each page item and answers Graph's collection body. */
export function serveCollection<T>(route: RouteContext, items: readonly T[], serving: CollectionServing<T>): GraphResponse {
  const { pageSize, schema, select } = serving;
  if (typeof pageSize === 'object') return pageSize;
  let pageItems: readonly T[] = items;
  let next: string | undefined;
  if (pageSize !== undefined) {
    const page = pageOf(items, {
      ctx: route.ctx,
      path: route.request.path,
      query: route.query,
      pageSize,
      badToken: serving.badToken ?? (() => badPageToken(route)),
    });
    if (!page.ok) return page.response;
    ({ page: pageItems, nextLink: next } = page.value);
  }
  const properties = select ?? serving.defaultSelect ?? null;
  const value = pageItems.map((item) => {
    const resource = serving.resource(item);
    const rendered = properties === null ? resource : project(resource, properties, schema);
    return serving.finish ? serving.finish(rendered, item) : rendered;
  });
  return ok(route.ctx, collectionBody(contextUrl(serving.contextPath, select), value, next, serving.count));
}
