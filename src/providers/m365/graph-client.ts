import type { TokenCredential } from '@azure/core-auth';
import {
  AuthenticationHandler,
  Client,
  GraphError,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';

import { retryAfterMs, sleep } from '../../core/retry.js';
import { GraphRequestError, type GraphFailure } from './graph-errors.js';
import { appRolesOf } from './token-claims.js';

export const GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';
const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
/** Graph refuses JSON batches of more than 20 requests. */
export const GRAPH_BATCH_LIMIT = 20;

/** Counts real HTTP requests (retries included) and bounds each one with a timeout and the caller's signal. */
class RequestGuard implements Middleware {
  private next: Middleware | undefined;
  requests = 0;

  constructor(
    private readonly timeoutMs: number,
    private readonly signal: AbortSignal | undefined,
  ) {}

  async execute(context: Context): Promise<void> {
    this.requests += 1;
    const signals = [AbortSignal.timeout(this.timeoutMs)];
    if (this.signal) signals.push(this.signal);
    context.options = { ...context.options, signal: AbortSignal.any(signals) };
    await this.next!.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

export interface GraphSessionOptions {
  credential: TokenCredential;
  /** Per-request timeout (ms). */
  timeoutMs: number;
  /** Retries on 429/503/504, honouring Retry-After. */
  maxRetries: number;
  signal?: AbortSignal;
}

export interface ListQuery {
  select?: readonly string[];
  filter?: string;
  top?: number;
  /** Stop after this many pages; the result then says `truncated`. */
  maxPages?: number;
}

interface GraphPage<T> {
  value: T[];
  '@odata.nextLink'?: string;
}

/** One tenant's Graph connection: auth, retries, timeouts and request counting. */
export class GraphSession {
  private readonly client: Client;
  private readonly guard: RequestGuard;
  private readonly signal: AbortSignal | undefined;
  private readonly credential: TokenCredential;

  constructor(options: GraphSessionOptions) {
    this.signal = options.signal;
    this.credential = options.credential;
    this.guard = new RequestGuard(options.timeoutMs, options.signal);
    const auth = new AuthenticationHandler(
      new TokenCredentialAuthenticationProvider(options.credential, { scopes: [GRAPH_SCOPE] }),
    );
    const retry = new RetryHandler(new RetryHandlerOptions(1, options.maxRetries));
    const http = new HTTPMessageHandler();
    auth.setNext(retry);
    retry.setNext(this.guard);
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

  /** GET one resource. */
  async get<T>(path: string, query: Pick<ListQuery, 'select'> = {}): Promise<T> {
    return this.call(() => {
      const request = this.client.api(path);
      if (query.select) request.select([...query.select]);
      return request.get() as Promise<T>;
    });
  }

  /** GET a collection and follow `@odata.nextLink` to the end (or `maxPages`). */
  async list<T>(path: string, query: ListQuery = {}): Promise<{ items: T[]; truncated: boolean }> {
    const items: T[] = [];
    let page = await this.call(() => {
      const request = this.client.api(path);
      if (query.select) request.select([...query.select]);
      if (query.filter) request.filter(query.filter);
      if (query.top) request.top(query.top);
      return request.get() as Promise<GraphPage<T>>;
    });
    let pages = 1;
    items.push(...page.value);
    while (page['@odata.nextLink']) {
      if (query.maxPages !== undefined && pages >= query.maxPages) return { items, truncated: true };
      const next = page['@odata.nextLink'];
      page = await this.call(() => this.client.api(next).get() as Promise<GraphPage<T>>);
      pages += 1;
      items.push(...page.value);
    }
    return { items, truncated: false };
  }

  /**
   * GET many collections through JSON batching (20 per `$batch`), following each one's next link.
   * Sub-requests that fail are returned as failures; throttled ones are retried after their Retry-After.
   */
  async batchList<T>(
    paths: readonly string[],
  ): Promise<Map<string, { ok: true; items: T[] } | { ok: false; failure: GraphFailure }>> {
    const results = new Map<string, { ok: true; items: T[] } | { ok: false; failure: GraphFailure }>();
    const collected = new Map<string, T[]>();
    let pending = paths.map((path) => ({ path, url: path, attempt: 0 }));
    while (pending.length > 0) {
      const retry: typeof pending = [];
      for (let start = 0; start < pending.length; start += GRAPH_BATCH_LIMIT) {
        const chunk = pending.slice(start, start + GRAPH_BATCH_LIMIT);
        // Built by hand: the SDK's BatchRequestContent keeps the `/v1.0` prefix in each url, but
        // batch urls are relative to the version, and Node's Request cannot hold a relative url.
        const body = { requests: chunk.map((item, index) => ({ id: String(index), method: 'GET', url: item.url })) };
        const raw = await this.call(() => this.client.api('/$batch').post(body));
        const answers = (raw as BatchAnswer).responses ?? [];
        let waitSeconds = 0;
        chunk.forEach((item, index) => {
          const rawResponse = answers.find((answer) => answer.id === String(index));
          if (!rawResponse) {
            results.set(item.path, { ok: false, failure: { status: 0, code: 'MissingBatchResponse', message: 'the batch answer lacked this request' } });
            return;
          }
          if (rawResponse.status === 429 || rawResponse.status === 503) {
            if (item.attempt < 3) {
              // Inside a batch each request is throttled on its own: the batch is 200, the sub-request 429.
              waitSeconds = Math.max(waitSeconds, retryAfterSeconds(rawResponse.headers));
              retry.push({ ...item, attempt: item.attempt + 1 });
              return;
            }
          }
          if (rawResponse.status >= 400) {
            results.set(item.path, { ok: false, failure: failureFromBody(rawResponse.status, rawResponse.body, rawResponse.headers) });
            return;
          }
          const page = rawResponse.body as GraphPage<T>;
          const items = collected.get(item.path) ?? [];
          items.push(...page.value);
          collected.set(item.path, items);
          const next = page['@odata.nextLink'];
          if (next) retry.push({ path: item.path, url: next.slice(GRAPH_BASE_URL.length), attempt: 0 });
          else results.set(item.path, { ok: true, items });
        });
        if (waitSeconds > 0) await sleep(waitSeconds * 1000, this.signal);
      }
      pending = retry;
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

interface BatchAnswer {
  responses?: { id: string; status: number; headers?: Record<string, string>; body?: unknown }[];
}

/** A throttled sub-request's Retry-After in seconds, at most 120; 1-2 s (jittered) when it gives none. */
function retryAfterSeconds(headers: Record<string, string> | undefined): number {
  const value = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
  const asked = retryAfterMs(value);
  return asked !== undefined ? Math.min(asked / 1000, 120) : 1 + Math.random();
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
  if (error instanceof GraphRequestError) return error;
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
