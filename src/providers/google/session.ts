import type { admin_directory_v1, admin_reports_v1, GlobalOptions, MethodOptions } from '@googleapis/admin';
import type { cloudidentity_v1 } from '@googleapis/cloudidentity';
import type { AuthClient, GoogleAuth } from 'google-auth-library';
import { retryAfterMs, sleep } from '../../core/retry.js';
import type { RequestingClient } from './auth.js';
import { googleFailureOf, isRetryable, isTimeoutOrAbort } from './errors.js';

/** How throttled and failed requests are retried (gaxios's own retry loop, with our policy). */
export interface RetryPolicy {
  /** Retries per request after the first attempt. */
  retries: number;
  /** First backoff when Google sends no Retry-After; doubles each retry, with jitter. */
  baseDelayMs: number;
  /** Cap of one computed backoff. */
  maxDelayMs: number;
  /** Cap of a Retry-After Google asks for. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 4, baseDelayMs: 1_000, maxDelayMs: 32_000, maxRetryAfterMs: 60_000 };

/** A TXT lookup: the record's character strings per record (node:dns `resolveTxt`). */
export type ResolveTxt = (name: string) => Promise<string[][]>;

export interface GoogleSessionOptions {
  auth: AuthClient | GoogleAuth;
  /** `my_customer` or a customer id such as `C0abc123`. */
  customerId: string;
  /** Per-request timeout (ms). */
  timeoutMs: number;
  signal?: AbortSignal;
  retry?: Partial<RetryPolicy>;
  /** DNS TXT lookups for the mail DNS dataset (tests inject one; there is no DNS there). */
  resolveTxt?: ResolveTxt;
}

/** The customer as customers.get answers it (with the fields mask `id,customerDomain`). */
export interface GoogleCustomer {
  id: string;
  customerDomain: string;
}

type AdminModule = typeof import('@googleapis/admin');
type CloudIdentityModule = typeof import('@googleapis/cloudidentity');
// Loaded on first use: a run that never touches Google does not pay for the API packages.
let adminModule: Promise<AdminModule> | undefined;
let cloudIdentityModule: Promise<CloudIdentityModule> | undefined;

/** A page of any Google list method. */
interface Page {
  nextPageToken?: string | null;
}

/**
 * One dataset's connection to Google: the auth client, per-request timeout, the caller's signal,
 * bounded jittered retries that honour Retry-After, and a count of the HTTP requests sent
 * (retries included, token requests not).
 */
export class GoogleSession {
  readonly auth: AuthClient | GoogleAuth;
  readonly customerId: string;
  readonly retry: RetryPolicy;
  readonly resolveTxt: ResolveTxt | undefined;
  readonly signal: AbortSignal | undefined;
  private requests = 0;
  private readonly options: MethodOptions;
  private customerAnswer: Promise<GoogleCustomer> | undefined;

  constructor(options: GoogleSessionOptions) {
    this.auth = options.auth;
    this.customerId = options.customerId;
    this.signal = options.signal;
    this.resolveTxt = options.resolveTxt;
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    const policy = this.retry;
    const signal = options.signal;
    this.options = {
      timeout: options.timeoutMs,
      ...(signal ? { signal } : {}),
      // Called once per HTTP attempt, so retries are counted too.
      adapter: (prepared, send) => {
        this.requests += 1;
        return send(prepared);
      },
      retryConfig: {
        retry: policy.retries,
        httpMethodsToRetry: ['GET'],
        shouldRetry: (error) => {
          const attempt = error.config.retryConfig?.currentRetryAttempt ?? 0;
          if (attempt >= policy.retries || signal?.aborted) return false;
          if ((error.config.method ?? 'GET').toUpperCase() !== 'GET') return false;
          const failure = googleFailureOf(error);
          if (failure) return isRetryable(failure);
          // No answer: retry connection failures twice, but not our own timeout or an abort.
          return attempt < 2 && !isTimeoutOrAbort(error);
        },
        retryBackoff: async (error) => {
          const attempt = error.config.retryConfig?.currentRetryAttempt ?? 1;
          const asked = retryAfterMs(googleFailureOf(error)?.retryAfter);
          const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
          // Full jitter on our own backoff, so parallel collectors do not retry in lockstep.
          const wait = asked !== undefined ? Math.min(asked, policy.maxRetryAfterMs) : exponential / 2 + Math.random() * (exponential / 2);
          await sleep(wait, signal);
        },
      },
    };
  }

  /** HTTP requests sent so far, retries included. */
  get requestCount(): number {
    return this.requests;
  }

  /** Options for the API clients and plain REST calls (timeout, signal, retry, counting). */
  private clientOptions(): GlobalOptions {
    // googleapis-common types `auth` narrower than it takes: any client with request() works.
    return { ...this.options, auth: this.auth as GlobalOptions['auth'] };
  }

  /** The Admin SDK Directory API client. */
  async directory(): Promise<admin_directory_v1.Admin> {
    adminModule ??= import('@googleapis/admin');
    const { admin } = await adminModule;
    return admin({ version: 'directory_v1', ...this.clientOptions() });
  }

  /** The Admin SDK Reports API client. */
  async reports(): Promise<admin_reports_v1.Admin> {
    adminModule ??= import('@googleapis/admin');
    const { admin } = await adminModule;
    return admin({ version: 'reports_v1', ...this.clientOptions() });
  }

  /** The Cloud Identity API client (Policy API). */
  async cloudIdentity(): Promise<cloudidentity_v1.Cloudidentity> {
    cloudIdentityModule ??= import('@googleapis/cloudidentity');
    const { cloudidentity } = await cloudIdentityModule;
    return cloudidentity({ version: 'v1', ...this.clientOptions() });
  }

  /** GET a JSON resource through the auth client (for APIs without a per-API package, e.g. Licensing). */
  async getJson<T>(url: string, query: Record<string, string | number | undefined>): Promise<T> {
    const target = new URL(url);
    for (const [name, value] of Object.entries(query)) if (value !== undefined) target.searchParams.set(name, String(value));
    const response = await (this.auth as unknown as RequestingClient).request<T>({ ...this.options, url: target.href, method: 'GET', responseType: 'json' });
    return response.data;
  }

  /** customers.get for the target's customer (once per session): its id and primary domain. */
  customer(): Promise<GoogleCustomer> {
    this.customerAnswer ??= (async () => {
      const directory = await this.directory();
      const { data } = await directory.customers.get({ customerKey: this.customerId, fields: 'id,customerDomain' });
      if (!data.id || !data.customerDomain) throw new Error('customers.get answered without id or customerDomain');
      return { id: data.id, customerDomain: data.customerDomain };
    })();
    return this.customerAnswer;
  }

  /**
   * Fetch every page of a list method, following `nextPageToken` (or stop after `maxPages`,
   * then `truncated` is true).
   */
  async allPages<P extends Page>(fetchPage: (pageToken: string | undefined) => Promise<{ data: P }>, maxPages = Number.POSITIVE_INFINITY): Promise<{ pages: P[]; truncated: boolean }> {
    const pages: P[] = [];
    let token: string | undefined;
    do {
      if (pages.length >= maxPages) return { pages, truncated: true };
      const { data } = await fetchPage(token);
      pages.push(data);
      token = data.nextPageToken || undefined;
    } while (token);
    return { pages, truncated: false };
  }
}
