import { createHash, createSign, createVerify } from 'node:crypto';
import type { GoogleSimulatorState, IssuedToken } from './api.js';
import { privateKeyFor, publicKeyObject } from './credential.js';
import { googleError, invalidCredentials, jsonHeaders, missingCredentials, serviceDisabled, type GoogleResponse, type JsonObject } from './http.js';
import type { GoogleUserModel, GoogleWorkspaceModel, ServiceAccountPublicKey } from './model.js';

/**
 * The OAuth 2.0 token endpoint for the JWT bearer grant (`POST https://oauth2.googleapis.com/token`,
 * RFC 7523, Google's "Using OAuth 2.0 for Server to Server Applications"), and IAM Credentials
 * `signJwt` for the keyless path. Error texts are Google's, as quoted in public issues:
 * - `invalid_grant` "Invalid JWT Signature." (a key Google does not hold for the account),
 *   "Invalid grant: account not found" (unknown service account), "Invalid email or User ID"
 *   (the `sub` is not an active user), "Invalid JWT: Failed audience check.", "Invalid JWT: Token
 *   must be a short-lived token (60 minutes) and in a reasonable timeframe. ..." — all HTTP 400;
 * - `unauthorized_client` "Client is unauthorized to retrieve access tokens using this method, or
 *   client not authorized for any of the scopes requested." — HTTP 401 (hlavki/g-suite-identity-sync#7
 *   logs the status), when a requested scope is not in the domain-wide delegation grant;
 * - `invalid_scope` "Invalid OAuth scope or ID token audience provided.", `unsupported_grant_type`
 *   "Invalid grant_type: <value>".
 */

/** The token endpoint's URL, which is also the only `aud` it accepts. */
export const TOKEN_URL = 'https://oauth2.googleapis.com/token';
/** The JWT bearer grant type. */
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Google's access tokens last an hour (`expires_in` 3599). */
const TOKEN_LIFETIME_SECONDS = 3599;
/** Clock skew Google tolerates on `iat`. */
const SKEW_SECONDS = 300;

function oauthError(status: number, error: string, description: string): GoogleResponse {
  return {
    status,
    headers: { ...jsonHeaders(), 'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate', Pragma: 'no-cache' },
    body: { error, error_description: description },
  };
}

function base64UrlJson(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A decoded compact JWS. */
interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

function decodeJwt(assertion: string): DecodedJwt | undefined {
  const parts = assertion.split('.');
  if (parts.length !== 3) return undefined;
  const [headerPart = '', claimsPart = '', signaturePart = ''] = parts;
  const header = asObject(base64UrlJson(headerPart));
  const claims = asObject(base64UrlJson(claimsPart));
  if (!header || !claims) return undefined;
  return { header, claims, signingInput: `${headerPart}.${claimsPart}`, signature: Buffer.from(signaturePart, 'base64url') };
}

function verifiesWith(jwt: DecodedJwt, key: ServiceAccountPublicKey): boolean {
  try {
    return createVerify('RSA-SHA256').update(jwt.signingInput).verify(publicKeyObject(key.publicKeyPem), jwt.signature);
  } catch {
    return false;
  }
}

/** A numeric claim; Google also accepts numeric strings. */
function numericClaim(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

function looksLikeScope(scope: string): boolean {
  return /^https:\/\/www\.googleapis\.com\/auth\/[A-Za-z0-9._-]+$/.test(scope) || ['openid', 'email', 'profile', 'https://mail.google.com/'].includes(scope);
}

function findActiveUser(model: GoogleWorkspaceModel, email: string): GoogleUserModel | undefined {
  return model.users.find((user) => user.primaryEmail.toLowerCase() === email.toLowerCase() && !user.suspended);
}

function issueToken(state: GoogleSimulatorState, issued: Omit<IssuedToken, 'expiresAt'>): GoogleResponse {
  state.issued += 1;
  const digest = createHash('sha256')
    .update(`${state.issued}|${issued.model.customer.id}|${issued.subject?.primaryEmail ?? ''}|${Date.now()}`)
    .digest('base64url');
  // Shaped like Google's service-account access tokens ("ya29.c.…"); opaque to clients.
  const accessToken = `ya29.c.${digest}${digest.slice(0, 20)}`;
  state.tokens.set(accessToken, { ...issued, expiresAt: Date.now() + TOKEN_LIFETIME_SECONDS * 1000 });
  return {
    status: 200,
    headers: { ...jsonHeaders(), 'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate', Pragma: 'no-cache' },
    body: { access_token: accessToken, expires_in: TOKEN_LIFETIME_SECONDS, token_type: 'Bearer' },
  };
}

function formFields(request: { contentType: string; bodyText: string }): Record<string, string> {
  if (request.contentType.includes('application/json')) {
    const parsed = asObject((() => {
      try {
        return JSON.parse(request.bodyText) as unknown;
      } catch {
        return undefined;
      }
    })());
    return Object.fromEntries(Object.entries(parsed ?? {}).filter(([, value]) => typeof value === 'string')) as Record<string, string>;
  }
  return Object.fromEntries(new URLSearchParams(request.bodyText));
}

/** Answers `POST https://oauth2.googleapis.com/token` (JWT bearer grant only). */
export function answerTokenRequest(
  state: GoogleSimulatorState,
  request: { method: string; path: string; contentType: string; bodyText: string },
): { response: GoogleResponse; model: GoogleWorkspaceModel | null } {
  const none = (response: GoogleResponse) => ({ response, model: null });
  if (request.path !== '/token') return none(oauthError(404, 'not_found', 'Not Found'));
  if (request.method !== 'POST') return none(oauthError(405, 'invalid_request', 'Method not allowed'));
  const fields = formFields(request);
  const grantType = fields['grant_type'] ?? '';
  if (grantType !== JWT_BEARER_GRANT) {
    return none(
      grantType === ''
        ? oauthError(400, 'unsupported_grant_type', 'Invalid grant_type: ')
        : oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType}`),
    );
  }
  const assertion = fields['assertion'] ?? '';
  if (assertion === '') return none(oauthError(400, 'invalid_request', 'Missing required parameter: assertion'));
  const jwt = decodeJwt(assertion);
  if (!jwt || jwt.header['alg'] !== 'RS256') return none(oauthError(400, 'invalid_grant', 'Invalid JWT Signature.'));

  const issuer = jwt.claims['iss'];
  if (typeof issuer !== 'string' || issuer === '') return none(oauthError(400, 'invalid_grant', 'Invalid email or User ID'));
  const candidates = state.models.filter((model) => model.serviceAccount.clientEmail.toLowerCase() === issuer.toLowerCase());
  if (candidates.length === 0) return none(oauthError(400, 'invalid_grant', 'Invalid grant: account not found'));

  // Google checks the signature against the account's keys (the `kid`, when given, names one).
  const kid = typeof jwt.header['kid'] === 'string' ? jwt.header['kid'] : undefined;
  const keys = candidates.flatMap((model) => model.serviceAccount.keys).filter((key) => kid === undefined || key.keyId === kid);
  if (!keys.some((key) => verifiesWith(jwt, key))) return none(oauthError(400, 'invalid_grant', 'Invalid JWT Signature.'));

  if (jwt.claims['aud'] !== TOKEN_URL) return none(oauthError(400, 'invalid_grant', 'Invalid JWT: Failed audience check.'));
  const nowSeconds = Math.floor(Date.now() / 1000);
  const iat = numericClaim(jwt.claims['iat']);
  const exp = numericClaim(jwt.claims['exp']);
  const timeframe =
    'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.';
  if (iat === undefined || exp === undefined || exp <= iat || exp - iat > 3600 || iat > nowSeconds + SKEW_SECONDS || exp < nowSeconds) {
    return none(oauthError(400, 'invalid_grant', timeframe));
  }

  const scopeClaim = typeof jwt.claims['scope'] === 'string' ? jwt.claims['scope'] : '';
  const scopes = scopeClaim.split(/\s+/).filter((scope) => scope !== '');
  if (scopes.length === 0 || !scopes.every(looksLikeScope)) return none(oauthError(400, 'invalid_scope', 'Invalid OAuth scope or ID token audience provided.'));

  const sub = jwt.claims['sub'];
  if (sub === undefined || sub === issuer) {
    // No delegation: a token for the service account itself (not an admin of anything).
    const model = candidates[0]!;
    return { response: issueToken(state, { model, subject: null, scopes: new Set(scopes) }), model };
  }
  if (typeof sub !== 'string' || !sub.includes('@')) return none(oauthError(400, 'invalid_grant', 'Not a valid email'));
  for (const model of candidates) {
    const subject = findActiveUser(model, sub);
    if (!subject) continue;
    const grant = model.domainWideDelegation.find((entry) => entry.clientId === model.serviceAccount.clientId);
    if (!grant || !scopes.every((scope) => grant.scopes.includes(scope))) {
      return {
        response: oauthError(
          401,
          'unauthorized_client',
          'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
        ),
        model,
      };
    }
    return { response: issueToken(state, { model, subject, scopes: new Set(scopes) }), model };
  }
  return none(oauthError(400, 'invalid_grant', 'Invalid email or User ID'));
}

// ---------------------------------------------------------------------------------------------
// IAM Credentials signJwt

/**
 * Answers `POST https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/{email}:signJwt`
 * with `{"payload": "<JSON claims>"}` → `{"keyId", "signedJwt"}`, signed with the account's
 * Google-managed key. Authorised by the model's federated token (workload identity federation).
 */
export function answerSignJwt(
  state: GoogleSimulatorState,
  request: { method: string; path: string; authorization: string | null; bodyText: string },
): { response: GoogleResponse; model: GoogleWorkspaceModel | null } {
  const none = (response: GoogleResponse) => ({ response, model: null });
  const match = /^\/v1\/projects\/([^/]+)\/serviceAccounts\/([^/:]+):signJwt$/.exec(request.path);
  if (!match) return none(googleError({ dialect: 'oneplatform', status: 404, message: 'Not Found' }));
  if (request.method !== 'POST') return none(googleError({ dialect: 'oneplatform', status: 405, message: 'Method Not Allowed', statusName: 'UNIMPLEMENTED' }));
  const [, project = '', email = ''] = match;

  const bearer = /^Bearer\s+(\S+)$/i.exec(request.authorization?.trim() ?? '')?.[1];
  if (bearer === undefined) return none(missingCredentials('oneplatform', 'iamcredentials.googleapis.com', 'google.iam.credentials.v1.IAMCredentials.SignJwt'));
  const caller = state.models.find((model) => model.workloadIdentity?.federatedToken === bearer);
  if (!caller) return none(invalidCredentials('oneplatform', false));
  if (!caller.cloudProject.enabledApis.includes('iamcredentials.googleapis.com')) {
    return { response: serviceDisabled('oneplatform', 'iamcredentials.googleapis.com', caller.cloudProject.projectNumber), model: caller };
  }
  const target = state.models.find((model) => model.serviceAccount.clientEmail.toLowerCase() === email.toLowerCase());
  if (!target) {
    return { response: googleError({ dialect: 'oneplatform', status: 404, message: `Not found; Gaia id not found for email ${email}` }), model: caller };
  }
  const permitted =
    caller.workloadIdentity?.canSignJwt === true &&
    caller.serviceAccount.clientEmail.toLowerCase() === email.toLowerCase() &&
    (project === '-' || project === caller.cloudProject.projectId);
  if (!permitted) {
    return {
      response: googleError({
        dialect: 'oneplatform',
        status: 403,
        message: "Permission 'iam.serviceAccounts.signJwt' denied on resource (or it may not exist).",
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'IAM_PERMISSION_DENIED',
            domain: 'iam.googleapis.com',
            metadata: { permission: 'iam.serviceAccounts.signJwt' },
          },
        ],
      }),
      model: caller,
    };
  }

  let payloadText: unknown;
  try {
    payloadText = asObject(JSON.parse(request.bodyText) as unknown)?.['payload'];
  } catch {
    payloadText = undefined;
  }
  const payload = typeof payloadText === 'string' ? asObject((() => {
    try {
      return JSON.parse(payloadText) as unknown;
    } catch {
      return undefined;
    }
  })()) : undefined;
  if (!payload) return { response: googleError({ dialect: 'oneplatform', status: 400, message: 'Invalid JWT payload: it must be a JSON object.' }), model: caller };
  const exp = numericClaim(payload['exp']);
  if (exp !== undefined && exp > Math.floor(Date.now() / 1000) + 12 * 3600) {
    return { response: googleError({ dialect: 'oneplatform', status: 400, message: 'Invalid JWT payload: exp must be less than 12 hours in the future.' }), model: caller };
  }

  const key =
    caller.serviceAccount.keys.find((candidate) => candidate.keyType === 'SYSTEM_MANAGED' && privateKeyFor(candidate.publicKeyPem)) ??
    caller.serviceAccount.keys.find((candidate) => privateKeyFor(candidate.publicKeyPem));
  const privateKey = key ? privateKeyFor(key.publicKeyPem) : undefined;
  if (!key || !privateKey) return { response: googleError({ dialect: 'oneplatform', status: 500, message: 'Internal error encountered.' }), model: caller };
  const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid: key.keyId, typ: 'JWT' })).toString('base64url');
  const body = Buffer.from(payloadText as string).toString('base64url');
  const signature = createSign('RSA-SHA256').update(`${header}.${body}`).sign(privateKey).toString('base64url');
  const answer: JsonObject = { keyId: key.keyId, signedJwt: `${header}.${body}.${signature}` };
  return { response: { status: 200, headers: jsonHeaders(), body: answer }, model: caller };
}

