import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import {
  bearerTokenAuthenticationPolicy,
  createEmptyPipeline,
  createHttpHeaders,
  createPipelineRequest,
  type HttpClient,
  type Pipeline,
  type PipelinePolicy,
  type PipelineRequest,
  type PipelineResponse,
} from '@azure/core-rest-pipeline';
import { DEFAULT_RETRY_SETTINGS, isNetworkError, nextRetryDelay, type AttemptOutcome, type RetrySettings } from '../../core/http-retry.js';
import type { SecretScope } from '../../core/redact.js';
import type { RequestGate } from '../../core/request-gate.js';
import { deadline, sleep } from '../../core/retry.js';
import { guardCredential } from './credential-guard.js';
import { ExchangeRequestError, type ExchangeFailure } from './exchange-errors.js';
import { appRolesOf } from './token-claims.js';
import type { AdminEndpoint } from '../../datasets/m365-exchange.js';

// The Exchange Online admin REST API is the endpoint the ExchangeOnlineManagement V3 module uses
// under the hood: POST {base}/{tenantId}/InvokeCommand with the cmdlet name and parameters.
// Shapes and headers as used by peers, e.g. CIPP's New-ExoRequest
// (KelvinTegelaar/CIPP-API Modules/CIPPCore/Public/GraphHelper/New-ExoRequest.ps1).

/** Token scope for the Exchange Online endpoint (resource "Office 365 Exchange Online"). */
export const EXCHANGE_SCOPE = 'https://outlook.office365.com/.default';
/** Token scope for the Security & Compliance endpoint. */
export const COMPLIANCE_SCOPE = 'https://ps.compliance.protection.outlook.com/.default';
const ADMIN_API_BASE: Record<AdminEndpoint, string> = {
  exchange: 'https://outlook.office365.com/adminapi/beta',
  compliance: 'https://ps.compliance.protection.outlook.com/adminapi/beta',
};
const SCOPES: Record<AdminEndpoint, string> = { exchange: EXCHANGE_SCOPE, compliance: COMPLIANCE_SCOPE };
/** The arbitration mailbox app-only calls anchor on (no user mailbox exists for an app). */
const SYSTEM_MAILBOX = 'SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}';
/** The largest page InvokeCommand serves (asked for with `Prefer: odata.maxpagesize`). */
export const EXCHANGE_PAGE_SIZE = 1000;
/** Paging that does not end after this many pages (a million items) is a service fault, not data. */
export const DEFAULT_EXCHANGE_MAX_PAGES = 1_000;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 3;

/** The URL of InvokeCommand on one endpoint for one tenant. */
export function invokeCommandUrl(endpoint: AdminEndpoint, tenantId: string): string {
  return `${ADMIN_API_BASE[endpoint]}/${encodeURIComponent(tenantId)}/InvokeCommand`;
}

/** Cmdlet parameters as the cmdlet names them (`ResultSize`, `RecipientTypeDetails`, ...). */
export type CmdletParameters = Record<string, string | number | boolean | readonly string[] | null>;

export interface InvokeOptions {
  /**
   * Where to run the cmdlet. `compliance` tries the Security & Compliance endpoint first (following
   * its redirect to the tenant's regional host) and, when it refuses the app (401/403, no token for
   * its scope, a redirect elsewhere), runs the cmdlet on the Exchange endpoint; the answer says which.
   */
  endpoint?: AdminEndpoint;
  /** Properties to return (`$select`), to keep large lists small. */
  select?: readonly string[];
}

/** What a cmdlet returned: every `value` item across pages, and which endpoint answered. */
export interface CmdletAnswer<T> {
  items: T[];
  endpoint: AdminEndpoint;
  /** `@adminapi.warnings` the cmdlet emitted (PowerShell's warning stream). */
  warnings: string[];
  /** Set when the compliance endpoint was asked for but refused, so Exchange answered instead. */
  complianceRefusal?: ExchangeFailure;
}

export interface ExchangeAdminSessionOptions {
  /** Tenant id (GUID) or its .onmicrosoft.com domain. */
  tenantId: string;
  credential: TokenCredential;
  /** Per-request timeout (ms), each attempt on its own; also bounds getting a token. */
  timeoutMs: number;
  /** The retry policy (budget, backoff, Retry-After cap); defaults to tenant-audit's. */
  retry?: Partial<RetrySettings>;
  /** Most pages one cmdlet may take; more fails the dataset. Default {@link DEFAULT_EXCHANGE_MAX_PAGES}. */
  maxPages?: number;
  signal?: AbortSignal;
  /** Tokens this session obtains are redacted while the scope is open. */
  secrets?: SecretScope;
  /** Bounds requests in flight across every session sharing it (a sweep's). */
  gate?: RequestGate;
}

interface AdminPage<T> {
  value?: T[];
  '@odata.nextLink'?: string | null;
  '@adminapi.warnings'?: unknown;
}

/**
 * One tenant's connection to the Exchange Online admin REST API (and the Security & Compliance
 * one): app-only tokens from the caller's TokenCredential, paging, retries honouring Retry-After,
 * a per-request timeout, the caller's AbortSignal and a request counter.
 *
 * Built on `@azure/core-rest-pipeline` (bearer token policy and retry loop); msw intercepts it
 * because its Node client uses `https.request`.
 *
 * @example
 * const exchange = new ExchangeAdminSession({ tenantId, credential, timeoutMs: 60_000, maxRetries: 4 });
 * const { items } = await exchange.invoke('Get-Mailbox', { RecipientTypeDetails: 'SharedMailbox', ResultSize: 'Unlimited' });
 */
export class ExchangeAdminSession {
  private readonly httpClient: HttpClient;
  private readonly pipelines = new Map<AdminEndpoint, { pipeline: Pipeline; credential: RolesRecordingCredential }>();
  private requests = 0;
  private retries = 0;
  private waited = 0;
  /** Once the compliance endpoint refused the app, later S&C cmdlets go straight to Exchange. */
  private complianceRefusal: ExchangeFailure | undefined;
  /** The regional host an endpoint redirected to, used directly from then on. */
  private readonly pinnedHosts = new Map<AdminEndpoint, string>();

  constructor(private readonly options: ExchangeAdminSessionOptions) {
    const shared = sharedHttpClient();
    const gate = options.gate;
    // The slot covers one attempt, body included (the shared client reads it); retry waits hold none.
    this.httpClient = gate ? { sendRequest: (request) => gate.run(() => shared.sendRequest(request), request.abortSignal as AbortSignal | undefined) } : shared;
  }

  /** HTTP requests sent so far, retries included. */
  get requestCount(): number {
    return this.requests;
  }

  /** Retries made so far (throttling, unavailability, resets, timeouts). */
  get retryCount(): number {
    return this.retries;
  }

  /** Milliseconds spent waiting before retries (Retry-After or backoff). */
  get waitedMs(): number {
    return this.waited;
  }

  /**
   * Run a cmdlet and return every item of its `value` across pages: each `@odata.nextLink` is
   * re-POSTed with the same body (a peer that did not page lost data).
   *
   * @throws ExchangeRequestError for an error answer; the caller's abort or a timeout as DOMExceptions.
   */
  async invoke<T = Record<string, unknown>>(cmdlet: string, parameters: CmdletParameters = {}, options: InvokeOptions = {}): Promise<CmdletAnswer<T>> {
    if (options.endpoint !== 'compliance') return { ...(await this.run<T>('exchange', cmdlet, parameters, options)), endpoint: 'exchange' };
    if (!this.complianceRefusal) {
      try {
        return { ...(await this.run<T>('compliance', cmdlet, parameters, options)), endpoint: 'compliance' };
      } catch (error) {
        const refusal = complianceRefusalOf(error, cmdlet);
        if (!refusal) throw error;
        this.complianceRefusal = refusal;
      }
    }
    const complianceRefusal = this.complianceRefusal;
    try {
      return { ...(await this.run<T>('exchange', cmdlet, parameters, options)), endpoint: 'exchange', complianceRefusal };
    } catch (error) {
      if (error instanceof ExchangeRequestError) throw new ExchangeRequestError({ ...error.failure, complianceRefusal });
      throw error;
    }
  }

  private async run<T>(endpoint: AdminEndpoint, cmdlet: string, parameters: CmdletParameters, options: InvokeOptions): Promise<{ items: T[]; warnings: string[] }> {
    const body = JSON.stringify({ CmdletInput: { CmdletName: cmdlet, Parameters: parameters } });
    const first = new URL(invokeCommandUrl(endpoint, this.options.tenantId));
    // A regional host the compliance endpoint redirected to earlier serves the later calls directly.
    const pinned = this.pinnedHosts.get(endpoint);
    if (pinned) first.host = pinned;
    if (options.select?.length) first.searchParams.set('$select', options.select.join(','));
    const items: T[] = [];
    const warnings: string[] = [];
    let url: string | undefined = first.toString();
    const maxPages = this.options.maxPages ?? DEFAULT_EXCHANGE_MAX_PAGES;
    const seen = new Set<string>([url]);
    for (let pages = 0; url; pages += 1) {
      if (pages >= maxPages) {
        throw new ExchangeRequestError({ status: 0, code: 'PagingDidNotEnd', message: `paging did not end after ${maxPages} pages (the page cap)`, cmdlet, endpoint });
      }
      const answer: { page: AdminPage<T>; answeredBy: URL } = await this.post<AdminPage<T>>(endpoint, cmdlet, url, body);
      const { page, answeredBy } = answer;
      if (!Array.isArray(page.value)) {
        throw new ExchangeRequestError({ status: 200, code: 'UnexpectedAnswer', message: 'the answer has no value array', cmdlet, endpoint });
      }
      items.push(...page.value.map((item: T) => withoutAnnotations(item)));
      warnings.push(...warningsOf(page['@adminapi.warnings']));
      const next: string | null | undefined = page['@odata.nextLink'];
      if (next === undefined || next === null) break;
      const nextUrl: URL = new URL(next, answeredBy);
      // The bearer token must never leave the host that answered.
      if (nextUrl.origin !== answeredBy.origin) {
        throw new ExchangeRequestError({ status: 200, code: 'ForeignNextLink', message: `the next link points to another host (${nextUrl.host})`, cmdlet, endpoint });
      }
      url = nextUrl.toString();
      if (seen.has(url)) {
        throw new ExchangeRequestError({ status: 200, code: 'RepeatedNextLink', message: 'the next link repeats a page already read; paging would not end', cmdlet, endpoint });
      }
      seen.add(url);
    }
    return { items, warnings };
  }

  /** POST one page; on the compliance endpoint, follow its redirect to the tenant's regional host. */
  private async post<T>(endpoint: AdminEndpoint, cmdlet: string, url: string, body: string): Promise<{ page: T; answeredBy: URL }> {
    const { pipeline, credential } = this.pipelineFor(endpoint);
    let target = new URL(url);
    for (let hops = 0; ; hops += 1) {
      const response = await this.send(pipeline, target, body, cmdlet, endpoint);
      if (endpoint === 'compliance' && REDIRECT_STATUSES.has(response.status)) {
        const location = response.headers.get('location');
        const regional = location ? regionalComplianceUrl(location, target) : undefined;
        if (!regional || hops >= MAX_REDIRECTS) {
          const message = !location ? 'redirected without a Location' : !regional ? `redirected to an unexpected host (${safeHost(location, target)})` : 'too many redirects';
          throw new ExchangeRequestError({ status: response.status, code: 'UnfollowedRedirect', message, cmdlet, endpoint });
        }
        this.pinnedHosts.set(endpoint, regional.host);
        target = regional;
        continue;
      }
      const parsed = parseJson(response.bodyAsText);
      // go-exoscc found cmdlet errors inside 2xx envelopes too: an `error` object wins over success.
      const ok = response.status >= 200 && response.status < 300 && field(parsed, 'error') === undefined;
      if (ok) return { page: (parsed ?? {}) as T, answeredBy: target };
      const requestId = response.headers.get('request-id') ?? response.headers.get('x-ms-request-id') ?? undefined;
      const tokenRoles = credential.roles;
      throw new ExchangeRequestError({
        status: response.status,
        code: errorCodeOf(parsed) ?? `HTTP${response.status}`,
        message: errorMessageOf(parsed, response),
        cmdlet,
        endpoint,
        ...(requestId ? { requestId } : {}),
        ...(tokenRoles ? { tokenRoles } : {}),
      });
    }
  }

  private async send(pipeline: Pipeline, url: URL, body: string, cmdlet: string, endpoint: AdminEndpoint): Promise<PipelineResponse> {
    const request = createPipelineRequest({
      url: url.toString(),
      method: 'POST',
      body,
      headers: createHttpHeaders({
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'X-AnchorMailbox': `APP:${SYSTEM_MAILBOX}@${this.options.tenantId}`,
        Prefer: `odata.maxpagesize=${EXCHANGE_PAGE_SIZE}`,
        // JSON, not the module's CLIXML (go-exoscc sends the same header for the same reason).
        'X-ResponseFormat': 'json',
      }),
      ...(this.options.signal ? { abortSignal: this.options.signal } : {}),
    });
    try {
      return await pipeline.sendRequest(this.httpClient, request);
    } catch (error) {
      if (error instanceof TokenAcquisitionError) {
        throw new ExchangeRequestError({ status: 0, code: 'TokenUnavailable', message: error.message, cmdlet, endpoint });
      }
      throw error;
    }
  }

  private pipelineFor(endpoint: AdminEndpoint): { pipeline: Pipeline; credential: RolesRecordingCredential } {
    const existing = this.pipelines.get(endpoint);
    if (existing) return existing;
    const guarded = guardCredential(this.options.credential, {
      timeoutMs: this.options.timeoutMs,
      ...(this.options.signal ? { signal: this.options.signal } : {}),
      ...(this.options.secrets ? { secrets: this.options.secrets } : {}),
      tenantId: this.options.tenantId,
    });
    const credential = new RolesRecordingCredential(guarded);
    const pipeline = createEmptyPipeline();
    pipeline.addPolicy(
      retryPolicyOf({ ...DEFAULT_RETRY_SETTINGS, ...this.options.retry }, (wait) => {
        this.retries += 1;
        this.waited += wait;
      }),
      { phase: 'Retry' },
    );
    pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential, scopes: SCOPES[endpoint] }), { phase: 'Sign' });
    // After signing, so each attempt (retries included) is counted and timed on its own.
    pipeline.addPolicy(attemptGuard(this.options.timeoutMs, () => (this.requests += 1)), { afterPhase: 'Sign' });
    const built = { pipeline, credential };
    this.pipelines.set(endpoint, built);
    return built;
  }
}

/**
 * tenant-audit's retry policy (core/http-retry) as a core-rest-pipeline policy: 429/503/504 after
 * their Retry-After, resets and timed-out attempts with jittered backoff, all within the request's
 * time budget; the waits end at once when the caller aborts (core-rest-pipeline's own retry policy
 * counts retries and cannot see how long a request has taken).
 */
function retryPolicyOf(settings: RetrySettings, onRetry: (waitMs: number) => void): PipelinePolicy {
  return {
    name: 'tenantAuditRetryPolicy',
    async sendRequest(request, next) {
      const started = Date.now();
      const callerSignal = request.abortSignal as AbortSignal | undefined;
      for (let retry = 0; ; retry += 1) {
        let outcome: AttemptOutcome;
        let response: PipelineResponse | undefined;
        let failure: unknown;
        try {
          response = await next(request);
          outcome = { kind: 'answer', status: response.status, retryAfter: response.headers.get('retry-after') };
        } catch (error) {
          if (callerSignal?.aborted) throw error;
          failure = error;
          const name = (error as { name?: unknown } | null)?.name;
          if (name === 'TimeoutError') outcome = { kind: 'timeout' };
          else if (isNetworkError(error)) outcome = { kind: 'network' };
          else throw error;
        }
        const wait = nextRetryDelay(outcome, retry, Date.now() - started, settings);
        if (wait === undefined) {
          if (response) return response;
          throw failure;
        }
        onRetry(wait);
        await sleep(wait, callerSignal);
      }
    },
  };
}

/** Counts each attempt and bounds it with the timeout and the caller's signal (as Graph's RequestGuard does). */
function attemptGuard(timeoutMs: number, count: () => void): PipelinePolicy {
  return {
    name: 'exchangeAttemptGuard',
    async sendRequest(request, next) {
      count();
      const callerSignal = request.abortSignal as AbortSignal | undefined;
      const timeout = deadline(timeoutMs);
      const signal = callerSignal ? AbortSignal.any([timeout.signal, callerSignal]) : timeout.signal;
      request.abortSignal = signal;
      try {
        return await next(request);
      } catch (error) {
        // The HTTP client reports both as a generic AbortError; say which one it was.
        if (signal.aborted) throw signal.reason;
        throw error;
      } finally {
        timeout.clear();
        request.abortSignal = callerSignal;
      }
    },
  };
}

/** The credential failed to give a token for a scope (e.g. the tenant lacks that resource). */
class TokenAcquisitionError extends Error {
  override readonly name = 'TokenAcquisitionError';
}

/**
 * Passes tokens through and remembers the `roles` claim of the last one (never the token): an
 * app-only token without `Exchange.ManageAsApp` there names the missing grant exactly.
 */
class RolesRecordingCredential implements TokenCredential {
  roles: string[] | undefined;
  constructor(private readonly inner: TokenCredential) {}

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    let token: AccessToken | null;
    try {
      token = await this.inner.getToken(scopes, options);
    } catch (error) {
      if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) throw error;
      throw new TokenAcquisitionError(`no token for ${[scopes].flat().join(' ')}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!token) throw new TokenAcquisitionError(`the credential gave no token for ${[scopes].flat().join(' ')}`);
    this.roles = appRolesOf(token.token);
    return token;
  }
}

/** The compliance endpoint's refusal of the app (401/403, no token for its scope, a redirect we will not follow), else undefined. */
function complianceRefusalOf(error: unknown, cmdlet: string): ExchangeFailure | undefined {
  if (!(error instanceof ExchangeRequestError)) return undefined;
  const { status, code } = error.failure;
  if (status === 401 || status === 403 || code === 'TokenUnavailable' || code === 'UnfollowedRedirect') return { ...error.failure, cmdlet };
  return undefined;
}

/**
 * Where a compliance redirect may take the request: the tenant's regional Security & Compliance
 * host. The generic host answers 302 to it, and a client must re-POST there with its bearer token
 * (fetch-style clients drop the token across hosts and turn the POST into a GET). go-exoscc
 * (terraprovider/go-exoscc adminapi/transport.go) saw the redirect land on
 * `{region}.admin.protection.outlook.com:446` and rewrites it to
 * `{region}.ps.compliance.protection.outlook.com` on 443; CIPP derives the same regional host. Any
 * other host is refused so the token never leaves Microsoft's compliance service.
 */
function regionalComplianceUrl(location: string, from: URL): URL | undefined {
  let url: URL;
  try {
    url = new URL(location, from);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:') return undefined;
  if (url.port === '446') url.port = '';
  url.hostname = url.hostname.replace(/\.admin\.protection\.outlook\.com$/i, '.ps.compliance.protection.outlook.com');
  return /^([a-z0-9-]+\.)?ps\.compliance\.protection\.outlook\.com$/i.test(url.hostname) ? url : undefined;
}

function safeHost(location: string, from: URL): string {
  try {
    return new URL(location, from).host;
  } catch {
    return 'an unreadable Location';
  }
}

function parseJson(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

type Loose = Record<string, unknown>;

const isObject = (value: unknown): value is Loose => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A property by name, ignoring case: the wire spells `internalexception` where clients say `internalException`. */
function field(object: unknown, name: string): unknown {
  if (!isObject(object)) return undefined;
  if (name in object) return object[name];
  const key = Object.keys(object).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : object[key];
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

function errorCodeOf(body: unknown): string | undefined {
  return text(field(field(body, 'error'), 'code'));
}

/**
 * A `details[].message` as the cmdlet meant it: live answers prefix it with the exception type
 * (`|Microsoft.Exchange...Exception|text`, graph2otel's captures), and go-exoscc saw it as a JSON
 * object with `Message`.
 */
function detailMessage(message: string): string {
  if (message.startsWith('{')) {
    const inner = text(field(parseJson(message), 'Message'));
    if (inner) return inner;
  }
  return /^\|[^|]*\|(.*)$/s.exec(message)?.[1]?.trim() || message;
}

/**
 * The most specific message an admin API error carries, in the order peers read them:
 * `error.details[].message`, then `error.innererror.internalException.message`, then `error.message`;
 * for a body that is not JSON (the 403's run of NUL bytes, a gateway page), the `x-ms-diagnostics`
 * header or a bounded printable excerpt.
 */
export function errorMessageOf(body: unknown, response?: Pick<PipelineResponse, 'bodyAsText' | 'headers'>): string {
  const error = field(body, 'error');
  const details = field(error, 'details');
  const messages = Array.isArray(details) ? details.map((detail) => text(field(detail, 'message'))).filter((message): message is string => message !== undefined) : [];
  if (messages.length) return messages.map(detailMessage).join('; ');
  const internal = text(field(field(field(error, 'innererror'), 'internalException'), 'message'));
  if (internal) return internal;
  const message = text(field(error, 'message'));
  if (message) return message;
  const diagnostics = text(response?.headers.get('x-ms-diagnostics'));
  if (diagnostics) return diagnostics;
  // Control characters stripped: the 403's body is 4 KiB of NUL bytes.
  const printable = (response?.bodyAsText ?? '').replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return printable.slice(0, 200);
}

/**
 * An item without its wire annotations (`X@odata.type: #Collection(String)`, `X@data.type:
 * System.Guid`, ...): they describe how .NET should rebuild each value, not the setting, and would
 * double the size of a snapshot. Nested values (hash-table entries) are left as they are.
 */
function withoutAnnotations<T>(item: T): T {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
  return Object.fromEntries(Object.entries(item).filter(([key]) => !key.includes('@'))) as T;
}

function warningsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

let httpClient: HttpClient | undefined;
/**
 * One HTTP client for every Exchange session of the process, on the platform's fetch (undici,
 * which pools connections per origin and closes idle ones): a client and keep-alive agent per
 * session left its sockets open, about 0.2 MB per tenant of a sweep, and re-did TLS handshakes.
 * Redirects are returned, not followed: the compliance endpoint's redirect is followed by hand,
 * only to Microsoft's regional hosts, so the token cannot be sent anywhere else.
 */
function sharedHttpClient(): HttpClient {
  httpClient ??= {
    async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      const response = await fetch(request.url, {
        method: request.method,
        headers: Object.fromEntries(request.headers),
        ...(typeof request.body === 'string' ? { body: request.body } : {}),
        ...(request.abortSignal ? { signal: request.abortSignal as AbortSignal } : {}),
        redirect: 'manual',
      });
      const headers = createHttpHeaders();
      response.headers.forEach((value, name) => headers.set(name, value));
      return { request, status: response.status, headers, bodyAsText: await response.text() };
    },
  };
  return httpClient;
}
