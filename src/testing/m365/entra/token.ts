import { appTokenClaims, encodeSimulatedToken } from '../credential.js';
import type { M365TenantModel } from '../model.js';
import { findTenant, FIRST_PARTY_RESOURCES, isTenantIdentifier, servicePrincipalsOf } from './directory.js';
import {
  applicationNotFound,
  assertionKeyExpired,
  assertionKeyNotFound,
  assertionOutsideValidTime,
  assertionSignatureInvalid,
  commonEndpointNotSupported,
  expiredClientSecret,
  invalidAssertion,
  invalidClientSecret,
  invalidScope,
  invalidTenantIdentifier,
  missingClientCredential,
  missingParameter,
  missingServicePrincipal,
  multipleResources,
  noMatchingFederatedIdentity,
  noTenantIdentifyingInformation,
  notSimulated,
  resourceParameterNotSupported,
  resourcePrincipalNotFound,
  scopeNotDefault,
  subjectMismatchesIssuer,
  tenantNotFound,
  tokenHeaders,
  unsupportedGrantType,
  wrongVerb,
  type EntraRequestContext,
  type EntraResponse,
} from './errors.js';
import { simulatedIssuerPublicKey } from './federation.js';
import { decodeJwt, numericDate, verifyJwtSignature, type DecodedJwt } from './jwt.js';
import type { EntraAppRegistration, EntraServicePrincipal } from './model.js';
import { registeredCertificate } from './x509.js';

/**
 * `POST https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token` for the client credentials
 * grant ("Microsoft identity platform and the OAuth 2.0 client credentials flow"): a shared secret
 * (`client_secret`, or HTTP Basic as RFC 6749 §2.3.1 allows), a certificate-signed client assertion
 * (certificate-credentials article: `x5t#S256`/`x5t` header, `aud` the token endpoint, `iss` and
 * `sub` the client id), or a federated assertion from an external issuer matched against the app's
 * federated identity credentials (issuer, subject and audience, compared exactly).
 *
 * Checks run in this order: tenant, request parameters, client, credential, resource. Parameters
 * MSAL adds for telemetry (`client-request-id`, `x-client-SKU`, `x-client-VER`, `x-client-OS`,
 * `x-client-CPU`, `x-ms-lib-capability`, `x-client-current-telemetry`, `claims`…) are accepted and
 * ignored, as Entra does; the v1 `resource` parameter is refused (AADSTS901002).
 */

/** The grant types of Entra's v2.0 token endpoint that this simulator does not model (answered 501, not 70003). */
const OTHER_REAL_GRANTS = new Set([
  'authorization_code',
  'refresh_token',
  'password',
  'urn:ietf:params:oauth:grant-type:device_code',
  'device_code',
  'urn:ietf:params:oauth:grant-type:jwt-bearer',
  'urn:ietf:params:oauth:grant-type:saml1_1-bearer',
  'urn:ietf:params:oauth:grant-type:saml2-bearer',
]);

/** Scopes MSAL once added to every request; Entra ignores them on the client credentials grant. */
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

/** The only `client_assertion_type` (RFC 7523 §2.2). */
export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Clock skew tolerated on assertion times (assumed: five minutes, as common JWT validators allow). */
const SKEW_SECONDS = 300;

/** What the token endpoint needs besides the request. */
export interface TokenEndpointState {
  tenants: readonly M365TenantModel[];
  apps: readonly EntraAppRegistration[];
  tokenLifetimeSeconds: number;
}

/** A token request as the handler reads it. */
export interface TokenRequest {
  method: string;
  tenantSegment: string;
  /** The form fields of the body (`application/x-www-form-urlencoded`). */
  fields: URLSearchParams;
  /** The `Authorization` header, for client_secret_basic. */
  authorization: string | null;
}

/** The outcome, with what the request log records. */
export interface TokenOutcome {
  response: EntraResponse;
  tenantId: string | null;
}

function basicCredentials(authorization: string | null): { clientId: string; clientSecret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(authorization?.trim() ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  // RFC 6749 §2.3.1: both parts are form-urlencoded before being joined.
  const decode = (text: string) => decodeURIComponent(text.replace(/\+/g, ' '));
  try {
    return { clientId: decode(decoded.slice(0, colon)), clientSecret: decode(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

/** The resource part of a `.default` scope: `https://graph.microsoft.com/.default` → `https://graph.microsoft.com`. */
function resourceOf(scope: string): string {
  return scope.slice(0, -'/.default'.length);
}

function normalisedResource(resource: string): string {
  return resource.replace(/\/+$/, '').toLowerCase();
}

function hex(base64url: string): string {
  return Buffer.from(base64url, 'base64url').toString('hex').toUpperCase();
}

/** The assertion's audience as a string (a one-element array is accepted too). */
function audienceOf(jwt: DecodedJwt): string | undefined {
  const aud = jwt.claims['aud'];
  if (typeof aud === 'string') return aud;
  if (Array.isArray(aud) && typeof aud[0] === 'string') return aud[0];
  return undefined;
}

/** Whether a certificate assertion's `aud` is this tenant's token endpoint (v2.0 or v1, by id or domain). */
function audienceNamesTenant(aud: string, tenant: M365TenantModel, tenants: readonly M365TenantModel[]): boolean {
  let url: URL;
  try {
    url = new URL(aud);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || !['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com', 'sts.windows.net'].includes(url.host.toLowerCase())) return false;
  const [segment = '', ...rest] = url.pathname.split('/').filter((part) => part !== '');
  const path = rest.join('/');
  if (path !== 'oauth2/v2.0/token' && path !== 'oauth2/token') return false;
  return findTenant(tenants, segment)?.tenantId === tenant.tenantId;
}

/** Checks the assertion's `nbf`/`exp` (700024). */
function checkAssertionTime(ctx: EntraRequestContext, jwt: DecodedJwt): EntraResponse | null {
  const nowSeconds = ctx.now.getTime() / 1000;
  const exp = numericDate(jwt.claims['exp']);
  const nbf = numericDate(jwt.claims['nbf']);
  // Entra reports a missing `nbf` as valid from the epoch (msal4j#984, MSAL.NET#4951).
  const validFrom = new Date((nbf ?? 0) * 1000);
  const expires = new Date((exp ?? 0) * 1000);
  if (exp === undefined || exp + SKEW_SECONDS <= nowSeconds || (nbf !== undefined && nbf - SKEW_SECONDS > nowSeconds)) {
    return assertionOutsideValidTime(ctx, validFrom, expires);
  }
  return null;
}

function isCurrent(start: string, end: string, now: Date): boolean {
  return Date.parse(start) <= now.getTime() && now.getTime() < Date.parse(end);
}

function checkSecret(ctx: EntraRequestContext, app: EntraAppRegistration, secret: string): EntraResponse | null {
  const match = app.passwordCredentials.find((credential) => credential.secretText === secret);
  if (!match || Date.parse(match.startDateTime) > ctx.now.getTime()) return invalidClientSecret(ctx, app.appId);
  if (ctx.now.getTime() >= Date.parse(match.endDateTime)) return expiredClientSecret(ctx, app.appId);
  return null;
}

function checkCertificateAssertion(
  ctx: EntraRequestContext,
  app: EntraAppRegistration,
  jwt: DecodedJwt,
  tenant: M365TenantModel,
  tenants: readonly M365TenantModel[],
): EntraResponse | null {
  if (String(jwt.claims['sub'] ?? '').toLowerCase() !== app.appId.toLowerCase()) return subjectMismatchesIssuer(ctx);
  const aud = audienceOf(jwt);
  if (aud === undefined || !audienceNamesTenant(aud, tenant, tenants)) return invalidAssertion(ctx, 'audience');
  const x5tS256 = typeof jwt.header['x5t#S256'] === 'string' ? jwt.header['x5t#S256'] : undefined;
  const x5t = typeof jwt.header['x5t'] === 'string' ? jwt.header['x5t'] : undefined;
  if (x5tS256 === undefined && x5t === undefined) return invalidAssertion(ctx, 'no-thumbprint');
  const thumbprint = hex(x5tS256 ?? x5t ?? '');
  const registered = app.keyCredentials
    .map(registeredCertificate)
    .find((certificate) => (x5tS256 !== undefined ? certificate.x5tS256 === x5tS256 : certificate.x5t === x5t));
  if (!registered) return assertionKeyNotFound(ctx, thumbprint, app.appId);
  const { startDateTime, endDateTime } = registered.credential;
  if (!isCurrent(startDateTime, endDateTime, ctx.now)) return assertionKeyExpired(ctx, thumbprint, startDateTime, endDateTime);
  if (!registered.publicKey || !verifyJwtSignature(jwt, registered.publicKey)) {
    return assertionSignatureInvalid(ctx, thumbprint, app.appId, { start: startDateTime, end: endDateTime });
  }
  return checkAssertionTime(ctx, jwt);
}

function checkFederatedAssertion(ctx: EntraRequestContext, app: EntraAppRegistration, jwt: DecodedJwt): EntraResponse | null {
  const issuer = String(jwt.claims['iss'] ?? '');
  const subject = String(jwt.claims['sub'] ?? '');
  const audience = audienceOf(jwt) ?? '';
  const trusted = app.federatedIdentityCredentials.some(
    (credential) => credential.issuer === issuer && credential.subject === subject && credential.audiences.includes(audience),
  );
  if (!trusted) return noMatchingFederatedIdentity(ctx, issuer, subject, audience);
  // Entra verifies with the issuer's published keys; the simulator knows the keys of issuers it signed for.
  const key = simulatedIssuerPublicKey(issuer, jwt.header['kid']);
  if (!key || jwt.header['alg'] !== 'RS256' || !verifyJwtSignature(jwt, key)) {
    return assertionSignatureInvalid(ctx, String(jwt.header['kid'] ?? ''), app.appId);
  }
  return checkAssertionTime(ctx, jwt);
}

/** The client application: unknown or not usable in this tenant → 700016, no service principal → 7000229. */
function findClient(
  ctx: EntraRequestContext,
  state: TokenEndpointState,
  tenant: M365TenantModel,
  clientId: string,
): { app: EntraAppRegistration; servicePrincipal: EntraServicePrincipal } | { response: EntraResponse } {
  const app = state.apps.find((candidate) => candidate.appId.toLowerCase() === clientId.toLowerCase());
  const home = app !== undefined && app.homeTenantId.toLowerCase() === tenant.tenantId.toLowerCase();
  if (!app || (app.signInAudience === 'AzureADMyOrg' && !home)) return { response: applicationNotFound(ctx, clientId, tenant.displayName) };
  const servicePrincipal = servicePrincipalsOf(tenant).find((candidate) => candidate.appId.toLowerCase() === app.appId.toLowerCase());
  if (!servicePrincipal) return { response: missingServicePrincipal(ctx, app.appId, tenant.tenantId) };
  return { app, servicePrincipal };
}

/** Answers a token request. */
export function answerTokenRequest(ctx: EntraRequestContext, state: TokenEndpointState, request: TokenRequest): TokenOutcome {
  const none = (response: EntraResponse): TokenOutcome => ({ response, tenantId: null });
  if (request.method !== 'POST') return none(request.method === 'OPTIONS' ? notSimulated(ctx, 'CORS preflight requests') : wrongVerb(ctx, request.method));

  const segment = request.tenantSegment.toLowerCase();
  if (segment === 'common' || segment === 'consumers') return none(commonEndpointNotSupported(ctx));
  if (segment === 'organizations') return none(noTenantIdentifyingInformation(ctx));
  if (!isTenantIdentifier(request.tenantSegment)) return none(invalidTenantIdentifier(ctx, request.tenantSegment, 'token'));
  const tenant = findTenant(state.tenants, request.tenantSegment);
  if (!tenant) return none(tenantNotFound(ctx, request.tenantSegment, 'token'));
  const respond = (response: EntraResponse): TokenOutcome => ({ response, tenantId: tenant.tenantId });

  const { fields } = request;
  if (fields.has('resource')) return respond(resourceParameterNotSupported(ctx));
  const grantType = fields.get('grant_type') ?? '';
  if (grantType === '') return respond(missingParameter(ctx, 'grant_type'));
  if (grantType !== 'client_credentials') {
    return respond(OTHER_REAL_GRANTS.has(grantType) ? notSimulated(ctx, `the '${grantType}' grant`) : unsupportedGrantType(ctx, grantType));
  }
  const basic = basicCredentials(request.authorization);
  const clientId = fields.get('client_id') ?? basic?.clientId ?? '';
  if (clientId === '') return respond(missingParameter(ctx, 'client_id'));
  const scopeText = fields.get('scope') ?? '';
  if (scopeText.trim() === '') return respond(missingParameter(ctx, 'scope'));

  const requested = scopeText.split(/\s+/).filter((scope) => scope !== '');
  const resourceScopes = requested.filter((scope) => !OIDC_SCOPES.has(scope.toLowerCase()));
  if (resourceScopes.length === 0) return respond(scopeNotDefault(ctx, requested[0] ?? scopeText));
  const notDefault = resourceScopes.find((scope) => !scope.endsWith('/.default'));
  if (notDefault !== undefined) return respond(scopeNotDefault(ctx, notDefault));
  const scope = resourceScopes[0]!;
  const resource = resourceOf(scope);
  if (resource.replace(/\/+$/, '') === '') return respond(invalidScope(ctx, scope));
  if (new Set(resourceScopes.map((candidate) => normalisedResource(resourceOf(candidate)))).size > 1) return respond(multipleResources(ctx, scopeText));

  const client = findClient(ctx, state, tenant, clientId);
  if ('response' in client) return respond(client.response);
  const { app, servicePrincipal } = client;

  const secret = fields.get('client_secret') ?? basic?.clientSecret;
  const assertion = fields.get('client_assertion') ?? undefined;
  if (secret !== undefined && assertion !== undefined) return respond(notSimulated(ctx, 'requests with both client_secret and client_assertion'));
  if (secret !== undefined) {
    const problem = checkSecret(ctx, app, secret);
    if (problem) return respond(problem);
  } else if (assertion !== undefined) {
    const assertionType = fields.get('client_assertion_type');
    if (assertionType === null || assertionType === '') return respond(missingParameter(ctx, 'client_assertion_type'));
    if (assertionType !== JWT_BEARER_ASSERTION_TYPE) return respond(notSimulated(ctx, `client_assertion_type '${assertionType}'`));
    const jwt = decodeJwt(assertion);
    if (!jwt) return respond(invalidAssertion(ctx, 'malformed'));
    // A certificate assertion is issued by the app itself (certificate-credentials article); any other issuer is federation.
    const selfIssued = String(jwt.claims['iss'] ?? '').toLowerCase() === app.appId.toLowerCase();
    const problem = selfIssued ? checkCertificateAssertion(ctx, app, jwt, tenant, state.tenants) : checkFederatedAssertion(ctx, app, jwt);
    if (problem) return respond(problem);
  } else {
    return respond(missingClientCredential(ctx));
  }

  const wanted = normalisedResource(resource);
  const known = FIRST_PARTY_RESOURCES.find(
    (candidate) => candidate.appId === wanted || candidate.uris.some((uri) => uri.toLowerCase() === wanted),
  );
  if (!known || !known.presentIn(tenant)) return respond(resourcePrincipalNotFound(ctx, resource, tenant.displayName));

  const claims = appTokenClaims({
    tenantId: tenant.tenantId,
    appId: app.appId,
    appDisplayName: app.displayName,
    ...(servicePrincipal.id === undefined ? {} : { servicePrincipalId: servicePrincipal.id }),
    roles: servicePrincipal.grantedPermissions ?? tenant.grantedPermissions,
    wids: servicePrincipal.appDirectoryRoles ?? tenant.exchange?.appDirectoryRoles ?? [],
    scopes: scope,
    nowMs: ctx.now.getTime(),
    lifetimeSeconds: state.tokenLifetimeSeconds,
  });
  return respond({
    status: 200,
    headers: { ...tokenHeaders(ctx), 'x-ms-clitelem': '1,0,0,,' },
    body: {
      token_type: 'Bearer',
      expires_in: state.tokenLifetimeSeconds,
      ext_expires_in: state.tokenLifetimeSeconds,
      access_token: encodeSimulatedToken(claims),
    },
  });
}

