import { DEFAULT_SHARED_ACCOUNT_NAMES } from '../core/options.js';
import { CollectorFailure, type CollectContext } from './types.js';

/** A preflight answers in seconds: it retries briefly. */
const PREFLIGHT_RETRY = { budgetMs: 10_000, maxRetryAfterMs: 5_000 };

/** The context a preflight runs a collector in: default options, brief retries, few pages. */
export function preflightContext(options: { signal?: AbortSignal; timeoutMs: number }): CollectContext {
  return {
    now: new Date(),
    options: { sharedAccountNames: [...DEFAULT_SHARED_ACCOUNT_NAMES], breakGlassAccounts: [], signInLookbackDays: 1 },
    note: () => undefined,
    ...(options.signal ? { signal: options.signal } : {}),
    http: { timeoutMs: options.timeoutMs, retry: PREFLIGHT_RETRY, maxPages: 5 },
  };
}

/** What a failed preflight read says: the collector's reason, else the error's message. */
export function preflightReason(error: unknown): string {
  if (error instanceof CollectorFailure) return error.reason.detail;
  return error instanceof Error ? error.message : String(error);
}
