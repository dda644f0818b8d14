import { GOOGLE_HOSTS } from '../google/handlers.js';
import { LOGIN_HOST } from '../m365/entra/discovery.js';
import { adminEndpointOf } from '../m365/exchange/dispatch.js';
import { GRAPH_ORIGIN } from '../m365/graph/http.js';
import { safeDecode } from '../shared.js';
import type { NetworkOptions, NetworkService, RequestMatcher } from './model.js';

const GRAPH_HOST = new URL(GRAPH_ORIGIN).host;
const GOOGLE_TOKEN_HOST = 'oauth2.googleapis.com';
const GOOGLE_IAM_HOST = 'iamcredentials.googleapis.com';

/**
 * Which simulated service a URL belongs to, from the same host lists the service handlers use;
 * `null` for a URL no simulator answers (the layer leaves those to msw's unhandled-request error).
 */
export function simulatedServiceOf(url: URL): NetworkService | null {
  const host = url.hostname.toLowerCase();
  if (host === GRAPH_HOST) return 'graph';
  if (host === LOGIN_HOST) return 'entra';
  if (adminEndpointOf(host) !== null) return /^\/adminapi\//i.test(url.pathname) ? 'exchange' : null;
  if (host === GOOGLE_TOKEN_HOST) return 'google-token';
  if (GOOGLE_HOSTS.includes(host)) return 'google-api';
  return null;
}

/**
 * Whether a request is part of getting a token: anything on login.microsoftonline.com (the token
 * endpoint and the discovery documents MSAL reads first), Google's OAuth token endpoint, and IAM
 * Credentials (`signJwt`, the keyless way to a Google token).
 */
export function isTokenEndpoint(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  return host === LOGIN_HOST || host === GOOGLE_TOKEN_HOST || host === GOOGLE_IAM_HOST;
}

/** The decoded path and query a RegExp matcher is tested on. */
function pathAndQuery(url: URL): string {
  return `${safeDecode(url.pathname)}${url.search === '' ? '' : `?${safeDecode(url.search.slice(1))}`}`;
}

/** Whether `pattern` (a {@link RequestMatcher.path}) matches the URL. */
export function pathMatches(pattern: string | RegExp, url: URL, service: NetworkService): boolean {
  if (pattern instanceof RegExp) {
    pattern.lastIndex = 0;
    return pattern.test(pathAndQuery(url));
  }
  const wanted = `/${pattern.replace(/^\/+/, '')}`.toLowerCase();
  const path = safeDecode(url.pathname).toLowerCase();
  if (wanted === path) return true;
  // Graph paths may be given below the version, as the request log writes them.
  return service === 'graph' && path.replace(/^\/(v1\.0|beta)(?=\/|$)/, '') === wanted;
}

function hostMatches(pattern: string | RegExp, host: string): boolean {
  if (typeof pattern === 'string') return pattern.toLowerCase() === host;
  pattern.lastIndex = 0;
  return pattern.test(host);
}

/**
 * Whether a matcher selects the request. `cmdlet` is the Exchange body's cmdlet, read beforehand
 * when some rule names one (`null` otherwise).
 */
export function requestMatches(matcher: RequestMatcher, method: string, url: URL, service: NetworkService, cmdlet: string | null): boolean {
  if (matcher.method !== undefined && matcher.method.toUpperCase() !== method) return false;
  if (matcher.service !== undefined && matcher.service !== service) return false;
  if (matcher.host !== undefined && !hostMatches(matcher.host, url.hostname.toLowerCase())) return false;
  if (matcher.path !== undefined && !pathMatches(matcher.path, url, service)) return false;
  if (matcher.cmdlet !== undefined && (service !== 'exchange' || cmdlet?.toLowerCase() !== matcher.cmdlet.toLowerCase())) return false;
  return true;
}

/** Whether random faults may hit this request (the `services`, `hosts`, `paths`, `tokenEndpoints` options). */
export function inFaultScope(options: NetworkOptions, url: URL, service: NetworkService): boolean {
  const token = isTokenEndpoint(url);
  const tokenEndpoints = options.tokenEndpoints ?? true;
  if (tokenEndpoints === false && token) return false;
  if (tokenEndpoints === 'only' && !token) return false;
  if (options.services !== undefined && !options.services.includes(service)) return false;
  const host = url.hostname.toLowerCase();
  if (options.hosts !== undefined && !options.hosts.some((pattern) => hostMatches(pattern, host))) return false;
  if (options.paths !== undefined && !options.paths.some((pattern) => pathMatches(pattern, url, service))) return false;
  return true;
}

/** The `CmdletInput.CmdletName` of an Exchange admin API body, or `null`. */
export async function cmdletOfRequest(request: Request): Promise<string | null> {
  if (request.method.toUpperCase() === 'GET' || request.method.toUpperCase() === 'HEAD') return null;
  try {
    const body: unknown = JSON.parse(await request.clone().text());
    const input = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['CmdletInput'] : undefined;
    const name = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)['CmdletName'] : undefined;
    return typeof name === 'string' ? name.trim() : null;
  } catch {
    return null;
  }
}
