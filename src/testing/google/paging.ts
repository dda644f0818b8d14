import { createHash } from 'node:crypto';
import { ok, type GoogleResponse, type Json, type JsonObject } from './http.js';

/**
 * Opaque page tokens, as Google's are: a client can only pass back the `nextPageToken` it was
 * given. Each token names the position and is bound to the query that produced it (the method and
 * the parameters that choose the result set), so a token replayed with another filter or on another
 * method is rejected, as Google rejects it.
 */

/** A page of `items` and the token for the next one, if any. */
export interface Page<T> {
  items: T[];
  nextPageToken?: string;
}

function binding(scope: string, params: Record<string, string | undefined>): string {
  const canonical = Object.entries(params)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  return createHash('sha256').update(`${scope}?${canonical}`).digest('base64url').slice(0, 16);
}

/** Makes the token for the page starting at `offset`. */
export function makePageToken(scope: string, params: Record<string, string | undefined>, offset: number): string {
  const payload = JSON.stringify({ o: offset, b: binding(scope, params) });
  return Buffer.from(payload, 'utf8').toString('base64url');
}

/** The offset a token names, or `null` when it is not one this query issued. */
export function readPageToken(token: string, scope: string, params: Record<string, string | undefined>): number | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (parsed === null || typeof parsed !== 'object') return null;
    const { o, b } = parsed as { o?: unknown; b?: unknown };
    if (typeof o !== 'number' || !Number.isInteger(o) || o < 0 || b !== binding(scope, params)) return null;
    return o;
  } catch {
    return null;
  }
}

/** Slices `all` into the page at `offset`, with the next token when more remain. */
export function pageOf<T>(all: readonly T[], offset: number, size: number, scope: string, params: Record<string, string | undefined>): Page<T> {
  const items = all.slice(offset, offset + size);
  const next = offset + size;
  return next < all.length ? { items, nextPageToken: makePageToken(scope, params, next) } : { items };
}

/** What {@link servePage} needs to answer one page of a list. */
export interface PagedList<T> {
  /** The method the page tokens are bound to, e.g. `directory.users.list`. */
  method: string;
  /** The parameters that choose the result set: a token is valid only with the same ones. */
  binding: Record<string, string | undefined>;
  /** The `pageToken` sent, if any. */
  pageToken: string | null;
  size: number;
  /** The method's answer to a page token this query did not issue. */
  invalidToken(): GoogleResponse;
  /** The properties before the items (`kind`, `etag`) of the page at `offset`. */
  head(offset: number): JsonObject;
  /** The property the items go under; Google leaves it out of an empty page. */
  itemsKey: string;
  render(item: T): Json;
}

/** The page of `all` the request's `pageToken` names, in Google's list body: head, items, `nextPageToken`. */
export function servePage<T>(all: readonly T[], list: PagedList<T>): GoogleResponse {
  const { pageToken, method, binding } = list;
  const offset = pageToken === null || pageToken === '' ? 0 : readPageToken(pageToken, method, binding);
  if (offset === null) return list.invalidToken();
  const page = pageOf(all, offset, list.size, method, binding);
  const body = list.head(offset);
  if (page.items.length > 0) body[list.itemsKey] = page.items.map((item) => list.render(item));
  if (page.nextPageToken !== undefined) body['nextPageToken'] = page.nextPageToken;
  return ok(body);
}
