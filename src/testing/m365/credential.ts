import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { deterministicGuid } from './guid.js';
import type { Guid, M365TenantModel } from './model.js';

/** Graph's resource URI: the `aud` of tokens for `https://graph.microsoft.com/.default`. */
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';

/** The claims of a simulated app-only access token (a subset of what Entra issues). */
export interface SimulatedTokenClaims {
  aud: string;
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
  appid: Guid;
  app_displayname: string;
  appidacr: '1';
  idp: string;
  idtyp: 'app';
  oid: Guid;
  sub: Guid;
  tid: Guid;
  roles: string[];
  /**
   * Entra directory role template ids assigned to the app's service principal. Entra puts them in
   * app-only tokens; the Exchange Online admin API authorises cmdlets from them.
   */
  wids?: Guid[];
  ver: '1.0';
}

/** Options for {@link simulatedCredential}. */
export interface SimulatedCredentialOptions {
  /** The app's client id (the `appid` claim). Defaults to a fixed id. */
  appId?: Guid;
  /**
   * Override the `roles` claim; defaults to the model's `grantedPermissions` (for the Exchange Online
   * and Security & Compliance audiences, only the Office 365 Exchange Online app roles among them).
   */
  roles?: readonly string[];
  /** Override the `wids` claim; defaults to the model's `exchange.appDirectoryRoles`. */
  wids?: readonly string[];
  /** Token lifetime in seconds; Entra's app tokens last about an hour. Negative gives an expired token. */
  lifetimeSeconds?: number;
  /** Clock in epoch milliseconds (for fake timers). Defaults to `Date.now`. */
  now?: () => number;
}

const DEFAULT_APP_ID = deterministicGuid('tenant-audit', 'simulated-app');

/** The client id {@link simulatedCredential} puts in `appid` unless told otherwise; also the default of `simulatedApp`. */
export const SIMULATED_APP_ID: Guid = DEFAULT_APP_ID;

/** The `app_displayname` of the simulated auditing app. */
export const SIMULATED_APP_DISPLAY_NAME = 'tenant-audit (simulated)';

function base64UrlEncode(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base64UrlDecode(segment: string): string {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/**
 * The `aud` Entra puts in a token for these scopes: the resource of the first scope, i.e. the
 * scope without its last path segment (`https://graph.microsoft.com/.default` → `https://graph.microsoft.com`).
 */
export function audienceForScopes(scopes: string | readonly string[]): string {
  const first = (typeof scopes === 'string' ? scopes : scopes[0]) ?? `${GRAPH_RESOURCE}/.default`;
  const slash = first.lastIndexOf('/');
  return slash > 0 ? first.slice(0, slash) : first;
}

/** Resources of the "Office 365 Exchange Online" service principal (Exchange admin API, Security & Compliance). */
const EXCHANGE_AUDIENCES = new Set(['https://outlook.office365.com', 'https://outlook.office.com', 'https://ps.compliance.protection.outlook.com']);

/**
 * App roles of "Office 365 Exchange Online" that only it defines. Entra puts in a token only the
 * app roles of the token's resource, so Graph permissions never appear in an Exchange token. (Graph
 * tokens keep every granted permission, as before: the Graph simulator ignores unknown roles.)
 */
const EXCHANGE_APP_ROLES = new Set(['Exchange.ManageAsApp', 'full_access_as_app']);

/** What an app-only token is issued for: the input of {@link appTokenClaims}. */
export interface AppTokenGrant {
  /** The tenant the token is for (`tid`). */
  tenantId: Guid;
  /** The client application (`appid`). */
  appId: Guid;
  /** The application's display name (`app_displayname`). */
  appDisplayName: string;
  /** The service principal's object id (`oid`, `sub`); defaults to a GUID derived from tenant and app. */
  servicePrincipalId?: Guid;
  /** Application permissions granted to the app in the tenant. */
  roles: readonly string[];
  /**
   * Whether `roles` was chosen by the caller as the exact claim (a test override): then it is kept
   * as given, even for the Exchange audiences.
   */
  rolesAreExactClaim?: boolean;
  /** Directory role template ids of the service principal (`wids`). */
  wids: readonly string[];
  /** The requested scopes; the first one names the resource (`aud`). */
  scopes: string | readonly string[];
  /** Issue time in epoch milliseconds. */
  nowMs: number;
  /** Lifetime in seconds. */
  lifetimeSeconds: number;
}

/** The service principal object id the simulator uses when a model names none. */
export function defaultServicePrincipalId(tenantId: Guid, appId: Guid): Guid {
  return deterministicGuid('tenant-audit', 'service-principal', tenantId, appId);
}

/**
 * The claims of an app-only access token, as {@link simulatedCredential} and the simulated Entra
 * token endpoint both issue them, so Graph and Exchange simulators accept either the same way.
 */
export function appTokenClaims(grant: AppTokenGrant): SimulatedTokenClaims {
  const iat = Math.floor(grant.nowMs / 1000);
  const exp = iat + grant.lifetimeSeconds;
  const servicePrincipalId = grant.servicePrincipalId ?? defaultServicePrincipalId(grant.tenantId, grant.appId);
  const aud = audienceForScopes(grant.scopes);
  const tokenRoles =
    grant.rolesAreExactClaim !== true && EXCHANGE_AUDIENCES.has(aud) ? grant.roles.filter((role) => EXCHANGE_APP_ROLES.has(role)) : [...grant.roles];
  return {
    aud,
    iss: `https://sts.windows.net/${grant.tenantId}/`,
    iat,
    nbf: iat,
    exp,
    appid: grant.appId,
    app_displayname: grant.appDisplayName,
    appidacr: '1',
    idp: `https://sts.windows.net/${grant.tenantId}/`,
    idtyp: 'app',
    oid: servicePrincipalId,
    sub: servicePrincipalId,
    tid: grant.tenantId,
    roles: tokenRoles,
    // Entra leaves `wids` out of a token when the principal holds no directory role.
    ...(grant.wids.length > 0 ? { wids: [...grant.wids] } : {}),
    ver: '1.0',
  };
}

/** A JWT-shaped, unsigned (alg "none") token carrying `claims`: the simulators read claims and never verify a signature. */
export function encodeSimulatedToken(claims: SimulatedTokenClaims): string {
  const header = base64UrlEncode(JSON.stringify({ typ: 'JWT', alg: 'none' }));
  const payload = base64UrlEncode(JSON.stringify(claims));
  const signature = base64UrlEncode('tenant-audit-simulator-unsigned');
  return `${header}.${payload}.${signature}`;
}

function issueToken(
  tenantId: Guid,
  roles: readonly string[],
  scopes: string | readonly string[],
  options: SimulatedCredentialOptions,
  wids: readonly string[] = [],
): AccessToken {
  const claims = appTokenClaims({
    tenantId,
    appId: options.appId ?? DEFAULT_APP_ID,
    appDisplayName: SIMULATED_APP_DISPLAY_NAME,
    roles,
    rolesAreExactClaim: options.roles !== undefined,
    wids,
    scopes,
    nowMs: (options.now ?? Date.now)(),
    lifetimeSeconds: options.lifetimeSeconds ?? 3599,
  });
  return { token: encodeSimulatedToken(claims), expiresOnTimestamp: claims.exp * 1000, tokenType: 'Bearer' };
}

/**
 * An `@azure/identity`-compatible credential for a simulated tenant. Its tokens are JWT-shaped
 * (unsigned) and carry the claims of a real app-only token: `tid`, `roles` (the model's granted
 * application permissions), `aud` (the resource of the requested scope), `appid`, `exp`, and
 * `wids` (the app's directory roles, from `exchange.appDirectoryRoles`).
 *
 * @example
 * const practice = typicalPractice();
 * const simulator = startSimulator({ m365: [practice] });
 * const report = await audit({ provider: 'm365', tenantId: practice.tenantId, credential: simulatedCredential(practice) });
 */
export function simulatedCredential(
  model: Pick<M365TenantModel, 'tenantId' | 'grantedPermissions'> & { exchange?: { appDirectoryRoles: readonly string[] } | undefined },
  options: SimulatedCredentialOptions = {},
): TokenCredential {
  return {
    getToken: async (scopes: string | string[], getTokenOptions?: GetTokenOptions): Promise<AccessToken> => {
      refuseOtherTenant(model.tenantId, getTokenOptions?.tenantId);
      return issueToken(model.tenantId, options.roles ?? model.grantedPermissions, scopes, options, options.wids ?? model.exchange?.appDirectoryRoles ?? []);
    },
  };
}

/**
 * What `@azure/identity` does when a credential built for one tenant is asked for a token in
 * another (`getToken(scopes, { tenantId })`) without `additionallyAllowedTenants`: it throws a
 * CredentialUnavailableError before any request (processMultiTenantRequest in
 * @azure/identity/dist/esm/util/processMultiTenantRequest.js; the tenant ids are compared as
 * written). A simulated credential holds one tenant's grants, so it never allows another.
 */
function refuseOtherTenant(builtFor: string, asked: string | undefined): void {
  if (asked === undefined || asked === builtFor) return;
  const error = new Error(
    `The current credential is not configured to acquire tokens for tenant ${asked}. To enable acquiring tokens for this tenant add it to the AdditionallyAllowedTenants on the credential options, or add "*" to AdditionallyAllowedTenants to allow acquiring tokens for any tenant.`,
  );
  error.name = 'CredentialUnavailableError';
  throw error;
}

/**
 * A credential for a tenant no simulator knows: Graph answers its requests with
 * 401 `InvalidAuthenticationToken`.
 */
export function unknownTenantCredential(
  tenantId: Guid = '00000000-0000-4000-8000-000000000000',
  options: SimulatedCredentialOptions = {},
): TokenCredential {
  return simulatedCredential({ tenantId, grantedPermissions: [...(options.roles ?? ['User.Read.All'])] }, options);
}

/** Why a bearer token could not be read. */
export type TokenProblem = 'missing' | 'malformed';

/** Reads the claims of a JWT-shaped bearer token without verifying it (the simulator trusts its own). */
export function readBearerToken(authorization: string | null): { claims: Partial<SimulatedTokenClaims> } | { problem: TokenProblem } {
  const match = /^Bearer\s+(.*)$/i.exec(authorization?.trim() ?? '');
  const token = match?.[1]?.trim() ?? '';
  if (token === '') return { problem: 'missing' };
  const parts = token.split('.');
  if (parts.length !== 3 || parts[1] === undefined) return { problem: 'malformed' };
  try {
    const claims: unknown = JSON.parse(base64UrlDecode(parts[1]));
    if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) return { problem: 'malformed' };
    return { claims: claims as Partial<SimulatedTokenClaims> };
  } catch {
    return { problem: 'malformed' };
  }
}
