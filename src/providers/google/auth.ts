import { GoogleAuth, JWT, OAuth2Client, type AuthClient } from 'google-auth-library';
import type { Reason } from '../../core/model.js';
import { GoogleAuthFailure, safeMessage, tokenEndpointReason } from './auth-errors.js';
import { KeylessDelegation, type KeylessDelegationOptions } from './keyless.js';
import { GOOGLE_TOKEN_URL, GOOGLE_WORKSPACE_SCOPE_LIST, SCOPE_BASE } from './scopes.js';
import type { GoogleWorkspaceTarget, ServiceAccountKey } from './target.js';

/**
 * gaxios defaults to node-fetch over node:http; the platform's fetch (undici) pools and closes
 * connections itself and is what every other client of tenant-audit uses. Looked up at each call,
 * so that whatever wraps the global fetch (a proxy, a test's interceptor) is used.
 */
const PLATFORM_FETCH = { fetchImplementation: ((input, init) => globalThis.fetch(input, init)) as typeof fetch };
const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const IAM_CREDENTIALS_URL = 'https://iamcredentials.googleapis.com/v1';
const CLOUD_PLATFORM_SCOPE = `${SCOPE_BASE}cloud-platform`;
/** Google caps JWT bearer assertions (and so delegated tokens) at one hour. */
const MAX_ASSERTION_SECONDS = 3600;

/** What google-auth-library's own request methods accept; both AuthClient and GoogleAuth have it. */
export interface RequestingClient {
  request<T>(options: Record<string, unknown>): Promise<{ data: T; status: number }>;
}

/**
 * Delegated clients per service-account key object, then per subject and scope set: one key serves
 * many customers (each target names its own subject), the datasets of an audit that need the same
 * scopes share a token, and a later audit of the same customer with the same key object reuses it.
 * They live as long as the caller holds the key, and at most {@link DELEGATED_CLIENTS_PER_KEY} per
 * key (least recently used out first), so a sweep of a thousand customers does not keep a thousand
 * customers' clients.
 */
const delegatedClients = new WeakMap<ServiceAccountKey, Map<string, JWT>>();
/** Clients kept per key: a few scope sets for each of the customers audited at once, with room. */
export const DELEGATED_CLIENTS_PER_KEY = 256;

/**
 * The authenticated client for a target: its own `auth` as given, or a JWT client for a
 * service-account key with domain-wide delegation that impersonates `subject` with the given
 * scopes. Google refuses a whole token when one requested scope is missing from the delegation
 * entry, so each dataset asks only for its own scopes: a missing scope then fails only the
 * datasets that need it, and their reason names it.
 */
export function googleAuthClient(target: GoogleWorkspaceTarget, scopes: readonly string[] = GOOGLE_WORKSPACE_SCOPE_LIST): AuthClient | GoogleAuth {
  if (target.auth instanceof KeylessDelegation) return keylessClientFor(target.auth, scopes);
  if (target.auth) return target.auth as unknown as AuthClient;
  const key = target.credentials;
  if (!key || !target.subject) {
    throw new GoogleAuthFailure({
      kind: 'permission',
      detail: 'the target has neither auth nor a service-account key with subject (the super administrator to impersonate)',
    });
  }
  const wanted = [...new Set(scopes)].sort();
  const bySubject = delegatedClients.get(key) ?? new Map<string, JWT>();
  delegatedClients.set(key, bySubject);
  // Subjects are e-mail addresses, compared as Google does, without case.
  const cacheKey = `${target.subject.toLowerCase()}\n${wanted.join(' ')}`;
  let client = bySubject.get(cacheKey);
  if (client) {
    // Most recently used last, so the oldest goes first.
    bySubject.delete(cacheKey);
  } else {
    client = new JWT({ email: key.client_email, key: key.private_key, scopes: wanted, subject: target.subject, transporterOptions: PLATFORM_FETCH });
    if (bySubject.size >= DELEGATED_CLIENTS_PER_KEY) bySubject.delete(bySubject.keys().next().value!);
  }
  bySubject.set(cacheKey, client);
  return client;
}

interface SignJwtAnswer {
  keyId?: string;
  signedJwt?: string;
}

interface TokenAnswer {
  access_token?: string;
  expires_in?: number;
  token_type?: string;
  error?: string;
  error_description?: string;
}

/**
 * The OAuth2 client that signs as the service account for these scopes (one per scope set, kept
 * on the delegation object so every dataset of every audit using it shares tokens).
 */
export function keylessClientFor(delegation: KeylessDelegation, wanted: readonly string[]): OAuth2Client {
  const scopes = [...new Set(wanted)].sort();
  const key = scopes.join(' ');
  let client = delegation.clients.get(key) as OAuth2Client | undefined;
  if (!client) {
    const source = (delegation.options.sourceCredential as AuthClient | GoogleAuth | undefined) ?? defaultSource(delegation.options.serviceAccount);
    client = keylessClient(delegation.options, source, scopes);
    delegation.clients.set(key, client);
  }
  return client;
}

/**
 * Application Default Credentials (workload identity federation in GitHub Actions, the attached
 * account on Cloud Run): one per project for the process, shared by every keyless delegation that
 * names no source, so that a sweep of many customers federates once, not once per customer.
 */
function defaultSource(serviceAccount: string): GoogleAuth {
  const project = projectFor(serviceAccount);
  const key = project.projectId ?? '';
  let source = ambientSources.get(key);
  if (!source) {
    source = new GoogleAuth({ scopes: [CLOUD_PLATFORM_SCOPE], clientOptions: { transporterOptions: PLATFORM_FETCH }, ...project });
    ambientSources.set(key, source);
  }
  return source;
}
const ambientSources = new Map<string, GoogleAuth>();

/**
 * A project id for the ambient credential, which signing does not use: without one,
 * google-auth-library looks it up before its first request (the metadata server, then for a
 * workload identity federation file Cloud Resource Manager `projects.get`, which a federated
 * principal usually may not call, failing the sign-in). google-github-actions/auth exports
 * GOOGLE_CLOUD_PROJECT only when it knows the project; otherwise the service account's own
 * (`name@PROJECT.iam.gserviceaccount.com`) serves.
 */
function projectFor(serviceAccount: string): { projectId?: string } {
  const projectId = process.env.GOOGLE_CLOUD_PROJECT || process.env.GCLOUD_PROJECT || /^[^@]+@([a-z][a-z0-9-]{4,28}[a-z0-9])\.iam\.gserviceaccount\.com$/.exec(serviceAccount)?.[1];
  return projectId ? { projectId } : {};
}

function keylessClient(options: KeylessDelegationOptions, source: AuthClient | GoogleAuth, scopes: readonly string[]): OAuth2Client {
  const client = new OAuth2Client({ transporterOptions: PLATFORM_FETCH });
  let inFlight: Promise<{ access_token: string; expiry_date: number }> | undefined;

  const refresh = async (): Promise<{ access_token: string; expiry_date: number }> => {
    const iat = Math.floor(Date.now() / 1000);
    const claims = { iss: options.serviceAccount, sub: options.subject, scope: scopes.join(' '), aud: GOOGLE_TOKEN_URL, iat, exp: iat + MAX_ASSERTION_SECONDS };
    const assertion = await signJwt(source, options.serviceAccount, claims);
    const token = await exchangeAssertion(client, assertion, options.serviceAccount, scopes);
    return { access_token: token.access_token, expiry_date: (iat + (token.expires_in ?? MAX_ASSERTION_SECONDS)) * 1000 };
  };

  client.refreshHandler = () => {
    inFlight ??= refresh().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
  return client;
}

async function signJwt(source: AuthClient | GoogleAuth, serviceAccount: string, claims: Record<string, unknown>): Promise<string> {
  const url = `${IAM_CREDENTIALS_URL}/projects/-/serviceAccounts/${encodeURIComponent(serviceAccount)}:signJwt`;
  let answer: SignJwtAnswer;
  try {
    const response = await (source as unknown as RequestingClient).request<SignJwtAnswer>({
      url,
      method: 'POST',
      data: { payload: JSON.stringify(claims) },
      responseType: 'json',
      // Signing is idempotent, so a throttled or failed POST may be retried.
      retryConfig: { retry: 3, httpMethodsToRetry: ['POST'], statusCodesToRetry: [[429, 429], [500, 599]] },
    });
    answer = response.data;
  } catch (error) {
    throw new GoogleAuthFailure(signJwtReason(error, serviceAccount));
  }
  if (!answer.signedJwt) {
    throw new GoogleAuthFailure({ kind: 'api', detail: `IAM Credentials signJwt for ${serviceAccount} answered without a signed JWT` });
  }
  return answer.signedJwt;
}

async function exchangeAssertion(client: OAuth2Client, assertion: string, serviceAccount: string, scopes: readonly string[]): Promise<{ access_token: string; expires_in?: number }> {
  let answer: TokenAnswer;
  let status = 200;
  try {
    const response = await client.transporter.request<TokenAnswer>({
      url: GOOGLE_TOKEN_URL,
      method: 'POST',
      data: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }),
      responseType: 'json',
      retryConfig: { retry: 3, httpMethodsToRetry: ['POST'], statusCodesToRetry: [[429, 429], [500, 599]] },
    });
    answer = response.data;
  } catch (error) {
    const response = (error as { response?: { status?: number; data?: unknown } }).response;
    if (!response) throw new GoogleAuthFailure({ kind: 'api', detail: `the token endpoint did not answer (${safeMessage(error)})` });
    status = response.status ?? 0;
    answer = (typeof response.data === 'object' && response.data !== null ? response.data : {}) as TokenAnswer;
  }
  if (answer.access_token) return { access_token: answer.access_token, ...(answer.expires_in !== undefined ? { expires_in: Number(answer.expires_in) } : {}) };
  throw new GoogleAuthFailure(tokenEndpointReason(status, answer.error, answer.error_description, { serviceAccount }, scopes));
}

function signJwtReason(error: unknown, serviceAccount: string): Reason {
  const response = (error as { response?: { status?: number; data?: unknown } }).response;
  if (!response) {
    // google-auth-library found no ambient credential (no ADC, no federation config).
    if (/default credentials/i.test(safeMessage(error))) {
      return {
        kind: 'permission',
        detail: `no ambient Google credential to sign as ${serviceAccount} (${safeMessage(error)}): configure workload identity federation or Application Default Credentials, or pass sourceCredential`,
        needs: ['an ambient Google credential (Application Default Credentials or workload identity federation)'],
      };
    }
    return { kind: 'api', detail: `IAM Credentials signJwt did not answer (${safeMessage(error)})` };
  }
  const status = response.status ?? 0;
  const body = (response.data as { error?: { message?: string; status?: string; details?: { reason?: string }[] } } | undefined)?.error;
  const message = body?.message ? `: ${body.message}` : '';
  const disabled = body?.details?.some((detail) => detail.reason === 'SERVICE_DISABLED') || /has not been used|is disabled/i.test(body?.message ?? '');
  const ids = { status, ...(body?.status ? { code: body.status } : {}) };
  if (status === 403 && disabled) {
    return {
      kind: 'permission',
      detail: `IAM Credentials signJwt refused (403${message}): enable the IAM Service Account Credentials API (iamcredentials.googleapis.com) in the Google Cloud project`,
      needs: ['IAM Service Account Credentials API (iamcredentials.googleapis.com) enabled'],
      ...ids,
    };
  }
  if (status === 401 || status === 403 || status === 404) {
    return {
      kind: 'permission',
      detail:
        `IAM Credentials signJwt for ${serviceAccount} refused (${status}${message}): grant the ambient identity the ` +
        `Service Account Token Creator role (iam.serviceAccounts.signJwt) on ${serviceAccount}`,
      needs: [`roles/iam.serviceAccountTokenCreator on ${serviceAccount}`],
      ...ids,
    };
  }
  return { kind: 'api', detail: `IAM Credentials signJwt answered ${status}${message}`, ...ids };
}

