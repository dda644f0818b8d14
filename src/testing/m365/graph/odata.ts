import { graphError } from './errors.js';
import { GRAPH_ROOT, type GraphResponse, type Json, type JsonObject, type RequestContext } from './http.js';
import type { EntityTypeSchema } from './schema.js';

/**
 * OData query options as Graph reads them. In v1.0 the `$` prefix is optional ("filter=" works,
 * as the user-list docs' own example shows), names are case-insensitive, and an unknown
 * `$option` is a 400.
 */

/** System query options OData defines (lower-case, without `$`). */
const SYSTEM_OPTIONS = new Set([
  'select',
  'top',
  'skip',
  'skiptoken',
  'filter',
  'orderby',
  'expand',
  'search',
  'count',
  'format',
  'deltatoken',
  'levels',
  'apply',
  'compute',
  'index',
  'schemaversion',
  'id',
]);

/** Parsed query: system options by lower-case name (`select`, `top`...), with the original order kept. */
export interface QueryOptions {
  get(name: string): string | undefined;
  has(name: string): boolean;
  /** The options present, lower-case names. */
  names(): string[];
  /** Every parameter as sent (for next links and the request log). */
  raw: [string, string][];
}

type Parsed<T> = { ok: true; value: T } | { ok: false; response: GraphResponse };

/** A query Graph refuses with 400 BadRequest. */
function badRequest(ctx: RequestContext, message: string): { ok: false; response: GraphResponse } {
  return { ok: false, response: graphError(ctx, 400, 'BadRequest', message) };
}

/** Parses the query string; an unknown `$option` or a repeated option is a 400, as ODataLib answers. */
export function parseQueryOptions(ctx: RequestContext, rawQuery: string): Parsed<QueryOptions> {
  const raw = [...new URLSearchParams(rawQuery).entries()];
  const options = new Map<string, string>();
  for (const [key, value] of raw) {
    const hasDollar = key.startsWith('$');
    const name = (hasDollar ? key.slice(1) : key).toLowerCase();
    if (!SYSTEM_OPTIONS.has(name)) {
      if (hasDollar) return badRequest(ctx, `The query parameter '${key}' is not supported.`);
      continue; // Graph ignores custom (non-$) parameters.
    }
    if (options.has(name)) {
      return badRequest(ctx, `Query option '$${name}' was specified more than once, but it must be specified at most once.`);
    }
    options.set(name, value);
  }
  return {
    ok: true,
    value: {
      get: (name) => options.get(name),
      has: (name) => options.has(name),
      names: () => [...options.keys()],
      raw,
    },
  };
}

/**
 * `$select`: canonical property names in the order asked, or Graph's 400 for an unknown one
 * ("Parsing OData Select and Expand failed: Could not find a property named 'x' on type 'microsoft.graph.user'."
 * — wording quoted from Graph by several projects, e.g. for microsoft.graph.mailFolder).
 * Property names match case-insensitively, as in Graph.
 */
export function parseSelect(ctx: RequestContext, value: string | undefined, schema: EntityTypeSchema): Parsed<string[] | null> {
  if (value === undefined || value.trim() === '') return { ok: true, value: null };
  const byLowerName = new Map(schema.properties.map((name) => [name.toLowerCase(), name]));
  const selected: string[] = [];
  for (const item of value.split(',').map((part) => part.trim())) {
    if (item === '*') {
      for (const name of schema.properties) if (!selected.includes(name)) selected.push(name);
      continue;
    }
    const name = byLowerName.get(item.toLowerCase());
    if (name === undefined) {
      return badRequest(ctx, `Parsing OData Select and Expand failed: Could not find a property named '${item}' on type '${schema.typeName}'.`);
    }
    if (!selected.includes(name)) selected.push(name);
  }
  return { ok: true, value: selected };
}

/** `$top` as a number; not a non-negative integer → ODataLib's 400. */
export function parseTop(ctx: RequestContext, value: string | undefined): Parsed<number | null> {
  if (value === undefined) return { ok: true, value: null };
  if (!/^\d+$/.test(value.trim())) {
    return badRequest(ctx, `Invalid value '${value}' for $top query option found. The $top query option requires a non-negative integer value.`);
  }
  return { ok: true, value: Number(value.trim()) };
}

const SKIPTOKEN_PREFIX = 'tenant-audit-page:';

function toBase64Url(text: string): string {
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** An opaque `$skiptoken` for the page starting at `offset`. */
export function encodeSkipToken(offset: number): string {
  return toBase64Url(`${SKIPTOKEN_PREFIX}${offset}`);
}

/** The offset in a `$skiptoken` we issued, or `null` when it is not one of ours. */
export function decodeSkipToken(token: string): number | null {
  try {
    const base64 = token.replace(/-/g, '+').replace(/_/g, '/');
    const text = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    if (!text.startsWith(SKIPTOKEN_PREFIX)) return null;
    const offset = Number(text.slice(SKIPTOKEN_PREFIX.length));
    return Number.isInteger(offset) && offset >= 0 ? offset : null;
  } catch {
    return null;
  }
}

/** Encodes a query value as Graph's next links do: readable, but with reserved characters escaped. */
function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(/%24/g, '$');
}

/**
 * The absolute `@odata.nextLink` for the page at `offset`: the same path and query options as the
 * request (so `$select`/`$top`/`$filter` carry over, as in Graph's links) plus a `$skiptoken`.
 */
export function nextLink(path: string, query: QueryOptions, offset: number): string {
  const params = query.raw
    .filter(([key]) => key.replace(/^\$/, '').toLowerCase() !== 'skiptoken')
    .map(([key, value]) => `${key}=${encodeQueryValue(value)}`);
  params.push(`$skiptoken=${encodeSkipToken(offset)}`);
  return `${GRAPH_ROOT}${path}?${params.join('&')}`;
}

/** `@odata.context` for a collection or entity, with the selection as Graph writes it: `#users(id,displayName)`. */
export function contextUrl(entitySetPath: string, select: readonly string[] | null, entity = false): string {
  const selection = select === null ? '' : `(${select.join(',')})`;
  return `${GRAPH_ROOT}/$metadata#${entitySetPath}${selection}${entity ? '/$entity' : ''}`;
}

/** The selected properties of an entity; properties it lacks are `null` (or `[]` for collections), as Graph returns them. */
export function project(entity: JsonObject, select: readonly string[], schema: EntityTypeSchema): JsonObject {
  const out: JsonObject = {};
  for (const name of select) {
    const value = entity[name];
    out[name] = value !== undefined ? value : schema.collections.includes(name) ? [] : null;
  }
  return out;
}

/** Options for {@link pageOf}. */
export interface PageRequest {
  ctx: RequestContext;
  path: string;
  query: QueryOptions;
  /** Items per page. */
  pageSize: number;
  /** The error for a `$skiptoken` we did not issue. */
  badToken: () => GraphResponse;
}

/** Slices `items` at the request's `$skiptoken`; adds `@odata.nextLink` when more remain. */
export function pageOf<T>(items: readonly T[], request: PageRequest): Parsed<{ page: T[]; nextLink?: string }> {
  const token = request.query.get('skiptoken');
  let offset = 0;
  if (token !== undefined) {
    const decoded = decodeSkipToken(token);
    if (decoded === null) return { ok: false, response: request.badToken() };
    offset = decoded;
  }
  const end = offset + request.pageSize;
  const page = items.slice(offset, end);
  return end < items.length
    ? { ok: true, value: { page, nextLink: nextLink(request.path, request.query, end) } }
    : { ok: true, value: { page } };
}

/** A collection body in Graph's key order: context, next link, value. */
export function collectionBody(context: string, value: Json[], next: string | undefined, count?: number): JsonObject {
  const body: JsonObject = { '@odata.context': context };
  if (count !== undefined) body['@odata.count'] = count;
  if (next !== undefined) body['@odata.nextLink'] = next;
  body['value'] = value;
  return body;
}
