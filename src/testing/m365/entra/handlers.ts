import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import { deterministicGuid } from '../guid.js';
import type { M365TenantModel } from '../model.js';
import { SimulatorRequestLog } from '../request-log.js';
import { safeDecode, takeFault } from '../../shared.js';
import { findTenant } from './directory.js';
import { answerInstanceDiscovery, answerOpenIdConfiguration, LOGIN_HOST } from './discovery.js';
import { notSimulated, serverError, throttled, unavailable, type EntraRequestContext, type EntraResponse } from './errors.js';
import type { EntraFault, EntraSimulatorOptions } from './model.js';
import { answerTokenRequest } from './token.js';

/** Options for {@link createEntraHandlers}. */
export interface EntraHandlerOptions extends EntraSimulatorOptions {
  /** Where to record every request answered (host `login.microsoftonline.com`). */
  requestLog?: SimulatorRequestLog;
}

type Endpoint = NonNullable<EntraFault['endpoint']>;

interface EntraState {
  tenants: readonly M365TenantModel[];
  options: EntraHandlerOptions;
  log: SimulatorRequestLog;
  faultHits: Map<string, number>;
  requestNumber: number;
}

/** Which endpoint a path is, and its tenant segment. */
function route(path: string): { endpoint: Endpoint; tenant: string } | null {
  const segments = path.split('/').filter((segment) => segment !== '');
  const [tenant = '', ...rest] = segments;
  const tail = rest.join('/');
  if (tenant.toLowerCase() === 'common' && tail === 'discovery/instance') return { endpoint: 'instance-discovery', tenant };
  if (tail === 'v2.0/.well-known/openid-configuration') return { endpoint: 'openid-configuration', tenant };
  if (tail === 'oauth2/v2.0/token') return { endpoint: 'token', tenant };
  return null;
}

function toResponse(answer: EntraResponse): Response {
  return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status, headers: answer.headers });
}

function faultApplies(fault: EntraFault, endpoint: Endpoint, tenantSegment: string, tenantId: string | null, clientId: string | null): boolean {
  if ((fault.endpoint ?? 'token') !== endpoint) return false;
  if (fault.tenant !== undefined) {
    const wanted = fault.tenant.toLowerCase();
    if (wanted !== tenantSegment.toLowerCase() && wanted !== tenantId?.toLowerCase()) return false;
  }
  if (fault.clientId !== undefined && fault.clientId.toLowerCase() !== clientId?.toLowerCase()) return false;
  return true;
}

/** Answers one request to login.microsoftonline.com, and logs it. */
async function answerEntraRequest(state: EntraState, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const method = request.method.toUpperCase();
  const path = url.pathname.split('/').map(safeDecode).join('/');
  const bodyText = method === 'GET' || method === 'HEAD' ? '' : await request.text();
  const contentType = request.headers.get('Content-Type') ?? '';
  // Only a form body carries parameters; anything else reads as none (then grant_type is missing).
  const fields = contentType.toLowerCase().startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(bodyText) : new URLSearchParams();

  state.requestNumber += 1;
  const now = new Date((state.options.now ?? Date.now)());
  const ctx: EntraRequestContext = {
    traceId: deterministicGuid('tenant-audit-simulator', 'entra-request', state.requestNumber),
    // Entra echoes the client's `client-request-id` (MSAL sends it in the query string) as the correlation id.
    correlationId:
      url.searchParams.get('client-request-id') ??
      fields.get('client-request-id') ??
      request.headers.get('client-request-id') ??
      deterministicGuid('tenant-audit-simulator', 'entra-correlation', state.requestNumber),
    now,
  };
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = value;
  const record = (status: number, tenantId: string | null): void =>
    state.log.record({ method, path, query, tenantId, status, viaBatch: false, host: LOGIN_HOST });

  const matched = route(path);
  const resolved = matched === null ? undefined : findTenant(state.tenants, matched.tenant);
  const fault =
    matched === null
      ? undefined
      : takeFault(state.faultHits, 'entra', 'fault', state.options.faults ? [...state.options.faults] : undefined, (candidate) =>
          faultApplies(candidate, matched.endpoint, matched.tenant, resolved?.tenantId ?? null, fields.get('client_id')),
        );
  if (fault) {
    const tenantId = resolved?.tenantId ?? null;
    switch (fault.kind) {
      case 'connectionReset':
        record(0, tenantId);
        return HttpResponse.error();
      case 'throttle': {
        const answer = throttled(ctx, fault.retryAfterSeconds);
        record(answer.status, tenantId);
        return toResponse(answer);
      }
      case 'unavailable': {
        const answer = unavailable(ctx, fault.retryAfterSeconds);
        record(answer.status, tenantId);
        return toResponse(answer);
      }
      case 'serverError': {
        const answer = serverError(ctx);
        record(answer.status, tenantId);
        return toResponse(answer);
      }
      case 'slow':
        await delay(fault.delayMs);
        break;
    }
  }

  let answer: EntraResponse;
  let tenantId: string | null = null;
  if (matched === null) {
    answer = notSimulated(ctx, `${method} ${url.pathname}`);
  } else if (matched.endpoint === 'instance-discovery') {
    answer = method === 'GET' ? answerInstanceDiscovery(ctx, url.searchParams) : notSimulated(ctx, `${method} on instance discovery`);
  } else if (matched.endpoint === 'openid-configuration') {
    if (method === 'GET') {
      const outcome = answerOpenIdConfiguration(ctx, state.tenants, matched.tenant);
      answer = outcome.response;
      tenantId = outcome.tenant?.tenantId ?? null;
    } else {
      answer = notSimulated(ctx, `${method} on the OpenID Connect document`);
    }
  } else {
    const outcome = answerTokenRequest(
      ctx,
      { tenants: state.tenants, apps: state.options.apps ?? [], tokenLifetimeSeconds: state.options.tokenLifetimeSeconds ?? 3599 },
      { method, tenantSegment: matched.tenant, fields, authorization: request.headers.get('Authorization') },
    );
    answer = outcome.response;
    tenantId = outcome.tenantId;
  }
  record(answer.status, tenantId);
  return toResponse(answer);
}

/**
 * msw handlers that answer `https://login.microsoftonline.com` as Microsoft Entra ID's token service
 * does for the given tenants and app registrations: instance discovery, each tenant's v2.0 OpenID
 * Connect document (by tenant id or verified domain), and the v2.0 token endpoint's client
 * credentials grant with client secrets, certificate-signed assertions and federated assertions,
 * issuing app-only tokens the Graph and Exchange simulators accept. Failures carry Entra's
 * documented AADSTS codes; `faults` inject throttling, outages, slowness and connection resets.
 * Every path on the host is answered; what the simulator does not model gets a 501.
 *
 * @example
 * const practice = typicalPractice();
 * const app = simulatedApp({ homeTenantId: practice.tenantId });
 * const server = setupServer(...createGraphHandlers([practice]), ...createEntraHandlers([practice], { apps: [app] }));
 * server.listen({ onUnhandledFrame: 'error' });
 * const credential = new ClientSecretCredential(practice.tenantId, app.appId, simulatedClientSecret(app));
 */
export function createEntraHandlers(tenants: readonly M365TenantModel[], options: EntraHandlerOptions = {}): HttpHandler[] {
  const state: EntraState = { tenants, options, log: options.requestLog ?? new SimulatorRequestLog(), faultHits: new Map(), requestNumber: 0 };
  return [
    http.all(
      ({ request }) => new URL(request.url).host.toLowerCase() === LOGIN_HOST,
      ({ request }) => answerEntraRequest(state, request),
    ),
  ];
}
