import { graphError, notSimulated } from './errors.js';
import { standardHeaders, type GraphRequest, type GraphResponse, type Json, type JsonObject, type RequestContext } from './http.js';

/** Graph's JSON batching limit: "JSON batch requests are currently limited to 20 individual requests." */
export const BATCH_LIMIT = 20;

/** A sub-request as parsed from the batch body. */
export interface BatchSubRequest {
  id: string;
  method: string;
  /** Relative URL as sent, e.g. `/groups/{id}/transitiveMembers/microsoft.graph.user?$select=id`. */
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

function invalidPayload(ctx: RequestContext): GraphResponse {
  // Unconfirmed wording for a malformed batch body.
  return graphError(ctx, 400, 'BadRequest', 'Invalid batch payload format.');
}

function parseSubRequests(body: unknown): BatchSubRequest[] | null {
  if (body === null || typeof body !== 'object' || !('requests' in body) || !Array.isArray(body.requests)) return null;
  const parsed: BatchSubRequest[] = [];
  for (const item of body.requests as unknown[]) {
    if (item === null || typeof item !== 'object') return null;
    const { id, method, url, headers, body: subBody } = item as Record<string, unknown>;
    if (typeof id !== 'string' || typeof method !== 'string' || typeof url !== 'string') return null;
    const headerRecord: Record<string, string> = {};
    if (headers !== undefined) {
      if (headers === null || typeof headers !== 'object') return null;
      for (const [name, value] of Object.entries(headers)) headerRecord[name] = String(value);
    }
    parsed.push({ id, method: method.toUpperCase(), url, headers: headerRecord, body: subBody });
  }
  return parsed;
}

/** Headers a sub-response carries: content type and retry hints, not the per-request ids of the outer answer. */
function subResponseHeaders(headers: Record<string, string>): JsonObject {
  const kept: JsonObject = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!['request-id', 'client-request-id', 'x-ms-ags-diagnostic'].includes(name.toLowerCase())) kept[name] = value;
  }
  return kept;
}

/**
 * `POST /$batch` (JSON batching). Each sub-request goes through `dispatch`, the same routing,
 * permission checks and faults as a top-level request, so a sub-request can be refused or throttled
 * on its own while the batch answers 200 ("Inside a JSON batch, each request is checked against the
 * limits on its own", throttling docs).
 */
export function handleBatch(
  request: GraphRequest,
  ctx: RequestContext,
  dispatch: (sub: GraphRequest) => GraphResponse,
): GraphResponse {
  if (request.method !== 'POST') return notSimulated(ctx, `${request.method} /$batch`);
  const subRequests = parseSubRequests(request.body);
  if (subRequests === null || subRequests.length === 0) return invalidPayload(ctx);
  if (subRequests.length > BATCH_LIMIT) {
    // Wording as quoted in microsoftgraph/microsoftgraph-postman-collections#9.
    return graphError(ctx, 400, 'BadRequest', 'Number of requests inside batch exceeds the limit.');
  }
  const ids = new Set<string>();
  for (const sub of subRequests) {
    if (ids.has(sub.id)) return graphError(ctx, 400, 'BadRequest', `Batch request contains a duplicate request id '${sub.id}'.`);
    ids.add(sub.id);
  }

  const responses: Json[] = subRequests.map((sub) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(sub.url)) {
      // Sub-request URLs are relative to the version root ("/users"), never absolute.
      const refused = graphError(ctx, 400, 'BadRequest', `Invalid request URL '${sub.url}': batch request URLs must be relative.`);
      return { id: sub.id, status: refused.status, headers: subResponseHeaders(refused.headers), body: refused.body ?? null };
    }
    const relative = sub.url.startsWith('/') ? sub.url : `/${sub.url}`;
    const queryAt = relative.indexOf('?');
    let headers: Headers;
    try {
      headers = new Headers(sub.headers);
    } catch {
      const refused = graphError(ctx, 400, 'BadRequest', `Invalid headers in batch request '${sub.id}'.`);
      return { id: sub.id, status: refused.status, headers: subResponseHeaders(refused.headers), body: refused.body ?? null };
    }
    const response = dispatch({
      method: sub.method,
      path: queryAt === -1 ? relative : relative.slice(0, queryAt),
      rawQuery: queryAt === -1 ? '' : relative.slice(queryAt + 1),
      headers,
      body: sub.body,
      batchRequestId: sub.id,
    });
    const entry: JsonObject = { id: sub.id, status: response.status, headers: subResponseHeaders(response.headers) };
    if (response.body !== undefined) entry['body'] = response.body;
    return entry;
  });
  return { status: 200, headers: standardHeaders(ctx, 'application/json'), body: { responses } };
}
