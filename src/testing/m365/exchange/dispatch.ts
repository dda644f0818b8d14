/**
 * Answers `POST https://{host}/adminapi/beta/{tenant}/InvokeCommand` as the Exchange Online admin API
 * does, for `outlook.office365.com` (and `outlook.office.com`, which serves the same API) and the
 * Security & Compliance host `ps.compliance.protection.outlook.com` with its regional hosts.
 *
 * Order of checks: the path and verb; the bearer token (audience, expiry, tenant,
 * Exchange.ManageAsApp: 401); the compliance front door's regional redirect; the body; injected
 * faults; whether the endpoint has the cmdlet and the app's directory role allows it (403); the
 * parameters (400/501); then the cmdlet, paged by `Prefer: odata.maxpagesize`.
 */
import { readBearerToken } from '../credential.js';
import { deterministicGuid } from '../guid.js';
import type { Json, JsonObject } from '../graph/http.js';
import type { CmdletFaultTarget, FaultPath, M365TenantModel, ServerErrorFault, ThrottleFault } from '../model.js';
import type { SimulatorRequestLog } from '../request-log.js';
import { checkParameters, CMDLETS, MORE_RESULTS_WARNING, type CmdletDefinition } from './cmdlets.js';
import {
  forbidden,
  internalServerError,
  invalidPagination,
  jsonAnswer,
  malformedBody,
  methodNotAllowed,
  notSimulated,
  unauthorized,
  unavailable,
  type ExchangeAnswer,
  type ExchangeRequestContext,
} from './errors.js';
import { COMPLIANCE_SUPPORTED_ROLES, EXCHANGE_SUPPORTED_ROLES, RECIPIENT_ONLY_ROLES, type ExchangeOnlineModel } from './model.js';
import { takeFault } from '../../shared.js';

/** State of one Exchange simulator instance. */
export interface ExchangeSimulatorState {
  tenants: Map<string, M365TenantModel>;
  log: SimulatorRequestLog;
  /** Matching requests seen so far, per tenant and fault. */
  faultHits: Map<string, number>;
  requestNumber: number;
  /** Requests per tenant, for the `Rate-Limit-Remaining` header. */
  requestsByTenant: Map<string, number>;
}

/** Which service a host is. */
export type AdminEndpoint = { kind: 'exchange' } | { kind: 'compliance'; regional: boolean };

const EXCHANGE_HOSTS = new Set(['outlook.office365.com', 'outlook.office.com']);
const COMPLIANCE_HOST = 'ps.compliance.protection.outlook.com';
const REGIONAL_COMPLIANCE_HOST = /^[a-z0-9]+\.ps\.compliance\.protection\.outlook\.com$/;

/** The admin API endpoint a host name belongs to, or `null` for another host. */
export function adminEndpointOf(hostname: string): AdminEndpoint | null {
  const host = hostname.toLowerCase();
  if (EXCHANGE_HOSTS.has(host)) return { kind: 'exchange' };
  if (host === COMPLIANCE_HOST) return { kind: 'compliance', regional: false };
  if (REGIONAL_COMPLIANCE_HOST.test(host)) return { kind: 'compliance', regional: true };
  return null;
}

/** Token audiences each endpoint accepts (the resource URIs of "Office 365 Exchange Online"). */
const AUDIENCES = {
  exchange: new Set(['https://outlook.office365.com', 'https://outlook.office365.com/', 'https://outlook.office.com', 'https://outlook.office.com/', '00000002-0000-0ff1-ce00-000000000000']),
  compliance: new Set(['https://ps.compliance.protection.outlook.com', 'https://ps.compliance.protection.outlook.com/']),
};

const MANAGE_AS_APP = 'exchange.manageasapp';
const AUDIENCE_DIAGNOSTICS = `2000003;reason="The audience claim value is invalid 'aud'.";error_category="invalid_resource"`;
const tenantDiagnostics = (tenant: string) => `2000004;reason="The tenant for tenant guid '${tenant}' does not exist.";error_category="invalid_tenant"`;

/** The regional Security & Compliance host the front door sends a tenant to (CIPP saw e.g. `eur02b.`). */
function regionalHost(tenantId: string): string {
  const regions = ['nam12b', 'nam04b', 'eur02b', 'apc01b'];
  const index = parseInt(deterministicGuid('compliance-region', tenantId).slice(0, 2), 16) % regions.length;
  return `${regions[index]}.${COMPLIANCE_HOST}`;
}

/** How long a next link stays valid ("Default Expiry time is 00:30:00"). */
const CURSOR_LIFETIME_MS = 30 * 60 * 1000;
/** The largest page the simulator serves; `Prefer: odata.maxpagesize` above it is capped (clients ask for 1000). */
const MAX_PAGE_SIZE = 1000;

interface Cursor {
  /** Offset of the next page. */
  o: number;
  /** Hash of the command the cursor continues. */
  h: string;
  /** When the first page was served, epoch ms. */
  t: number;
  /** The backend the cursor is bound to (real skip tokens embed a mailbox server name). */
  s: string;
}

function base64Url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function readCursor(token: string): Cursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const cursor = value as Partial<Cursor>;
    if (typeof cursor.o !== 'number' || typeof cursor.h !== 'string' || typeof cursor.t !== 'number') return null;
    return { o: cursor.o, h: cursor.h, t: cursor.t, s: String(cursor.s) };
  } catch {
    return null;
  }
}

/** A stable digest of the command (endpoint, tenant, cmdlet, parameters), to tie a next link to its body. */
function commandDigest(endpoint: string, tenantId: string, cmdlet: string, parameters: Record<string, Json>): string {
  const sorted = Object.keys(parameters)
    .map((key) => [key.toLowerCase(), parameters[key]] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return deterministicGuid(endpoint, tenantId.toLowerCase(), cmdlet.toLowerCase(), JSON.stringify(sorted));
}

/** `Prefer: odata.maxpagesize=N` (also inside a list of preferences, or with a trailing `;`). */
function maxPageSize(headers: Headers): number {
  const prefer = headers.get('Prefer') ?? '';
  const match = /odata\.maxpagesize\s*=\s*"?(\d+)/i.exec(prefer);
  const size = match?.[1] === undefined ? MAX_PAGE_SIZE : Number(match[1]);
  return Math.max(1, Math.min(size, MAX_PAGE_SIZE));
}

/** `$select`: the properties to keep (with their annotations). */
function applySelect(rows: JsonObject[], select: string | null): JsonObject[] {
  if (select === null || select.trim() === '') return rows;
  const wanted = new Set(select.split(',').map((name) => name.trim().toLowerCase()));
  return rows.map((row) => {
    const kept: JsonObject = {};
    for (const [key, value] of Object.entries(row)) {
      const base = key.startsWith('@') ? key : (key.split('@')[0] ?? key);
      if (wanted.has(base.toLowerCase())) kept[key] = value;
    }
    return kept;
  });
}

function isCmdletTarget(path: FaultPath): path is CmdletFaultTarget {
  return typeof path === 'object' && !(path instanceof RegExp);
}

/** An injected 429/5xx for this cmdlet, if a fault still has hits left. Graph path faults never match here. */
function injectedFault(state: ExchangeSimulatorState, tenant: M365TenantModel, endpoint: 'exchange' | 'compliance', cmdlet: string, ctx: ExchangeRequestContext): ExchangeAnswer | null {
  const faults = tenant.faults;
  if (!faults) return null;
  const matches = (fault: ThrottleFault | ServerErrorFault): boolean =>
    isCmdletTarget(fault.path) &&
    fault.path.cmdlet.toLowerCase() === cmdlet.toLowerCase() &&
    (fault.path.endpoint === undefined || fault.path.endpoint === endpoint);
  const throttle = takeFault(state.faultHits, tenant.tenantId, 'throttle', faults.throttle, matches);
  if (throttle) return unavailable(ctx, 429, throttle.retryAfterSeconds);
  const error = takeFault(state.faultHits, tenant.tenantId, 'serverError', faults.serverError, matches);
  if (!error) return null;
  if (error.status === 503) return unavailable(ctx, 503, error.retryAfterSeconds);
  return internalServerError(ctx, error.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(error.retryAfterSeconds) });
}

/** Whether the endpoint runs the cmdlet at all. */
function endpointHasCmdlet(cmdlet: CmdletDefinition, endpoint: 'exchange' | 'compliance', exchange: ExchangeOnlineModel): boolean {
  if (cmdlet.family === 'both') return true;
  if (endpoint === 'compliance') return cmdlet.family === 'securityAndCompliance';
  return cmdlet.family === 'exchange' || exchange.complianceCmdletsOnExchangeEndpoint !== false;
}

/** Whether the token's directory roles let the app run the cmdlet on this endpoint. */
function roleAllows(wids: readonly string[], cmdlet: CmdletDefinition, endpoint: 'exchange' | 'compliance'): boolean {
  const supported = endpoint === 'compliance' ? COMPLIANCE_SUPPORTED_ROLES : EXCHANGE_SUPPORTED_ROLES;
  const held = wids.map((wid) => wid.toLowerCase()).filter((wid) => supported.includes(wid) && !(cmdlet.refusedRoles ?? []).includes(wid));
  if (held.length === 0) return false;
  return cmdlet.recipientCmdlet || held.some((wid) => !RECIPIENT_ONLY_ROLES.includes(wid));
}

interface Authenticated {
  tenant: M365TenantModel;
  exchange: ExchangeOnlineModel;
  wids: string[];
}

/** Validates the bearer token as the admin API's front door does. */
function authenticate(state: ExchangeSimulatorState, headers: Headers, endpoint: AdminEndpoint, pathTenant: string, ctx: ExchangeRequestContext): Authenticated | { answer: ExchangeAnswer; tenantId: string | null } {
  const token = readBearerToken(headers.get('Authorization'));
  if ('problem' in token) return { answer: unauthorized(ctx), tenantId: null };
  const { claims } = token;
  const tenantId = typeof claims.tid === 'string' ? claims.tid : null;
  const audiences = endpoint.kind === 'exchange' ? AUDIENCES.exchange : AUDIENCES.compliance;
  // The compliance endpoint refuses Exchange-scoped tokens, as peers found in commercial tenants.
  if (typeof claims.aud !== 'string' || !audiences.has(claims.aud)) return { answer: unauthorized(ctx, AUDIENCE_DIAGNOSTICS), tenantId };
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= ctx.now.getTime()) return { answer: unauthorized(ctx), tenantId };
  const tenant = tenantId === null ? undefined : state.tenants.get(tenantId.toLowerCase());
  if (!tenant || !tenant.exchange) return { answer: unauthorized(ctx, tenantDiagnostics(tenantId ?? '')), tenantId };
  const exchange = tenant.exchange;
  const segment = pathTenant.toLowerCase();
  const names = [tenant.tenantId, tenant.primaryDomain, exchange.initialDomain].map((name) => name.toLowerCase());
  if (!names.includes(segment)) return { answer: unauthorized(ctx, tenantDiagnostics(pathTenant)), tenantId };
  if (endpoint.kind === 'compliance' && exchange.complianceEndpoint === 'rejectsAppOnly') return { answer: unauthorized(ctx), tenantId };
  const roles = Array.isArray(claims.roles) ? claims.roles.map((role) => String(role).toLowerCase()) : [];
  // Without the app role the front door refuses the token (graph2otel: "neither grant -> HTTP 401").
  if (!roles.includes(MANAGE_AS_APP)) return { answer: unauthorized(ctx), tenantId };
  const wids = Array.isArray(claims.wids) ? claims.wids.map(String) : [];
  return { tenant, exchange, wids };
}

interface ParsedBody {
  cmdlet: string;
  parameters: Record<string, Json>;
}

function parseBody(text: string, ctx: ExchangeRequestContext): ParsedBody | ExchangeAnswer {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return malformedBody(ctx, 'The request body is not valid JSON.');
  }
  const input = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['CmdletInput'] : undefined;
  if (typeof input !== 'object' || input === null) return malformedBody(ctx, "The request body has no 'CmdletInput'.");
  const { CmdletName: cmdlet, Parameters: parameters } = input as Record<string, unknown>;
  if (typeof cmdlet !== 'string' || cmdlet.trim() === '') return malformedBody(ctx, "'CmdletInput' has no 'CmdletName'.");
  if (parameters !== undefined && parameters !== null && (typeof parameters !== 'object' || Array.isArray(parameters))) {
    return malformedBody(ctx, "'CmdletInput.Parameters' is not an object.");
  }
  return { cmdlet: cmdlet.trim(), parameters: (parameters ?? {}) as Record<string, Json> };
}

function isAnswer(value: unknown): value is ExchangeAnswer {
  return typeof value === 'object' && value !== null && 'status' in value && 'headers' in value;
}

function newContext(state: ExchangeSimulatorState): ExchangeRequestContext {
  state.requestNumber += 1;
  return { requestId: deterministicGuid('tenant-audit-simulator', 'exchange-request', state.requestNumber), now: new Date() };
}

/** Rate-limit headers as a live answer carried them (Rate-Limit-Limit: 30000, ...Remaining, ...Reset). */
function rateLimitHeaders(state: ExchangeSimulatorState, tenantId: string, ctx: ExchangeRequestContext): Record<string, string> {
  const used = (state.requestsByTenant.get(tenantId) ?? 0) + 1;
  state.requestsByTenant.set(tenantId, used);
  return {
    'Rate-Limit-Limit': '30000',
    'Rate-Limit-Remaining': String(Math.max(0, 30000 - used)),
    'Rate-Limit-Reset': new Date(ctx.now.getTime() + 60_000).toISOString(),
  };
}

interface Outcome {
  answer: ExchangeAnswer;
  tenantId: string | null;
  cmdlet?: string;
}

async function answer(state: ExchangeSimulatorState, request: Request, url: URL, endpoint: AdminEndpoint, ctx: ExchangeRequestContext): Promise<Outcome> {
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  const [, version = '', pathTenant = '', operation = ''] = segments;
  if (segments.length !== 4 || version.toLowerCase() !== 'beta' || operation.toLowerCase() !== 'invokecommand') {
    return { answer: notSimulated(ctx, `${request.method} ${url.pathname}`), tenantId: null };
  }
  if (request.method.toUpperCase() !== 'POST') return { answer: methodNotAllowed(ctx), tenantId: null };

  const auth = authenticate(state, request.headers, endpoint, decodeURIComponent(pathTenant), ctx);
  if ('answer' in auth) return auth;
  const { tenant, exchange, wids } = auth;
  const endpointName = endpoint.kind;

  if (endpoint.kind === 'compliance' && !endpoint.regional && exchange.complianceEndpoint === 'redirectsToRegionalHost') {
    const location = `https://${regionalHost(tenant.tenantId)}${url.pathname}${url.search}`;
    return { answer: { status: 302, headers: { 'request-id': ctx.requestId, Location: location }, body: undefined }, tenantId: tenant.tenantId };
  }

  const parsed = parseBody(await request.text(), ctx);
  if (isAnswer(parsed)) return { answer: parsed, tenantId: tenant.tenantId };
  const outcome = (result: ExchangeAnswer): Outcome => ({ answer: result, tenantId: tenant.tenantId, cmdlet: parsed.cmdlet });

  if ((request.headers.get('X-ResponseFormat') ?? 'json').toLowerCase() !== 'json') {
    return outcome(notSimulated(ctx, `X-ResponseFormat: ${request.headers.get('X-ResponseFormat')} (the module's CLIXML answers)`));
  }

  const fault = injectedFault(state, tenant, endpointName, parsed.cmdlet, ctx);
  if (fault) return outcome(fault);

  const cmdlet = CMDLETS.get(parsed.cmdlet.toLowerCase());
  // An unknown cmdlet, one this endpoint lacks, and one the app's role does not allow all get the same 403.
  if (!cmdlet || !endpointHasCmdlet(cmdlet, endpointName, exchange) || !roleAllows(wids, cmdlet, endpointName)) return outcome(forbidden(ctx));

  const parameterProblem = checkParameters(cmdlet, parsed.parameters, ctx);
  if (parameterProblem) return outcome(parameterProblem);

  // A next link re-posts the same body with a skip token bound to that command and not yet expired.
  const digest = commandDigest(endpointName, tenant.tenantId, cmdlet.name, parsed.parameters);
  const skipToken = url.searchParams.get('$skiptoken');
  let offset = 0;
  let started = ctx.now.getTime();
  if (skipToken !== null) {
    const cursor = readCursor(skipToken);
    if (!cursor || cursor.h !== digest || ctx.now.getTime() - cursor.t > CURSOR_LIFETIME_MS || cursor.o < 0) return outcome(invalidPagination(ctx));
    offset = cursor.o;
    started = cursor.t;
  }

  const result = cmdlet.run({ tenant, exchange, endpoint: endpointName }, parsed.parameters, ctx);
  if (isAnswer(result)) return outcome(result);
  const size = maxPageSize(request.headers);
  const page = applySelect(result.render(offset, offset + size), url.searchParams.get('$select'));
  const more = offset + size < result.count;
  const warnings = more ? (cmdlet.hasResultSize ? [MORE_RESULTS_WARNING] : []) : result.warnings;
  const body: JsonObject = {
    '@odata.context': `${url.origin}/adminapi/beta/${pathTenant}/$metadata#Collection(Exchange.GenericHashTable)`,
    'adminapi.warnings@odata.type': '#Collection(String)',
    '@adminapi.warnings': warnings,
    value: page,
  };
  if (more) {
    const cursor: Cursor = { o: offset + size, h: digest, t: started, s: 'NAMPR12MB4156' };
    const next = new URL(url.href);
    next.search = '';
    const select = url.searchParams.get('$select');
    if (select !== null) next.searchParams.set('$select', select);
    next.searchParams.set('$skiptoken', base64Url(JSON.stringify(cursor)));
    body['@odata.nextLink'] = next.href;
  }
  return outcome(
    jsonAnswer(ctx, 200, body, {
      // A live answer reported this although the request asked for no annotations.
      'Preference-Applied': 'odata.include-annotations="*"',
      ...rateLimitHeaders(state, tenant.tenantId, ctx),
    }),
  );
}

function toResponse(answer: ExchangeAnswer): Response {
  const { body } = answer;
  const payload = body === undefined ? null : body instanceof Uint8Array ? body : JSON.stringify(body);
  return new Response(payload, { status: answer.status, headers: answer.headers });
}

/** Answers one HTTP request to the admin API and logs it. */
export async function answerExchangeRequest(state: ExchangeSimulatorState, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const endpoint = adminEndpointOf(url.hostname);
  const ctx = newContext(state);
  const outcome: Outcome = endpoint === null ? { answer: notSimulated(ctx, `the host ${url.hostname}`), tenantId: null } : await answer(state, request, url, endpoint, ctx);
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = value;
  state.log.record({
    method: request.method.toUpperCase(),
    path: url.pathname,
    query,
    tenantId: outcome.tenantId,
    status: outcome.answer.status,
    viaBatch: false,
    host: url.host,
    ...(outcome.cmdlet === undefined ? {} : { cmdlet: outcome.cmdlet }),
  });
  return toResponse(outcome.answer);
}
