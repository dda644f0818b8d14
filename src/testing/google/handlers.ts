import { http, type HttpHandler } from 'msw';
import { SimulatorRequestLog } from '../m365/request-log.js';
import { holdsPrivilege, type ApiRoute, type GoogleSimulatorState, type IssuedToken } from './api.js';
import { cloudIdentityRoutes } from './cloud-identity.js';
import { directoryRoutes } from './directory.js';
import { FieldMaskError, applyFieldMask, parseFieldMask, validateFieldMask, type FieldSchema } from './fields.js';
import {
  backendError,
  badRequest,
  insufficientScopes,
  invalidCredentials,
  missingCredentials,
  notSimulated,
  rateLimited,
  serviceDisabled,
  toFetchResponse,
  unknownPath,
  userRateLimitExceeded,
  type GoogleResponse,
  type Json,
} from './http.js';
import { licensingRoutes } from './licensing.js';
import type { GoogleFaultPath, GoogleWorkspaceModel } from './model.js';
import { policyRoutes } from './policies.js';
import { reportsRoutes } from './reports.js';
import { modelNow } from './resolve.js';
import { GOOGLE_RESPONSE_SCHEMAS } from './schema.js';
import { answerSignJwt, answerTokenRequest } from './token.js';
import { safeDecode, takeFault } from '../shared.js';

/** Options for {@link createGoogleHandlers}. */
export interface GoogleHandlerOptions {
  /** Where to record every request answered (the same log type as the Graph simulator's). */
  requestLog?: SimulatorRequestLog;
}

/** Every simulated API method. */
export const GOOGLE_API_ROUTES: readonly ApiRoute[] = [...directoryRoutes, ...reportsRoutes, ...policyRoutes, ...cloudIdentityRoutes, ...licensingRoutes];

/** The hosts the simulator answers; any request to them is answered (never passed through). */
export const GOOGLE_HOSTS: readonly string[] = [
  'oauth2.googleapis.com',
  'iamcredentials.googleapis.com',
  'admin.googleapis.com',
  'cloudidentity.googleapis.com',
  'licensing.googleapis.com',
];

function matchesFault(path: GoogleFaultPath, host: string, requestPath: string, rawQuery: string): boolean {
  if (typeof path === 'string') return path.toLowerCase() === requestPath.toLowerCase();
  path.lastIndex = 0;
  return path.test(`${host}${requestPath}${rawQuery === '' ? '' : `?${safeDecode(rawQuery)}`}`);
}

/** An injected fault for this request, if one still has hits left. */
function injectedFault(state: GoogleSimulatorState, model: GoogleWorkspaceModel, route: ApiRoute, path: string, rawQuery: string): GoogleResponse | null {
  const faults = model.faults;
  if (!faults) return null;
  const matches = (fault: { path: GoogleFaultPath }): boolean => matchesFault(fault.path, route.host, path, rawQuery);
  const customerId = model.customer.id;
  const throttle = takeFault(state.faultHits, customerId, 'throttle', faults.throttle, matches);
  if (throttle) return rateLimited(route.dialect, route.service, model.cloudProject.projectNumber, throttle.retryAfterSeconds);
  if (takeFault(state.faultHits, customerId, 'userRateLimit', faults.userRateLimit, matches)) return userRateLimitExceeded(route.dialect);
  const error = takeFault(state.faultHits, customerId, 'serverError', faults.serverError, matches);
  if (error) return backendError(route.dialect, error.status);
  return null;
}

/** The bearer token of a request: the `Authorization` header, or Google's `access_token` query parameter. */
function bearerToken(headers: Headers, query: URLSearchParams): string | undefined {
  const header = headers.get('Authorization');
  if (header !== null) return /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1] ?? '';
  return query.get('access_token') ?? query.get('oauth_token') ?? undefined;
}

/** Runs an authenticated API call through Google's checks, in the order its front end applies them. */
function answerApiCall(
  state: GoogleSimulatorState,
  route: ApiRoute,
  pathParams: string[],
  request: { method: string; path: string; rawQuery: string; query: URLSearchParams; headers: Headers },
): { response: GoogleResponse; model: GoogleWorkspaceModel | null } {
  const token = bearerToken(request.headers, request.query);
  if (token === undefined) return { response: missingCredentials(route.dialect, route.service, route.methodId), model: null };
  const issued: IssuedToken | undefined = state.tokens.get(token);
  if (!issued || issued.expiresAt <= Date.now()) return { response: invalidCredentials(route.dialect, issued !== undefined), model: null };
  const { model } = issued;
  const respond = (response: GoogleResponse) => ({ response, model });

  const fault = injectedFault(state, model, route, request.path, request.rawQuery);
  if (fault) return respond(fault);
  if (!model.cloudProject.enabledApis.includes(route.service)) return respond(serviceDisabled(route.dialect, route.service, model.cloudProject.projectNumber));
  if (!route.scopes.some((scope) => issued.scopes.has(scope))) return respond(insufficientScopes(route.dialect, route.service, route.methodId, route.scopes));
  if (!holdsPrivilege(issued.subject, route.privilege)) return respond(route.denied());
  if (request.method !== 'GET') return respond(notSimulated(route.dialect, `${request.method} ${request.path}`));

  const alt = request.query.get('alt');
  if (alt !== null && alt !== 'json') return respond(badRequest(route.dialect, `Invalid value '${alt}' for alt: the simulator serves JSON only.`, 'invalidParameter', 'alt'));
  const fields = request.query.get('fields');
  let selection: ReturnType<typeof parseFieldMask> | undefined;
  if (fields !== null && fields !== '') {
    try {
      selection = parseFieldMask(fields);
      if (route.schema !== null) validateFieldMask(selection, GOOGLE_RESPONSE_SCHEMAS[route.schema] as unknown as FieldSchema);
    } catch (error) {
      if (!(error instanceof FieldMaskError)) throw error;
      return respond(badRequest(route.dialect, error.message, 'invalidParameter', 'fields'));
    }
  }

  const response = route.handle({ model, subject: issued.subject, query: request.query, now: modelNow(model), dialect: route.dialect }, pathParams);
  if (selection !== undefined && response.status === 200 && response.body !== undefined) {
    return respond({ ...response, body: applyFieldMask(response.body, selection) as Json });
  }
  return respond(response);
}

/** Answers one HTTP request to a simulated Google host, and logs it. */
export async function answerGoogleRequest(state: GoogleSimulatorState, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const host = url.host.toLowerCase();
  const path = url.pathname.split('/').map(safeDecode).join('/');
  const rawQuery = url.search.replace(/^\?/, '');
  const method = request.method.toUpperCase();
  const bodyText = method === 'GET' || method === 'HEAD' ? '' : await request.text();

  let outcome: { response: GoogleResponse; model: GoogleWorkspaceModel | null };
  if (host === 'oauth2.googleapis.com') {
    outcome = answerTokenRequest(state, { method, path, contentType: request.headers.get('Content-Type') ?? '', bodyText });
  } else if (host === 'iamcredentials.googleapis.com') {
    outcome = answerSignJwt(state, { method, path, authorization: request.headers.get('Authorization'), bodyText });
  } else {
    let matched: { route: ApiRoute; params: string[] } | undefined;
    for (const route of GOOGLE_API_ROUTES) {
      if (route.host !== host) continue;
      const match = route.pattern.exec(path);
      if (match) {
        matched = { route, params: match.slice(1).map((part) => part ?? '') };
        break;
      }
    }
    outcome = matched
      ? answerApiCall(state, matched.route, matched.params, { method, path, rawQuery, query: url.searchParams, headers: request.headers })
      : { response: unknownPath(url.pathname), model: null };
  }

  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = value;
  state.log.record({ method, path, query, tenantId: outcome.model?.customer.id ?? null, status: outcome.response.status, viaBatch: false });
  return toFetchResponse(outcome.response);
}

/**
 * msw handlers that answer as Google does for the given customers: the OAuth token endpoint (JWT
 * bearer grant with signature, audience, lifetime, subject and domain-wide delegation checks), IAM
 * Credentials `signJwt`, and the Directory, Reports, Policy, Cloud Identity devices and inbound SSO,
 * and Licensing methods tenant-audit
 * reads, with real page tokens, `fields` masks, scope and admin-privilege checks, API enablement,
 * Google's error bodies and the models' injected faults.
 *
 * Requests from `@googleapis/admin` (gaxios over node-fetch) and from plain `fetch` are both
 * intercepted. Every path on the simulated hosts is answered: unknown ones get Google's HTML 404,
 * real methods the simulator does not serve a 501.
 *
 * @example
 * const log = new SimulatorRequestLog();
 * const server = setupServer(...createGoogleHandlers([google.typicalPractice()], { requestLog: log }));
 * server.listen({ onUnhandledFrame: 'error' });
 */
export function createGoogleHandlers(models: readonly GoogleWorkspaceModel[], options: GoogleHandlerOptions = {}): HttpHandler[] {
  const state: GoogleSimulatorState = {
    models,
    log: options.requestLog ?? new SimulatorRequestLog(),
    tokens: new Map(),
    faultHits: new Map(),
    issued: 0,
  };
  return [
    http.all(
      ({ request }) => GOOGLE_HOSTS.includes(new URL(request.url).host.toLowerCase()),
      ({ request }) => answerGoogleRequest(state, request),
    ),
  ];
}

