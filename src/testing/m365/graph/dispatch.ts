import { readBearerToken, GRAPH_RESOURCE } from '../credential.js';
import { deterministicGuid } from '../guid.js';
import type { FaultPath, M365TenantModel, ServerErrorFault, ThrottleFault } from '../model.js';
import type { SimulatorRequestLog } from '../request-log.js';
import { handleBatch } from './batch.js';
import { graphBetaRoutes, graphRoutes } from './routes.js';
import type { Route } from './route.js';
import { graphError, invalidToken, notSimulated, serverError, tooManyRequests, unknownSegment } from './errors.js';
import { GRAPH_VERSION, type Caller, type GraphRequest, type GraphResponse, type RequestContext } from './http.js';
import { parseQueryOptions } from './odata.js';
import { safeDecode, takeFault } from '../../shared.js';

/** State of one simulator instance: its tenants, request log and fault counters. */
export interface SimulatorState {
  tenants: Map<string, M365TenantModel>;
  log: SimulatorRequestLog;
  /** Matching requests seen so far, per tenant and fault. */
  faultHits: Map<string, number>;
  requestNumber: number;
}

/**
 * First path segments Graph knows (v1.0 and beta, from the shared reference
 * graph-documented-paths.txt), lower-cased. A path starting elsewhere gets Graph's "Resource not
 * found for the segment" 400; a known root the simulator does not serve gets its 501.
 */
const KNOWN_ROOTS = new Set(
  (
    'accessreviews admin administrativeunits agentregistry agreements app appcatalogs applications applicationtemplates ' +
    'auditlogs backuprestore bookingbusinesses bookingcurrencies chats communications compliance connections contacts ' +
    'contracts copilot dataclassification datapolicyoperations deviceappmanagement devicelocalcredentials ' +
    'devicemanagement devices directory directoryobjects directoryroles directoryroletemplates directorysettingtemplates ' +
    'domains drive drives education emailthreats employeeexperience external filestorage financials group ' +
    'grouplifecyclepolicies groups groupsettings groupsettingtemplates identity identitygovernance identityprotection ' +
    'identityproviders informationprotection invitations me networkaccess oauth2permissiongrants organization ' +
    'permissiongrants places planner policies print privacy privilegedaccess reports riskdetections riskyusers ' +
    'rolemanagement schemaextensions search security serviceprincipals settings shares sites solutions storage ' +
    'subscribedskus subscriptions teams teamwork tenantrelationships termstore trustframework users workplace $metadata'
  ).split(' '),
);

function newContext(state: SimulatorState, headers: Headers): RequestContext {
  state.requestNumber += 1;
  const requestId = deterministicGuid('tenant-audit-simulator', 'request', state.requestNumber);
  return { requestId, clientRequestId: headers.get('client-request-id') ?? requestId, now: new Date() };
}

function matchesFault(path: FaultPath, request: GraphRequest): boolean {
  // Cmdlet targets are for the Exchange admin API simulator.
  if (typeof path === 'object' && !(path instanceof RegExp)) return false;
  if (typeof path === 'string') {
    const wanted = `/${path.replace(/^\/+/, '')}`.replace(/^\/v1\.0(?=\/)/i, '');
    return wanted.toLowerCase() === request.path.toLowerCase();
  }
  path.lastIndex = 0;
  const query = request.rawQuery === '' ? '' : `?${safeDecode(request.rawQuery)}`;
  return path.test(request.path + query);
}

/** An injected 429/5xx for this request, if a fault still has hits left. */
function injectedFault(state: SimulatorState, caller: Caller, request: GraphRequest, ctx: RequestContext): GraphResponse | null {
  const faults = caller.tenant.faults;
  if (!faults) return null;
  const matches = (fault: ThrottleFault | ServerErrorFault): boolean => matchesFault(fault.path, request);
  const throttle = takeFault(state.faultHits, caller.tenant.tenantId, 'throttle', faults.throttle, matches);
  if (throttle) return tooManyRequests(ctx, throttle.retryAfterSeconds);
  const error = takeFault(state.faultHits, caller.tenant.tenantId, 'serverError', faults.serverError, matches);
  if (error) return serverError(ctx, error.status, error.retryAfterSeconds);
  return null;
}

function queryRecord(rawQuery: string): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQuery)) record[key] = value;
  return record;
}

/** Routes one (top-level or batched) request for an authenticated caller; `beta` requests only to the beta routes. */
function dispatch(state: SimulatorState, caller: Caller, request: GraphRequest, ctx: RequestContext, beta = false): GraphResponse {
  const fault = injectedFault(state, caller, request, ctx);
  if (fault) return fault;

  if (request.path.toLowerCase() === '/$batch') {
    if (request.batchRequestId !== undefined) return graphError(ctx, 400, 'BadRequest', 'A batch request cannot contain another batch.');
    return handleBatch(request, ctx, (sub) => {
      const subCtx = newContext(state, sub.headers);
      sub.path = sub.path.split('/').map(safeDecode).join('/');
      const response = dispatch(state, caller, sub, subCtx);
      state.log.record({
        method: sub.method,
        path: sub.path,
        query: queryRecord(sub.rawQuery),
        tenantId: caller.tenant.tenantId,
        status: response.status,
        viaBatch: true,
        ...(sub.batchRequestId === undefined ? {} : { batchRequestId: sub.batchRequestId }),
      });
      return response;
    });
  }

  const query = parseQueryOptions(ctx, request.rawQuery);
  if (!query.ok) return query.response;

  const routes: readonly Route[] = beta ? graphBetaRoutes : graphRoutes;
  for (const route of routes) {
    const match = route.pattern.exec(request.path);
    if (!match) continue;
    if (request.method !== 'GET') return notSimulated(ctx, `${request.method} ${request.path}`);
    return route.handle({ request, caller, ctx, query: query.value, params: match.slice(1).map((part) => part ?? '') });
  }

  if (beta) return notSimulated(ctx, `${request.method} /beta${request.path} (the simulator serves beta only for the Intune settings catalog)`);
  const segments = request.path.split('/').filter((segment) => segment !== '');
  const first = segments[0];
  if (first === undefined) return notSimulated(ctx, `${request.method} ${request.path} (the service document)`);
  if (!KNOWN_ROOTS.has(first.toLowerCase())) return unknownSegment(ctx, first);
  return notSimulated(ctx, `${request.method} ${request.path}`);
}

const GRAPH_AUDIENCES = new Set([GRAPH_RESOURCE, `${GRAPH_RESOURCE}/`, '00000003-0000-0000-c000-000000000000']);

/** Validates the bearer token as Graph would (as far as claims go) and finds the tenant. */
function authenticate(state: SimulatorState, headers: Headers, ctx: RequestContext): { caller: Caller } | { response: GraphResponse; tenantId: string | null } {
  const token = readBearerToken(headers.get('Authorization'));
  if ('problem' in token) {
    const message = token.problem === 'missing' ? 'Access token is empty.' : 'CompactToken parsing failed with error code: 80049217';
    return { response: invalidToken(ctx, message), tenantId: null };
  }
  const { claims } = token;
  const tenantId = typeof claims.tid === 'string' ? claims.tid : null;
  if (typeof claims.aud !== 'string' || !GRAPH_AUDIENCES.has(claims.aud)) {
    return { response: invalidToken(ctx, 'Access token validation failure. Invalid audience.'), tenantId };
  }
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= ctx.now.getTime()) {
    return { response: invalidToken(ctx, 'Lifetime validation failed, the token is expired.'), tenantId };
  }
  const tenant = tenantId === null ? undefined : state.tenants.get(tenantId.toLowerCase());
  if (!tenant) return { response: invalidToken(ctx, 'Access token validation failure.'), tenantId };
  const roles = new Set((Array.isArray(claims.roles) ? claims.roles : []).map((role) => String(role).toLowerCase()));
  return { caller: { tenant, roles } };
}

function toResponse(response: GraphResponse): Response {
  return new Response(response.body === undefined ? null : JSON.stringify(response.body), {
    status: response.status,
    headers: response.headers,
  });
}

/** Answers one HTTP request to https://graph.microsoft.com as Graph v1.0 would, and logs it. */
export async function answerGraphRequest(state: SimulatorState, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const [, version = '', ...rest] = url.pathname.split('/');
  const path = `/${rest.map(safeDecode).join('/')}`;
  const rawQuery = url.search.replace(/^\?/, '');
  const ctx = newContext(state, request.headers);

  let tenantId: string | null = null;
  let response: GraphResponse;
  const beta = version.toLowerCase() === 'beta';
  const auth = authenticate(state, request.headers, ctx);
  if ('response' in auth) {
    response = auth.response;
    tenantId = auth.tenantId;
  } else {
    tenantId = auth.caller.tenant.tenantId;
    if (beta && path.toLowerCase() === '/$batch') {
      response = notSimulated(ctx, 'the beta endpoint for $batch');
    } else if (!beta && version !== GRAPH_VERSION) {
      response = graphError(ctx, 400, 'BadRequest', `Invalid version: ${version}`);
    } else {
      let body: unknown;
      const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
      if (text !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          body = undefined;
        }
      }
      response = dispatch(state, auth.caller, { method: request.method.toUpperCase(), path, rawQuery, headers: request.headers, body }, ctx, beta);
    }
  }
  state.log.record({ method: request.method.toUpperCase(), path, query: queryRecord(rawQuery), tenantId, status: response.status, viaBatch: false, ...(beta ? { version: 'beta' as const } : {}) });
  return toResponse(response);
}
