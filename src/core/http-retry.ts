import { retryAfterMs } from './retry.js';

// One retry policy for every HTTP client tenant-audit uses (Microsoft Graph, the Exchange Online
// admin API, Google's APIs): each client wires it through its library's own hook (the Graph
// client's middleware chain, core-rest-pipeline's retry strategy, gaxios's retryConfig).

/** How throttled, failed and timed-out requests are retried. */
export interface RetrySettings {
  /**
   * How long one request may keep retrying, waits included, from its first attempt. A budget
   * rather than a count: five short 429s in a row are waited out, one 10-minute Retry-After is not.
   */
  budgetMs: number;
  /** First backoff when the service names no wait; doubles per retry, with full jitter. */
  baseDelayMs: number;
  /** Longest computed backoff. */
  maxDelayMs: number;
  /** Longest Retry-After honoured; a longer one ends the retries and the answer stands. */
  maxRetryAfterMs: number;
}

/** The defaults: three minutes of retrying per request, 1 s doubling to 32 s, Retry-After up to 2 minutes. */
export const DEFAULT_RETRY_SETTINGS: RetrySettings = { budgetMs: 180_000, baseDelayMs: 1_000, maxDelayMs: 32_000, maxRetryAfterMs: 120_000 };

/** Statuses that say "try again later": throttling, unavailable, gateway timeout. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 503, 504]);

/** What one attempt came to, as the policy needs to know it. */
export type AttemptOutcome =
  | { kind: 'answer'; status: number; retryAfter?: string | null | undefined; retryable?: boolean }
  | { kind: 'network' }
  | { kind: 'timeout' };

/**
 * Network failures worth retrying: the connection was reset, refused or dropped, or the name did
 * not resolve for now. Recognised by their Node error codes, which fetch, https and gaxios keep
 * (on the error or its cause).
 */
export function isNetworkError(error: unknown): boolean {
  const codes = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'ERR_STREAM_PREMATURE_CLOSE']);
  for (let current: unknown = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth += 1) {
    const { code, name, message, type } = current as { code?: unknown; name?: unknown; message?: unknown; type?: unknown };
    if (typeof code === 'string' && codes.has(code)) return true;
    // node-fetch (under gaxios) reports socket failures as FetchError of type 'system'.
    if (name === 'FetchError' && type === 'system') return true;
    if (name === 'RestError' && code === 'REQUEST_SEND_ERROR') return true;
    // undici's fetch wraps every network failure as TypeError('fetch failed'); msw's simulated reset too.
    if (name === 'TypeError' && (message === 'fetch failed' || message === 'Failed to fetch' || message === 'Network error')) return true;
  }
  return false;
}

/** A full-jitter exponential backoff for the given retry number (0 for the first retry). */
export function backoffMs(retry: number, settings: RetrySettings, random: () => number = Math.random): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** retry);
  return ceiling / 2 + random() * (ceiling / 2);
}

/**
 * How long to wait before the next attempt, or undefined when the outcome stands: an answer that
 * is not retryable, a Retry-After beyond the cap, or a wait that would overrun the budget.
 * A Retry-After is honoured (plus up to 10% jitter, so parallel requests do not retry in step).
 */
export function nextRetryDelay(
  outcome: AttemptOutcome,
  retry: number,
  elapsedMs: number,
  settings: RetrySettings,
  random: () => number = Math.random,
): number | undefined {
  let wait: number;
  if (outcome.kind === 'answer') {
    // A client may mark more answers retryable than the common three (Google: 403 rate limits, 500 backendError).
    if (!RETRYABLE_STATUSES.has(outcome.status) && !outcome.retryable) return undefined;
    const asked = retryAfterMs(outcome.retryAfter ?? undefined);
    if (asked !== undefined && asked > settings.maxRetryAfterMs) return undefined;
    // Retry-After: 0 (or none) gets our backoff: a stream of zero waits would hammer the service.
    wait = asked ? asked + random() * asked * 0.1 : backoffMs(retry, settings, random);
  } else {
    wait = backoffMs(retry, settings, random);
  }
  return elapsedMs + wait > settings.budgetMs ? undefined : wait;
}
