/**
 * The answers the network layer injects: each service's own throttling and unavailability answers,
 * built by the simulators' existing error builders so an injected 429 is byte-for-byte what the
 * service's own fault answers are.
 *
 * - Graph: 429 `TooManyRequests` (throttling docs' sample body, `tooManyRequests`), 503
 *   `serviceNotAvailable` (errors docs, `serverError`), 504 `UnknownError` with an empty message
 *   (Graph's gateway-timeout answer as quoted live in microsoftgraph/microsoft-graph-docs#2505 and
 *   #5288 and microsoft/Intune-PowerShell-SDK#56). Identity protection and Conditional Access paths
 *   get their 429 without `Retry-After` ("These resources do not return a Retry-After header").
 * - Exchange admin API: 429/503 with `Retry-After` and no body (`unavailable`; no public capture
 *   shows a throttling body).
 * - Entra: 429 AADSTS90055 and 503 AADSTS90006 `temporarily_unavailable` (`throttled`, `unavailable`).
 * - Google APIs: 429 `RESOURCE_EXHAUSTED`/`rateLimitExceeded` (`rateLimited`) and 503
 *   `UNAVAILABLE`/`backendError` (`backendError`), each in the host's dialect.
 * - Google's OAuth token endpoint: 503 `{"error":"internal_failure","error_description":"Backend Error"}`
 *   (live answers quoted in beste/firebase-php#131 and yasyf/vc#186). Its 429 body is not public;
 *   the simulator's `{"error":"rate_limit_exceeded",...}` borrows the error name Google's sign-in
 *   pages use for the same limit and is a guess.
 */
import { GOOGLE_API_ROUTES } from '../google/handlers.js';
import { backendError, jsonHeaders, rateLimited, toFetchResponse, type ErrorDialect, type GoogleResponse } from '../google/http.js';
import type { GoogleApiService } from '../google/model.js';
import { readBearerToken } from '../m365/credential.js';
import { throttled as entraThrottled, unavailable as entraUnavailable, type EntraRequestContext } from '../m365/entra/errors.js';
import { unavailable as exchangeUnavailable, type ExchangeAnswer } from '../m365/exchange/errors.js';
import { graphError, serverError, tooManyRequests } from '../m365/graph/errors.js';
import type { GraphResponse, RequestContext } from '../m365/graph/http.js';
import { deterministicGuid } from '../m365/guid.js';
import { safeDecode } from '../shared.js';
import type { NetworkService } from './model.js';

/** The fault kinds that are an HTTP answer. */
export type AnsweredFault = 'throttle' | 'unavailable' | 'gatewayTimeout';

/** An injected answer. */
export interface InjectedAnswer {
  response: Response;
  status: number;
  /** The `Retry-After` sent, if any. */
  retryAfterSeconds?: number;
}

/** What the builders need of the request. */
export interface FaultRequest {
  url: URL;
  headers: Headers;
  service: NetworkService;
  /** The layer's sequence number, for deterministic request ids. */
  sequence: number;
  /** Entra's correlation id source: the form body's `client-request-id`, if any. */
  formClientRequestId?: string | null;
}

/** Graph paths whose 429 has no `Retry-After` (identity protection and Conditional Access, graph-throttling-summary.md). */
const GRAPH_NO_RETRY_AFTER = /^\/(?:v1\.0|beta)\/(?:identity\/conditionalaccess|identityprotection|riskyusers|riskdetections)(?:\/|$)/i;

function withRetryAfter(headers: Record<string, string>, seconds: number): Record<string, string> {
  return { ...headers, 'Retry-After': String(seconds) };
}

function graphFault(kind: AnsweredFault, request: FaultRequest, retryAfterSeconds: number): InjectedAnswer {
  const requestId = deterministicGuid('tenant-audit-simulator', 'network-request', request.sequence);
  const ctx: RequestContext = { requestId, clientRequestId: request.headers.get('client-request-id') ?? requestId, now: new Date() };
  let answer: GraphResponse;
  let sent: number | undefined;
  if (kind === 'throttle') {
    sent = GRAPH_NO_RETRY_AFTER.test(safeDecode(request.url.pathname)) ? undefined : retryAfterSeconds;
    answer = tooManyRequests(ctx, sent ?? null);
  } else if (kind === 'unavailable') {
    sent = retryAfterSeconds;
    answer = serverError(ctx, 503, retryAfterSeconds);
  } else {
    answer = graphError(ctx, 504, 'UnknownError', '');
  }
  const response = new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status, headers: answer.headers });
  return { response, status: answer.status, ...(sent === undefined ? {} : { retryAfterSeconds: sent }) };
}

function exchangeFault(kind: 'throttle' | 'unavailable', request: FaultRequest, retryAfterSeconds: number): InjectedAnswer {
  const ctx = { requestId: deterministicGuid('tenant-audit-simulator', 'network-request', request.sequence), now: new Date() };
  const answer: ExchangeAnswer = exchangeUnavailable(ctx, kind === 'throttle' ? 429 : 503, retryAfterSeconds);
  return { response: new Response(null, { status: answer.status, headers: answer.headers }), status: answer.status, retryAfterSeconds };
}

function entraFault(kind: 'throttle' | 'unavailable', request: FaultRequest, retryAfterSeconds: number): InjectedAnswer {
  const ctx: EntraRequestContext = {
    traceId: deterministicGuid('tenant-audit-simulator', 'network-request', request.sequence),
    // Entra echoes the client's `client-request-id` (MSAL sends it in the query string) as the correlation id.
    correlationId:
      request.url.searchParams.get('client-request-id') ??
      request.formClientRequestId ??
      request.headers.get('client-request-id') ??
      deterministicGuid('tenant-audit-simulator', 'network-correlation', request.sequence),
    now: new Date(),
  };
  const answer = kind === 'throttle' ? entraThrottled(ctx, retryAfterSeconds) : entraUnavailable(ctx, retryAfterSeconds);
  return { response: new Response(JSON.stringify(answer.body), { status: answer.status, headers: answer.headers }), status: answer.status, retryAfterSeconds };
}

/** The token endpoint's OAuth error headers (as its other error answers carry). */
function oauthHeaders(retryAfterSeconds: number): Record<string, string> {
  return withRetryAfter({ ...jsonHeaders(), 'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate', Pragma: 'no-cache' }, retryAfterSeconds);
}

function googleTokenFault(kind: 'throttle' | 'unavailable', retryAfterSeconds: number): InjectedAnswer {
  const answer: GoogleResponse =
    kind === 'throttle'
      ? { status: 429, headers: oauthHeaders(retryAfterSeconds), body: { error: 'rate_limit_exceeded', error_description: 'Rate Limit Exceeded' } }
      : { status: 503, headers: oauthHeaders(retryAfterSeconds), body: { error: 'internal_failure', error_description: 'Backend Error' } };
  return { response: toFetchResponse(answer), status: answer.status, retryAfterSeconds };
}

/** Each Google API host's error dialect, from the routes (IAM Credentials, served outside them, is OnePlatform). */
function dialectOf(host: string): ErrorDialect {
  return GOOGLE_API_ROUTES.find((route) => route.host === host)?.dialect ?? 'oneplatform';
}

function googleApiFault(kind: 'throttle' | 'unavailable', request: FaultRequest, retryAfterSeconds: number, projectNumber: string): InjectedAnswer {
  const host = request.url.hostname.toLowerCase();
  const dialect = dialectOf(host);
  const answer =
    kind === 'throttle' ? rateLimited(dialect, host as GoogleApiService, projectNumber, retryAfterSeconds) : backendError(dialect, 503);
  const headers = withRetryAfter(answer.headers, retryAfterSeconds);
  return { response: toFetchResponse({ ...answer, headers }), status: answer.status, retryAfterSeconds };
}

/**
 * The service's answer for an injected fault, or `null` when the service has no such answer (a 504
 * anywhere but Graph).
 */
export function faultAnswer(kind: AnsweredFault, request: FaultRequest, retryAfterSeconds: number, googleProjectNumber: string): InjectedAnswer | null {
  switch (request.service) {
    case 'graph':
      return graphFault(kind, request, retryAfterSeconds);
    case 'exchange':
      return kind === 'gatewayTimeout' ? null : exchangeFault(kind, request, retryAfterSeconds);
    case 'entra':
      return kind === 'gatewayTimeout' ? null : entraFault(kind, request, retryAfterSeconds);
    case 'google-token':
      return kind === 'gatewayTimeout' ? null : googleTokenFault(kind, retryAfterSeconds);
    case 'google-api':
      return kind === 'gatewayTimeout' ? null : googleApiFault(kind, request, retryAfterSeconds, googleProjectNumber);
  }
}

/** The tenant of a Graph or Exchange request's bearer token (`tid`), for the request log. */
export function tokenTenant(headers: Headers): string | null {
  const token = readBearerToken(headers.get('Authorization'));
  return 'claims' in token && typeof token.claims.tid === 'string' ? token.claims.tid : null;
}
