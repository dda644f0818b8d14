import { DEFAULT_RETRY_SETTINGS, isNetworkError, nextRetryDelay, type AttemptOutcome, type RetrySettings } from '../../core/http-retry.js';
import type { SecretScope } from '../../core/redact.js';
import { gatedFetch, type RequestGate } from '../../core/request-gate.js';
import type { AuditMemo } from '../../core/audit-memo.js';
import { sleep } from '../../core/retry.js';
import type { RequestingClient } from './auth.js';
import { GoogleDatasetError, googleFailureOf, isRetryable, isTimeoutOrAbort } from './errors.js';

/** The default most pages one list may take before the dataset fails (documented in the README). */
export const DEFAULT_GOOGLE_MAX_PAGES = 2_000;

/** A TXT lookup: the record's character strings per record (node:dns `resolveTxt`). */
export type ResolveTxt = (name: string) => Promise<string[][]>;

export interface GoogleSessionOptions {
  /** A google-auth-library client (JWT, OAuth2Client, GoogleAuth...): it signs and sends each request. */
  auth: RequestingClient;
  /** `my_customer` or a customer id such as `C0abc123`. */
  customerId: string;
  /** Per-attempt timeout (ms). */
  timeoutMs: number;
  signal?: AbortSignal;
  retry?: Partial<RetrySettings>;
  /** Most pages one list may take; more fails the dataset. */
  maxPages?: number;
  /** Tokens this session sends are redacted while the scope is open. */
  secrets?: SecretScope;
  /** DNS TXT lookups for the mail DNS dataset (tests inject one; there is no DNS there). */
  resolveTxt?: ResolveTxt;
  /** The audit's shared answers: customers.get is then asked once per audit, not once per dataset. */
  shared?: AuditMemo;
  /** Bounds requests in flight across every session sharing it (a sweep's). */
  gate?: RequestGate;
}

/** The customer as customers.get answers it (with the fields mask `id,customerDomain`). */
export interface GoogleCustomer {
  id: string;
  customerDomain: string;
}

/** A page of any Google list method. */
interface Page {
  nextPageToken?: string | null;
}

type Query = Record<string, string | number | boolean | undefined>;

/** Where Google's APIs live (the discovery documents' rootUrl plus servicePath). */
export const GOOGLE_API = {
  directory: 'https://admin.googleapis.com/admin/directory/v1',
  reports: 'https://admin.googleapis.com/admin/reports/v1',
  cloudIdentity: 'https://cloudidentity.googleapis.com/v1',
  licensing: 'https://licensing.googleapis.com/apps/licensing/v1',
} as const;

/**
 * One dataset's connection to Google's REST APIs through the auth client's own `request` (gaxios):
 * tenant-audit's retry policy through gaxios's retryConfig hooks (429, 403 rate limits, 5xx,
 * resets and timed-out attempts, Retry-After honoured, within the request's time budget, every
 * wait ending when the caller aborts), a per-attempt timeout, paging guards, and a count of the
 * HTTP requests sent (retries included, token requests not).
 */
export class GoogleSession {
  readonly auth: RequestingClient;
  readonly customerId: string;
  readonly resolveTxt: ResolveTxt | undefined;
  readonly signal: AbortSignal | undefined;
  private readonly settings: RetrySettings;
  private readonly timeoutMs: number;
  private readonly maxPages: number;
  private readonly secrets: SecretScope | undefined;
  private readonly shared: AuditMemo | undefined;
  private requests = 0;
  private retries = 0;
  private waited = 0;
  private customerAnswer: Promise<GoogleCustomer> | undefined;
  private readonly fetch: typeof fetch;

  constructor(options: GoogleSessionOptions) {
    this.auth = options.auth;
    this.customerId = options.customerId;
    this.signal = options.signal;
    this.resolveTxt = options.resolveTxt;
    this.settings = { ...DEFAULT_RETRY_SETTINGS, ...options.retry };
    this.timeoutMs = options.timeoutMs;
    this.maxPages = options.maxPages ?? DEFAULT_GOOGLE_MAX_PAGES;
    this.secrets = options.secrets;
    this.shared = options.shared;
    this.fetch = gatedFetch(options.gate);
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

  /** GET a JSON resource. */
  async get<T>(url: string, query: Query = {}): Promise<T> {
    const target = new URL(url);
    for (const [name, value] of Object.entries(query)) if (value !== undefined) target.searchParams.set(name, String(value));
    const signal = this.signal;
    const settings = this.settings;
    let wait = 0;
    // gaxios's own timeOfFirstRequest is taken at the first failure, not the first attempt.
    const started = Date.now();
    const response = await this.auth.request<T>({
      url: target.href,
      method: 'GET',
      responseType: 'json',
      timeout: this.timeoutMs,
      // The platform's fetch, as every client of tenant-audit uses (gaxios defaults to node-fetch).
      fetchImplementation: this.fetch,
      ...(signal ? { signal } : {}),
      // Called once per HTTP attempt: counts retries too, and sees the bearer token to redact.
      adapter: (prepared: { headers?: Headers | Record<string, string> }, send: (prepared: unknown) => Promise<unknown>) => {
        this.requests += 1;
        const headers = prepared.headers;
        const authorization = headers instanceof Headers ? headers.get('authorization') : headers?.authorization ?? headers?.Authorization;
        this.secrets?.add(authorization?.replace(/^Bearer\s+/i, ''));
        return send(prepared);
      },
      // A fresh retryConfig per request: gaxios keeps its attempt count and start time in it.
      retryConfig: {
        retry: Number.MAX_SAFE_INTEGER,
        noResponseRetries: Number.MAX_SAFE_INTEGER,
        httpMethodsToRetry: ['GET'],
        shouldRetry: (error: { config: { retryConfig?: { currentRetryAttempt?: number } } }) => {
          if (signal?.aborted) return false;
          const retryConfig = error.config.retryConfig ?? {};
          const failure = googleFailureOf(error);
          let outcome: AttemptOutcome | undefined;
          if (failure) outcome = { kind: 'answer', status: failure.status, retryAfter: failure.retryAfter, retryable: isRetryable(failure) };
          else if (isTimeoutOrAbort(error)) outcome = { kind: 'timeout' };
          else if (isNetworkError(error)) outcome = { kind: 'network' };
          if (!outcome) return false;
          const next = nextRetryDelay(outcome, retryConfig.currentRetryAttempt ?? 0, Date.now() - started, settings);
          if (next === undefined) return false;
          wait = next;
          return true;
        },
        retryBackoff: async () => {
          this.retries += 1;
          this.waited += wait;
          await sleep(wait, signal);
        },
      },
    });
    return response.data;
  }

  /**
   * customers.get for the target's customer: its id and primary domain. Asked once per audit when
   * the session has the audit's shared answers (the request is counted by the dataset that asked
   * first), else once per session.
   */
  customer(): Promise<GoogleCustomer> {
    const ask = async (): Promise<GoogleCustomer> => {
      const data = await this.get<Partial<GoogleCustomer>>(`${GOOGLE_API.directory}/customers/${encodeURIComponent(this.customerId)}`, { fields: 'id,customerDomain' });
      if (!data.id || !data.customerDomain) throw new GoogleDatasetError({ kind: 'schema', detail: 'customers.get answered without id or customerDomain' });
      return { id: data.id, customerDomain: data.customerDomain };
    };
    this.customerAnswer ??= this.shared ? this.shared.once(`google:customers.get:${this.customerId}`, ask) : ask();
    return this.customerAnswer;
  }

  /**
   * Every page of a list method, following `nextPageToken`. A repeated page token is an error
   * (paging would not end), and more than the page cap fails the dataset rather than truncating
   * it silently, unless the caller bounds the read on purpose with `maxPages` (then `truncated`).
   */
  async allPages<P extends Page>(url: string, query: Query, maxPages?: number): Promise<{ pages: P[]; truncated: boolean }> {
    const pages: P[] = [];
    const seen = new Set<string>();
    let token: string | undefined;
    do {
      if (maxPages !== undefined && pages.length >= maxPages) return { pages, truncated: true };
      if (pages.length >= this.maxPages) throw new GoogleDatasetError({ kind: 'api', detail: `${listName(url)}: paging did not end after ${this.maxPages} pages (the page cap)` });
      const data = await this.get<P>(url, { ...query, ...(token ? { pageToken: token } : {}) });
      if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new GoogleDatasetError({ kind: 'schema', detail: `${listName(url)} answered with something that is not a JSON object` });
      pages.push(data);
      const next = data.nextPageToken;
      if (next !== undefined && next !== null && typeof next !== 'string') throw new GoogleDatasetError({ kind: 'schema', detail: `${listName(url)} answered a nextPageToken that is not a string` });
      token = next || undefined;
      if (token !== undefined) {
        if (seen.has(token)) throw new GoogleDatasetError({ kind: 'api', detail: `${listName(url)} answered a nextPageToken it had already given: paging would not end` });
        seen.add(token);
      }
    } while (token);
    return { pages, truncated: false };
  }
}

/** "GET admin/directory/v1/users" for a reason, without the query. */
function listName(url: string): string {
  const parsed = new URL(url);
  return `GET ${parsed.host}${parsed.pathname}`;
}
