import type { Reason } from '../../core/model.js';
import type { Requirement } from '../../core/permissions.js';
import { GoogleAuthFailure, safeMessage, tokenEndpointReason } from './auth-errors.js';

/** A Google API a collector calls, with the name the Cloud console's API library uses. */
export interface GoogleApiInfo {
  title: string;
  service: string;
}

/** The APIs tenant-audit calls; each must be enabled in the Cloud project of the service account. */
export const GOOGLE_APIS = {
  admin: { title: 'Admin SDK API', service: 'admin.googleapis.com' },
  cloudIdentity: { title: 'Cloud Identity API', service: 'cloudidentity.googleapis.com' },
  licensing: { title: 'Enterprise License Manager API', service: 'licensing.googleapis.com' },
} as const satisfies Record<string, GoogleApiInfo>;

/** A failure that already knows its dataset reason. */
export class GoogleDatasetError extends Error {
  override readonly name = 'GoogleDatasetError';
  constructor(readonly reason: Reason) {
    super(reason.detail);
  }
}

/** A Google error answer as data (from the JSON error body of any Google API). */
export interface GoogleFailure {
  status: number;
  /** `errors[0].reason` (Admin SDK style), else the ErrorInfo reason, else the canonical status. */
  code: string;
  message: string;
  /** Every machine-readable reason the body carries (legacy `errors[].reason` and `ErrorInfo.reason`). */
  reasons: string[];
  /** The service named by an ErrorInfo (e.g. `admin.googleapis.com` for SERVICE_DISABLED). */
  service?: string;
  retryAfter?: string;
}

interface GoogleErrorBody {
  error?:
    | string
    | {
        code?: number;
        message?: string;
        status?: string;
        errors?: { reason?: string; message?: string; domain?: string }[];
        details?: { '@type'?: string; reason?: string; metadata?: Record<string, string> }[];
      };
  error_description?: string;
}

interface ErrorWithResponse {
  response?: { status?: number; data?: unknown; headers?: { get?(name: string): string | null } | Record<string, string> };
  config?: { url?: string | URL };
}

function header(headers: NonNullable<ErrorWithResponse['response']>['headers'], name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof headers.get === 'function') return headers.get(name) ?? undefined;
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  return typeof entry?.[1] === 'string' ? entry[1] : undefined;
}

function parseBody(data: unknown): GoogleErrorBody {
  if (typeof data === 'string') {
    try {
      return JSON.parse(data) as GoogleErrorBody;
    } catch {
      return {};
    }
  }
  return typeof data === 'object' && data !== null ? (data as GoogleErrorBody) : {};
}

/** The parsed Google error of a failed request (gaxios error), or undefined when no answer came. */
export function googleFailureOf(error: unknown): GoogleFailure | undefined {
  const response = (error as ErrorWithResponse | null)?.response;
  if (!response || typeof response.status !== 'number') return undefined;
  const body = parseBody(response.data);
  const retryAfter = header(response.headers, 'retry-after');
  const extra = retryAfter ? { retryAfter } : {};
  if (typeof body.error === 'string') {
    // The OAuth token endpoint's shape: { error, error_description }.
    return { status: response.status, code: body.error, message: body.error_description ?? '', reasons: [body.error], ...extra };
  }
  const detail = body.error;
  const legacy = (detail?.errors ?? []).map((item) => item.reason).filter((reason): reason is string => !!reason);
  const info = (detail?.details ?? []).filter((item) => item['@type']?.endsWith('google.rpc.ErrorInfo'));
  const infoReasons = info.map((item) => item.reason).filter((reason): reason is string => !!reason);
  const service = info.find((item) => item.metadata?.service)?.metadata?.service;
  return {
    status: response.status,
    code: legacy[0] ?? infoReasons[0] ?? detail?.status ?? `HTTP${response.status}`,
    message: detail?.message ?? '',
    reasons: [...legacy, ...infoReasons, ...(detail?.status ? [detail.status] : [])],
    ...(service ? { service } : {}),
    ...extra,
  };
}

/** Reasons Google gives for throttling; 403 with these is a rate limit, not a refusal. */
const RATE_LIMIT_REASONS = new Set(['userRateLimitExceeded', 'rateLimitExceeded', 'RATE_LIMIT_EXCEEDED', 'RESOURCE_EXHAUSTED']);

/**
 * A throttling answer: 429, or a 403 whose reason (or, for bodies without a legacy `errors[]`
 * list, whose message "User Rate Limit Exceeded") says so.
 */
export function isRateLimit(failure: GoogleFailure): boolean {
  if (failure.status === 429) return true;
  if (failure.status !== 403) return false;
  return failure.reasons.some((reason) => RATE_LIMIT_REASONS.has(reason)) || /\brate limit exceeded\b/i.test(failure.message);
}

/** True for answers worth retrying after a pause: 429, 403 rate limits, and 5xx. */
export function isRetryable(failure: GoogleFailure): boolean {
  return failure.status >= 500 || isRateLimit(failure);
}

/**
 * True when a request ended by a timeout or abort signal rather than an answer. gaxios wraps the
 * fetch error: native fetch names it `TimeoutError`/`AbortError` (copied to `code`), node-fetch
 * throws an `AbortError` without a code, so look at the cause too.
 */
export function isTimeoutOrAbort(error: unknown): boolean {
  const names = new Set(['AbortError', 'TimeoutError']);
  const candidate = error as { name?: unknown; code?: unknown; cause?: { name?: unknown; code?: unknown } } | null;
  return [candidate?.name, candidate?.code, candidate?.cause?.name, candidate?.cause?.code].some((value) => typeof value === 'string' && names.has(value));
}

function isTokenEndpoint(error: unknown): boolean {
  const url = (error as ErrorWithResponse | null)?.config?.url;
  return typeof url !== 'undefined' && String(url).startsWith('https://oauth2.googleapis.com/token');
}

/** What a collector tells the error mapping about itself and the target. */
export interface GoogleErrorContext {
  api: GoogleApiInfo;
  requirements: readonly Requirement[];
  /** The impersonated administrator, when known. */
  subject?: string;
  /** The service-account key's client ID, to name in domain-wide delegation fixes. */
  clientId?: string;
  /** Only super administrators can read this API (the Policy API). */
  superAdminOnly?: boolean;
  /** Why a super administrator is needed, when it is not the Policy API's rule. */
  superAdminWhy?: string;
  /** The admin privilege a delegated administrator needs instead (e.g. `Users > Read`). */
  privilege?: string;
  /** The caller's signal: an abort then means cancelled, not a failure. */
  signal?: AbortSignal;
  /** How many retries were made before giving up on throttling. */
  retries?: number;
}

function scopesOf(requirements: readonly Requirement[]): string[] {
  return requirements.filter((r) => r.kind === 'google-scope' && !r.optional).map((r) => r.name);
}

function said(failure: GoogleFailure): string {
  return `${failure.status} ${failure.code}${failure.message ? `: ${failure.message}` : ''}`;
}

/**
 * Map a failed Google call to a dataset reason naming the fix:
 * token endpoint `unauthorized_client` → the domain-wide delegation entry to add;
 * 403 `accessNotConfigured`/`SERVICE_DISABLED` → the API to enable in the Cloud project;
 * 403 insufficient scopes → the scope; other 403 ("Not Authorized to access this resource/api")
 * → the subject is not an administrator with the privilege (a super administrator for the Policy API);
 * 429 and 403 rate limits (after the retries) → api.
 */
export function reasonFromGoogleError(error: unknown, context: GoogleErrorContext): Reason {
  if (error instanceof GoogleDatasetError || error instanceof GoogleAuthFailure) return error.reason;
  if (context.signal?.aborted) return { kind: 'cancelled', detail: 'the request was cancelled' };
  const failure = googleFailureOf(error);
  if (!failure) {
    if (isTimeoutOrAbort(error)) return { kind: 'api', detail: `the request to the ${context.api.title} timed out (after its retries)`, transient: true };
    return { kind: 'api', detail: `the ${context.api.title} did not answer (${safeMessage(error)})`, transient: true };
  }
  const ids = { status: failure.status, code: failure.code };

  // The token endpoint's own errors (JWT bearer grant of a service-account key).
  if (isTokenEndpoint(error) || failure.reasons.includes('unauthorized_client') || failure.reasons.includes('invalid_grant')) {
    const requested = scopesOf(context.requirements);
    return tokenEndpointReason(failure.status, failure.code, failure.message, context.clientId ? { clientId: context.clientId } : {}, requested.length ? requested : undefined);
  }

  const scopes = scopesOf(context.requirements);
  if (failure.status === 403 || failure.status === 401) {
    if (failure.reasons.includes('accessNotConfigured') || failure.reasons.includes('SERVICE_DISABLED')) {
      const service = failure.service ?? context.api.service;
      const title = Object.values(GOOGLE_APIS).find((api) => api.service === service)?.title ?? context.api.title;
      return {
        kind: 'permission',
        detail: `the ${title} (${service}) is not enabled in the service account's Google Cloud project (${said(failure)}): enable it under APIs & Services > Library`,
        needs: [`${title} (${service}) enabled in the Google Cloud project`],
        ...ids,
      };
    }
    if (
      failure.reasons.includes('ACCESS_TOKEN_SCOPE_INSUFFICIENT') ||
      failure.reasons.includes('insufficientPermissions') ||
      /insufficient (authentication )?scopes/i.test(failure.message)
    ) {
      return {
        kind: 'permission',
        detail: `the access token lacks the scope ${scopes.join(', ')} (${said(failure)}): add it to the auth client's scopes and to its domain-wide delegation entry`,
        needs: scopes.map((scope) => `Google OAuth scope ${scope}`),
        ...ids,
      };
    }
    if (isRateLimit(failure)) return rateLimited(failure, context);
    if (failure.status === 401) {
      return {
        kind: 'credential',
        detail: `Google rejected the credentials (${said(failure)}): check the auth client or the service-account key`,
        ...ids,
      };
    }
    const who = context.subject ?? 'the impersonated user';
    const role = context.superAdminOnly
      ? `${who} must be a super administrator: ${context.superAdminWhy ?? `the Policy API (${context.api.title}) answers only to super administrators`}`
      : `${who} must be a super administrator (or hold an admin role with the ${context.privilege ?? 'read'} privilege)`;
    return {
      kind: 'permission',
      detail: `Google refused access (${said(failure)}): ${role}`,
      needs: [context.superAdminOnly ? `${who} as a super administrator` : `${who} as an administrator with ${context.privilege ?? 'read'} privilege`],
      ...ids,
    };
  }
  if (failure.status === 429) return rateLimited(failure, context);
  return { kind: 'api', detail: `the ${context.api.title} answered ${said(failure)}`, ...ids, ...(failure.status >= 500 ? { transient: true } : {}) };
}

function rateLimited(failure: GoogleFailure, context: GoogleErrorContext): Reason {
  const tries = context.retries === undefined ? '' : ` after ${context.retries} retries`;
  return {
    kind: 'api',
    detail: `the ${context.api.title} kept throttling the requests${tries} (${said(failure)}); run again later or with lower concurrency`,
    status: failure.status,
    code: failure.code,
    transient: true,
  };
}
