import type { M365TenantModel } from '../model.js';

/** Graph's service root. */
export const GRAPH_ORIGIN = 'https://graph.microsoft.com';
/** The only version the simulator serves. */
export const GRAPH_VERSION = 'v1.0';
export const GRAPH_ROOT = `${GRAPH_ORIGIN}/${GRAPH_VERSION}`;

/** A JSON value as Graph sends it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/** One request to route, either top-level or inside `$batch`. */
export interface GraphRequest {
  method: string;
  /** Path below `/v1.0`, decoded, e.g. `/users` or `/$batch`. */
  path: string;
  /** The raw query string without `?`. */
  rawQuery: string;
  headers: Headers;
  /** The parsed JSON body, when there is one. */
  body?: unknown;
  /** The `id` of the sub-request when this came inside a `$batch`. */
  batchRequestId?: string;
}

/** What the simulator answers. */
export interface GraphResponse {
  status: number;
  headers: Record<string, string>;
  /** A JSON body; `undefined` for none. */
  body: Json | undefined;
}

/** The caller, as Graph sees it after validating the token. */
export interface Caller {
  tenant: M365TenantModel;
  /** The token's `roles`, lower-cased. */
  roles: ReadonlySet<string>;
}

/** Per-request context: who calls, and the ids Graph stamps on the answer. */
export interface RequestContext {
  requestId: string;
  clientRequestId: string;
  /** When the request arrived (Graph puts it in `innerError.date`). */
  now: Date;
}

/** Graph's content type for OData JSON answers. */
export const ODATA_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/** The headers Graph puts on every answer. */
export function standardHeaders(ctx: RequestContext, contentType = ODATA_JSON): Record<string, string> {
  return {
    'Content-Type': contentType,
    'request-id': ctx.requestId,
    'client-request-id': ctx.clientRequestId,
    'x-ms-ags-diagnostic': JSON.stringify({ ServerInfo: { DataCenter: 'Simulated', Slice: 'E', Ring: '1', ScaleUnit: '000', RoleInstance: 'tenant-audit-simulator' } }),
  };
}

/** A 200 JSON answer. */
export function ok(ctx: RequestContext, body: Json): GraphResponse {
  return { status: 200, headers: standardHeaders(ctx), body };
}
