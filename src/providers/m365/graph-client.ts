import type { TokenCredential } from '@azure/core-auth';
import { AuthenticationHandler, Client, GraphError, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import pLimit from 'p-limit';
import { DEFAULT_RETRY_SETTINGS, isNetworkError, nextRetryDelay, type AttemptOutcome, type RetrySettings } from '../../core/http-retry.js';
import type { SecretScope } from '../../core/redact.js';
import { gatedFetch, type RequestGate } from '../../core/request-gate.js';
import { deadline, sleep } from '../../core/retry.js';
import { guardCredential } from './credential-guard.js';
import { GraphMalformedAnswer, GraphPagingError, GraphRequestError, type GraphFailure } from './graph-errors.js';
import { appRolesOf } from './token-claims.js';

export const GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';
/** The Graph versions tenant-audit reads: v1.0, and beta where v1.0 has no such API. */
export type GraphVersion = 'v1.0' | 'beta';
const GRAPH_ORIGIN = 'https://graph.microsoft.com';
const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
/** Graph refuses JSON batches of more than 20 requests. */
export const GRAPH_BATCH_LIMIT = 20;
/** $batch requests of one collection sent at once (each carries up to 20 sub-requests). */
const BATCHES_IN_FLIGHT = 4;
/** The default most pages one collection may take before the dataset fails (documented in the README). */
export const DEFAULT_MAX_PAGES = 2_000;

/**
 * Counts real HTTP requests (retries included), bounds each attempt with the request timeout and
 * the caller's signal, and registers the bearer token it carries for redaction.
 */
class AttemptGuard implements Middleware {
  private next: Middleware | undefined;
  requests = 0;

  constructor(
    private readonly timeoutMs: number,
    private readonly signal: AbortSignal | undefined,
    private readonly secrets: SecretScope | undefined,
  ) {}

  async execute(context: Context): Promise<void> {
    this.requests += 1;
    const timeout = deadline(this.timeoutMs);
    const headers = context.options?.headers as Record<string, string> | undefined;
    const authorization = headers?.Authorization ?? headers?.authorization;
    this.secrets?.add(authorization?.replace(/^Bearer\s+/i, ''));
    context.options = { ...context.options, signal: this.signal ? AbortSignal.any([timeout.signal, this.signal]) : timeout.signal };
    try {
      await this.next!.execute(context);
    } finally {
      timeout.clear();
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/**
 * The retry policy (core/http-retry) as a Graph client middleware, in place of the SDK's
 * RetryHandler: it also retries resets and timed-out attempts, bounds retrying by a time budget
 * rather than a count, and every wait ends at once when the caller aborts.
 */
class RetryMiddleware implements Middleware {
  private next: Middleware | undefined;
  retries = 0;
  /** Milliseconds waited before retries. */
  waitedMs = 0;

  constructor(
    private readonly settings: RetrySettings,
    private readonly signal: AbortSignal | undefined,
  ) {}

  async execute(context: Context): Promise<void> {
    const started = Date.now();
    for (let retry = 0; ; retry += 1) {
      let outcome: AttemptOutcome;
      let failure: unknown;
      try {
        await this.next!.execute(context);
        const response = context.response!;
        outcome = { kind: 'answer', status: response.status, retryAfter: response.headers.get('retry-after') };
      } catch (error) {
        if (this.signal?.aborted) throw this.signal.reason;
        failure = error;
        if (isTimeout(error)) outcome = { kind: 'timeout' };
        else if (isNetworkError(error)) outcome = { kind: 'network' };
        else throw error;
      }
      const wait = nextRetryDelay(outcome, retry, Date.now() - started, this.settings);
      if (wait === undefined) {
        if (failure !== undefined) throw failure;
        return;
      }
      this.retries += 1;
      this.waitedMs += wait;
      await sleep(wait, this.signal);
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** A timed-out attempt: the per-attempt timeout signal fired (fetch reports it as TimeoutError or AbortError). */
function isTimeout(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

export interface GraphSessionOptions {
  credential: TokenCredential;
  /** The tenant every token is asked for (`getToken(scopes, { tenantId })`); the credential's own when absent. */
  tenantId?: string;
  /** Per-attempt timeout (ms); also bounds getting a token. */
  timeoutMs: number;
  retry?: Partial<RetrySettings>;
  /** Most pages one collection may take; more fails the dataset (never truncates silently). */
  maxPages?: number;
  signal?: AbortSignal;
  /** Tokens this session obtains are redacted while the scope is open. */
  secrets?: SecretScope;
  /** Bounds requests in flight across every session sharing it (a sweep's). */
  gate?: RequestGate;
}

/** The last link of the chain: the platform's fetch, inside a slot of the shared gate when there is one. */
class FetchHandler implements Middleware {
  private readonly send: typeof fetch;
  constructor(gate: RequestGate | undefined) {
    this.send = gatedFetch(gate);
  }
  async execute(context: Context): Promise<void> {
    context.response = await this.send(context.request as string | Request, context.options);
  }
}

export interface ListQuery {
  select?: readonly string[];
  filter?: string;
  top?: number;
  /** `$expand`, e.g. `assignments` or `settings,assignments`. */
  expand?: string;
  /** The Graph version to read; `beta` only for what v1.0 lacks (the settings catalog). Default `v1.0`. */
  version?: GraphVersion;
  /** Stop after this many pages on purpose (a bounded read); the result then says `truncated`. */
  maxPages?: number;
  /** Request headers an endpoint documents as required, sent on every page. */
  headers?: Readonly<Record<string, string>>;
}

interface GraphPage<T> {
  value: T[];
  '@odata.nextLink'?: string;
}

/** One tenant's Graph connection: auth, the retry policy, timeouts, paging guards and request counting. */
export class GraphSession {
  private readonly client: Client;
  private readonly guard: AttemptGuard;
  private readonly retryMiddleware: RetryMiddleware;
  private readonly signal: AbortSignal | undefined;
  private readonly credential: TokenCredential;
  private readonly maxPages: number;

  constructor(options: GraphSessionOptions) {
    this.signal = options.signal;
    this.credential = guardCredential(options.credential, {
      timeoutMs: options.timeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.secrets ? { secrets: options.secrets } : {}),
      ...(options.tenantId ? { tenantId: options.tenantId } : {}),
    });
    this.maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
    this.guard = new AttemptGuard(options.timeoutMs, options.signal, options.secrets);
    this.retryMiddleware = new RetryMiddleware({ ...DEFAULT_RETRY_SETTINGS, ...options.retry }, options.signal);
    const auth = new AuthenticationHandler(new TokenCredentialAuthenticationProvider(this.credential, { scopes: [GRAPH_SCOPE] }));
    const http = new FetchHandler(options.gate);
    auth.setNext(this.retryMiddleware);
    this.retryMiddleware.setNext(this.guard);
    this.guard.setNext(http);
    this.client = Client.initWithMiddleware({ middleware: auth, defaultVersion: 'v1.0' });
  }

  /**
   * The application permissions (`roles`) in this session's Graph token, or undefined when the
   * token does not show them (not a JWT, or a delegated token). Costs no Graph request.
   */
  async appRoles(): Promise<string[] | undefined> {
    const token = await this.credential.getToken(GRAPH_SCOPE);
    return token ? appRolesOf(token.token) : undefined;
  }

  /** HTTP requests sent so far, retries included. */
  get requestCount(): number {
    return this.guard.requests;
  }

  /** Retries made so far (throttling, unavailability, resets, timeouts). */
  get retryCount(): number {
    return this.retryMiddleware.retries;
  }

  /** Milliseconds spent waiting before retries (Retry-After or backoff). */
  get waitedMs(): number {
    return this.retryMiddleware.waitedMs;
  }

  /** GET one resource. */
  async get<T>(path: string, query: Pick<ListQuery, 'select'> = {}): Promise<T> {
    const body = await this.call(() => {
      const request = this.client.api(path);
      if (query.select) request.select([...query.select]);
      return request.get() as Promise<unknown>;
    });
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new GraphMalformedAnswer(`GET ${path}`, 'the answer is not a JSON object');
    return body as T;
  }

  /**
   * GET a collection and follow `@odata.nextLink` to the end. A next link to another host is
   * refused (never followed: the token must not leave Graph), a repeated one is an error (the
   * service would loop), and more than the page cap fails rather than truncating silently, unless
   * the caller bounded the read on purpose with `maxPages` (then `truncated` says so).
   */
  async list<T>(path: string, query: ListQuery = {}): Promise<{ items: T[]; truncated: boolean }> {
    const version = query.version ?? 'v1.0';
    const endpoint = `GET ${version === 'beta' ? '/beta' : ''}${path}`;
    const items: T[] = [];
    let page = pageOf<T>(
      await this.call(() => {
        const request = this.client.api(path).version(version);
        if (query.select) request.select([...query.select]);
        if (query.filter) request.filter(query.filter);
        if (query.expand) request.expand(query.expand);
        if (query.top) request.top(query.top);
        if (query.headers) request.headers({ ...query.headers });
        return request.get() as Promise<unknown>;
      }),
      endpoint,
    );
    const seen = new Set<string>();
    let pages = 1;
    items.push(...page.value);
    while (page['@odata.nextLink']) {
      if (query.maxPages !== undefined && pages >= query.maxPages) return { items, truncated: true };
      if (pages >= this.maxPages) throw new GraphPagingError(endpoint, `paging did not end after ${this.maxPages} pages (the page cap)`);
      const next = checkedNextLink(page['@odata.nextLink'], endpoint, seen, version);
      page = pageOf<T>(
        await this.call(() => {
          const request = this.client.api(next);
          if (query.headers) request.headers({ ...query.headers });
          return request.get() as Promise<unknown>;
        }),
        endpoint,
      );
      pages += 1;
      items.push(...page.value);
    }
    return { items, truncated: false };
  }

  /**
   * GET many collections through JSON batching (20 per `$batch`, a few batches at a time),
   * following each one's next link with the same guards as {@link list}. Sub-requests that fail
   * are returned as failures; throttled ones are retried after their Retry-After within the budget.
   */
  async batchList<T>(paths: readonly string[]): Promise<Map<string, { ok: true; items: T[] } | { ok: false; failure: GraphFailure }>> {
    const results = new Map<string, { ok: true; items: T[] } | { ok: false; failure: GraphFailure }>();
    const collected = new Map<string, T[]>();
    const seen = new Map<string, Set<string>>();
    const pagesOf = new Map<string, number>();
    const started = Date.now();
    const limit = pLimit(BATCHES_IN_FLIGHT);
    let pending = paths.map((path) => ({ path, url: path, attempt: 0 }));
    while (pending.length > 0) {
      const again: typeof pending = [];
      const chunks: (typeof pending)[] = [];
      for (let start = 0; start < pending.length; start += GRAPH_BATCH_LIMIT) chunks.push(pending.slice(start, start + GRAPH_BATCH_LIMIT));
      let waitMs = 0;
      await Promise.all(
        chunks.map((chunk) =>
          limit(async () => {
            // Built by hand: the SDK's BatchRequestContent keeps the `/v1.0` prefix in each url, but
            // batch urls are relative to the version, and Node's Request cannot hold a relative url.
            const body = { requests: chunk.map((item, index) => ({ id: String(index), method: 'GET', url: item.url })) };
            const answers = batchResponsesOf(await this.call(() => this.client.api('/$batch').post(body)), chunk.length);
            chunk.forEach((item, index) => {
              const answer = answers.get(String(index));
              if (!answer) {
                results.set(item.path, { ok: false, failure: { status: 0, code: 'MissingBatchResponse', message: 'the $batch answer lacked this request' } });
                return;
              }
              if (answer.status === 429 || answer.status === 503 || answer.status === 504) {
                // Inside a batch each request is throttled on its own: the batch is 200, the sub-request 429.
                const retryAfter = Object.entries(answer.headers ?? {}).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
                const wait = nextRetryDelay({ kind: 'answer', status: answer.status, retryAfter }, item.attempt, Date.now() - started, { ...DEFAULT_RETRY_SETTINGS });
                if (wait !== undefined) {
                  waitMs = Math.max(waitMs, wait);
                  again.push({ ...item, attempt: item.attempt + 1 });
                  return;
                }
              }
              if (answer.status >= 400) {
                results.set(item.path, { ok: false, failure: failureFromBody(answer.status, answer.body, answer.headers) });
                return;
              }
              const page = pageOf<T>(answer.body, `GET ${item.path} (in $batch)`);
              const items = collected.get(item.path) ?? [];
              items.push(...page.value);
              collected.set(item.path, items);
              const next = page['@odata.nextLink'];
              if (!next) {
                results.set(item.path, { ok: true, items });
                return;
              }
              const pages = (pagesOf.get(item.path) ?? 1) + 1;
              pagesOf.set(item.path, pages);
              if (pages > this.maxPages) throw new GraphPagingError(`GET ${item.path}`, `paging did not end after ${this.maxPages} pages (the page cap)`);
              const seenHere = seen.get(item.path) ?? new Set<string>();
              seen.set(item.path, seenHere);
              const url = checkedNextLink(next, `GET ${item.path} (in $batch)`, seenHere);
              again.push({ path: item.path, url: url.slice(GRAPH_BASE_URL.length), attempt: 0 });
            });
          }),
        ),
      );
      if (waitMs > 0) await sleep(waitMs, this.signal);
      pending = again;
    }
    return results;
  }

  private async call<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw toGraphRequestError(error);
    }
  }
}

/**
 * A next link Graph may be followed to: on Graph's own host and API version, and not one already
 * followed. Parsed as a URL, never cut by characters.
 */
function checkedNextLink(next: unknown, endpoint: string, seen: Set<string>, version: GraphVersion = 'v1.0'): string {
  let url: URL;
  try {
    url = new URL(String(next));
  } catch {
    throw new GraphMalformedAnswer(endpoint, 'its @odata.nextLink is not a URL');
  }
  if (url.origin !== GRAPH_ORIGIN || !url.pathname.startsWith(`/${version}/`)) {
    throw new GraphPagingError(endpoint, `its @odata.nextLink points to ${url.origin}${url.pathname.split('/').slice(0, 2).join('/')}, not to Graph ${version}; it was not followed`);
  }
  const key = url.toString();
  if (seen.has(key)) throw new GraphPagingError(endpoint, 'its @odata.nextLink repeats a page already read; paging would not end');
  seen.add(key);
  return key;
}

/** A collection page as Graph documents it (`value` an array); anything else is a malformed answer. */
function pageOf<T>(body: unknown, endpoint: string): GraphPage<T> {
  const value = (body as { value?: unknown } | null)?.value;
  if (!Array.isArray(value)) throw new GraphMalformedAnswer(endpoint, 'the answer has no value array');
  const next = (body as { '@odata.nextLink'?: unknown })['@odata.nextLink'];
  if (next !== undefined && next !== null && typeof next !== 'string') throw new GraphMalformedAnswer(endpoint, 'its @odata.nextLink is not a string');
  return body as GraphPage<T>;
}

interface BatchAnswer {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** The sub-answers of a `$batch` by id, checked against the documented shape. */
function batchResponsesOf(raw: unknown, expected: number): Map<string, BatchAnswer> {
  const responses = (raw as { responses?: unknown } | null)?.responses;
  if (!Array.isArray(responses)) throw new GraphMalformedAnswer('POST /$batch', 'the answer has no responses array');
  const byId = new Map<string, BatchAnswer>();
  for (const response of responses) {
    const { id, status } = (response ?? {}) as { id?: unknown; status?: unknown };
    if (typeof id !== 'string' || typeof status !== 'number') throw new GraphMalformedAnswer('POST /$batch', 'a response lacks its id or status');
    byId.set(id, response as BatchAnswer);
  }
  if (byId.size > expected) throw new GraphMalformedAnswer('POST /$batch', `it answered ${byId.size} requests for ${expected} sent`);
  return byId;
}

function failureFromBody(status: number, body: unknown, headers?: Record<string, string>): GraphFailure {
  const error = (body as { error?: { code?: string; message?: string; innerError?: Record<string, string> } } | undefined)?.error;
  const requestId = error?.innerError?.['request-id'] ?? headers?.['request-id'];
  return {
    status,
    code: error?.code ?? `HTTP${status}`,
    message: error?.message ?? '',
    ...(requestId ? { requestId } : {}),
  };
}

/** Turn whatever the Graph client threw into a GraphRequestError (never leaking tokens). */
function toGraphRequestError(error: unknown): Error {
  if (error instanceof GraphRequestError || error instanceof GraphMalformedAnswer || error instanceof GraphPagingError) return error;
  if (error instanceof GraphError) {
    return new GraphRequestError({
      status: error.statusCode,
      code: error.code ?? `HTTP${error.statusCode}`,
      message: error.message,
      ...(error.requestId ? { requestId: error.requestId } : {}),
    });
  }
  return error instanceof Error ? error : new Error(String(error));
}
