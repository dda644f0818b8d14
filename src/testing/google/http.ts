import type { GoogleApiService } from './model.js';

/** A JSON value as Google sends it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/** What a simulated Google endpoint answers. */
export interface GoogleResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON, or text for the rare non-JSON answer; `undefined` for none. */
  body: Json | undefined;
  /** Send `body` as this text instead of JSON (e.g. Google's HTML 404 page). */
  text?: string;
}

/**
 * The two error dialects Google's front end speaks. `apiary`: the Admin SDK and Licensing (older
 * APIs), whose error bodies keep the legacy `errors[]` list of `{message, domain, reason}` next to
 * `status`. `oneplatform`: Cloud Identity and IAM Credentials, whose bodies have `status` and
 * `details[]` but no `errors[]` (e.g. the Policy API's 403 quoted in GAM-team/GAM#1796:
 * `{"error":{"code":403,"message":"The caller does not have permission","status":"PERMISSION_DENIED"}}`).
 */
export type ErrorDialect = 'apiary' | 'oneplatform';

/** google.rpc.Code names by HTTP status, as Google's JSON errors carry them in `status`. */
const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
};

/** The headers Google's front end puts on JSON answers. */
export function jsonHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { 'Content-Type': 'application/json; charset=UTF-8', Vary: 'Origin, X-Origin, Referer', Server: 'ESF', ...extra };
}

/** A 200 JSON answer. */
export function ok(body: Json): GoogleResponse {
  return { status: 200, headers: jsonHeaders(), body };
}

/** One entry of the legacy `errors[]` list. */
export interface LegacyErrorItem {
  message: string;
  domain: string;
  reason: string;
  location?: string;
  locationType?: string;
  extendedHelp?: string;
}

/** Options for {@link googleError}. */
export interface GoogleErrorOptions {
  dialect: ErrorDialect;
  status: number;
  message: string;
  /** The legacy `errors[]` entry (apiary dialect only); defaults to `{message, domain: 'global', reason}`. */
  item?: Partial<LegacyErrorItem> & { reason: string };
  /** `details[]` (google.rpc status details, e.g. ErrorInfo). */
  details?: Json[];
  /** Overrides the google.rpc code name. */
  statusName?: string;
  headers?: Record<string, string>;
}

/** An error answer in Google's JSON error format. */
export function googleError(options: GoogleErrorOptions): GoogleResponse {
  const error: JsonObject = { code: options.status, message: options.message };
  if (options.dialect === 'apiary' && options.item) {
    const item: JsonObject = { message: options.item.message ?? options.message, domain: options.item.domain ?? 'global', reason: options.item.reason };
    if (options.item.location !== undefined) item['location'] = options.item.location;
    if (options.item.locationType !== undefined) item['locationType'] = options.item.locationType;
    if (options.item.extendedHelp !== undefined) item['extendedHelp'] = options.item.extendedHelp;
    error['errors'] = [item];
  }
  error['status'] = options.statusName ?? STATUS_NAMES[options.status] ?? 'UNKNOWN';
  if (options.details && options.details.length > 0) error['details'] = options.details;
  return { status: options.status, headers: jsonHeaders(options.headers), body: { error } };
}

/** Google's title for each API, as its `accessNotConfigured` messages name it. */
export const SERVICE_TITLES: Record<GoogleApiService, string> = {
  'admin.googleapis.com': 'Admin SDK API',
  'cloudidentity.googleapis.com': 'Cloud Identity API',
  'licensing.googleapis.com': 'Enterprise License Manager API',
  'iamcredentials.googleapis.com': 'IAM Service Account Credentials API',
};

function errorInfo(reason: string, domain: string, metadata: Record<string, string>): Json {
  return { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, domain, metadata };
}

/**
 * 401 without an `Authorization` header. Google's answer (seen across its APIs):
 * "Request is missing required authentication credential. ...", legacy reason `required`,
 * ErrorInfo `CREDENTIALS_MISSING`.
 */
export function missingCredentials(dialect: ErrorDialect, service: GoogleApiService, method: string): GoogleResponse {
  return googleError({
    dialect,
    status: 401,
    message:
      'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    item: { message: 'Login Required.', reason: 'required', location: 'Authorization', locationType: 'header' },
    details: [errorInfo('CREDENTIALS_MISSING', 'googleapis.com', { service, method })],
    headers: { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/"' },
  });
}

/** 401 for a token Google did not issue, or one that expired: "Request had invalid authentication credentials. ...", reason `authError`. */
export function invalidCredentials(dialect: ErrorDialect, expired: boolean): GoogleResponse {
  return googleError({
    dialect,
    status: 401,
    message:
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    item: { message: 'Invalid Credentials', reason: 'authError', location: 'Authorization', locationType: 'header' },
    ...(expired ? { details: [errorInfo('ACCESS_TOKEN_EXPIRED', 'googleapis.com', {})] } : {}),
    headers: { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
  });
}

/**
 * 403 when the token lacks every scope the method accepts: "Request had insufficient
 * authentication scopes.", legacy reason `insufficientPermissions` ("Insufficient Permission"),
 * ErrorInfo `ACCESS_TOKEN_SCOPE_INSUFFICIENT` (the reasons clients match on, e.g. in the Go and
 * Python clients' scope checks).
 */
export function insufficientScopes(dialect: ErrorDialect, service: GoogleApiService, method: string, acceptedScopes: readonly string[]): GoogleResponse {
  return googleError({
    dialect,
    status: 403,
    message: 'Request had insufficient authentication scopes.',
    item: { message: 'Insufficient Permission', reason: 'insufficientPermissions' },
    details: [errorInfo('ACCESS_TOKEN_SCOPE_INSUFFICIENT', 'googleapis.com', { service, method })],
    headers: { 'WWW-Authenticate': `Bearer realm="https://accounts.google.com/", error="insufficient_scope", scope="${acceptedScopes.join(' ')}"` },
  });
}

/**
 * 403 from the Admin SDK (and Licensing) when the impersonated user is not an admin or lacks the
 * privilege: "Not Authorized to access this resource/api", reason `forbidden` (quoted in many
 * issues, e.g. googleapis/google-api-nodejs-client#243 and #1884).
 */
export function notAuthorized(): GoogleResponse {
  return googleError({ dialect: 'apiary', status: 403, message: 'Not Authorized to access this resource/api', item: { reason: 'forbidden' } });
}

/** 403 from a OnePlatform API for a caller without permission (the Policy API for a non-super-admin; GAM-team/GAM#1796). */
export function callerLacksPermission(): GoogleResponse {
  return googleError({ dialect: 'oneplatform', status: 403, message: 'The caller does not have permission' });
}

/**
 * 403 `accessNotConfigured` / `SERVICE_DISABLED` when the API is not enabled in the service
 * account's project. Message as Google words it ("<API title> has not been used in project <n>
 * before or it is disabled. Enable it by visiting ... then retry. ...").
 */
export function serviceDisabled(dialect: ErrorDialect, service: GoogleApiService, projectNumber: string): GoogleResponse {
  const title = SERVICE_TITLES[service];
  const activationUrl = `https://console.developers.google.com/apis/api/${service}/overview?project=${projectNumber}`;
  const message = `${title} has not been used in project ${projectNumber} before or it is disabled. Enable it by visiting ${activationUrl} then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.`;
  return googleError({
    dialect,
    status: 403,
    message,
    item: { reason: 'accessNotConfigured', domain: 'usageLimits', extendedHelp: 'https://console.developers.google.com' },
    details: [
      errorInfo('SERVICE_DISABLED', 'googleapis.com', {
        service,
        consumer: `projects/${projectNumber}`,
        serviceTitle: title,
        activationUrl,
        containerInfo: projectNumber,
      }),
      {
        '@type': 'type.googleapis.com/google.rpc.Help',
        links: [{ description: 'Google developers console API activation', url: activationUrl }],
      },
    ],
  });
}

/**
 * 403 `userRateLimitExceeded`: the Admin SDK's per-user quota (Directory API "Limits and quotas":
 * 2,400 queries per minute per user per project; back off exponentially).
 */
export function userRateLimitExceeded(dialect: ErrorDialect): GoogleResponse {
  return googleError({ dialect, status: 403, message: 'User Rate Limit Exceeded', item: { reason: 'userRateLimitExceeded', domain: 'usageLimits' } });
}

/** 429 `RESOURCE_EXHAUSTED` (`rateLimitExceeded`, ErrorInfo `RATE_LIMIT_EXCEEDED`). */
export function rateLimited(dialect: ErrorDialect, service: GoogleApiService, projectNumber: string, retryAfterSeconds?: number): GoogleResponse {
  const message = `Quota exceeded for quota metric 'Queries' and limit 'Queries per minute per user' of service '${service}' for consumer 'project_number:${projectNumber}'.`;
  return googleError({
    dialect,
    status: 429,
    message,
    item: { reason: 'rateLimitExceeded' },
    details: [errorInfo('RATE_LIMIT_EXCEEDED', 'googleapis.com', { service, consumer: `projects/${projectNumber}`, quota_metric: `${service}/default`, quota_limit: 'defaultPerMinutePerUser' })],
    ...(retryAfterSeconds === undefined ? {} : { headers: { 'Retry-After': String(retryAfterSeconds) } }),
  });
}

/** 500 / 503 `backendError`. */
export function backendError(dialect: ErrorDialect, status: 500 | 503): GoogleResponse {
  return googleError({
    dialect,
    status,
    message: status === 503 ? 'The service is currently unavailable.' : 'Internal error encountered.',
    item: { reason: 'backendError' },
  });
}

/** 400 for a malformed request, with the legacy `errors[]` entry's reason and location when given. */
export function badRequest(dialect: ErrorDialect, message: string, reason = 'badRequest', location?: string): GoogleResponse {
  return googleError({
    dialect,
    status: 400,
    message,
    item: { reason, ...(location === undefined ? {} : { location, locationType: 'parameter' }) },
  });
}

/** A real operation the simulator does not serve: 501 so it never passes silently. */
export function notSimulated(dialect: ErrorDialect, what: string): GoogleResponse {
  return googleError({ dialect, status: 501, message: `tenant-audit simulator: ${what} is not simulated.`, item: { reason: 'notImplemented' } });
}

/** A path Google does not know: its front end's HTML 404. */
export function unknownPath(path: string): GoogleResponse {
  return {
    status: 404,
    headers: { 'Content-Type': 'text/html; charset=UTF-8' },
    body: undefined,
    text: `<!DOCTYPE html>\n<html lang=en>\n<title>Error 404 (Not Found)!!1</title>\n<p><b>404.</b> <ins>That’s an error.</ins>\n<p>The requested URL <code>${path}</code> was not found on this server.  <ins>That’s all we know.</ins>\n`,
  };
}

/** Converts a simulator answer to a fetch `Response` for msw. */
export function toFetchResponse(response: GoogleResponse): Response {
  const text = response.text ?? (response.body === undefined ? null : JSON.stringify(response.body));
  return new Response(text, { status: response.status, headers: response.headers });
}
